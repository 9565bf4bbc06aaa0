import Foundation
import Kernel

/// Where an organisation wants its events POSTed.
public struct WebhookEndpoint: Codable, Sendable, Equatable {
    public var id: Int64
    public var organizationId: Int64
    public var url: String
    public var createdAt: Date
    public var rotatedAt: Date?
    public var disabledAt: Date?
}

/// An endpoint with its signing secret: the only answer that carries it (creation, rotation).
/// Never stored: a replayed request answers without it.
public struct WebhookEndpointWithSecret: Codable, Sendable, SecretBearing {
    public var endpoint: WebhookEndpoint
    /// Hex; the receiver's HMAC-SHA256 key.
    public var secret: String?
    public var secretShown: Bool

    public func withoutSecret() -> WebhookEndpointWithSecret {
        WebhookEndpointWithSecret(endpoint: endpoint, secret: nil, secretShown: true)
    }
}

/// One event's delivery to one endpoint.
public struct WebhookDelivery: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, delivered, failed
    }

    public var id: Int64
    public var endpointId: Int64
    public var eventId: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
}

/// What the platform tells an endpoint, and how hard it tries.
public struct WebhookSettings: Sendable {
    /// The server's webhook key: signing keys are derived from it and an endpoint's salt, so
    /// the database holds no secret. Kept outside the database (configuration, a key file).
    public var masterKey: [UInt8]
    /// Plain http and private, loopback or link-local addresses: only for tests on loopback.
    public var allowPrivateTargets: Bool
    public var maxEndpointsPerOrganization: Int
    /// The first retry after this long, doubling each time, with ±20 % jitter, at most `maxDelay`.
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// A delivery still failing this long after its event is given up (`failed`).
    public var giveUpAfter: TimeInterval
    public var timeout: TimeInterval

    public init(
        masterKey: [UInt8], allowPrivateTargets: Bool = false, maxEndpointsPerOrganization: Int = 5,
        firstDelay: TimeInterval = 30, maxDelay: TimeInterval = 3_600, giveUpAfter: TimeInterval = 72 * 3_600,
        timeout: TimeInterval = 10
    ) {
        self.masterKey = masterKey
        self.allowPrivateTargets = allowPrivateTargets
        self.maxEndpointsPerOrganization = maxEndpointsPerOrganization
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
        self.timeout = timeout
    }
}
