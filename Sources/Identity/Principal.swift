import Foundation
import Kernel

/// The identity behind a verified bearer token.
public struct Principal: Sendable, Equatable, Codable {
    public var userID: Int64
    public var username: String
    public var organizationID: Int64
    public var organizationKind: OrganizationKind
    public var city: CityCode
    public var role: Role
    public var tokenID: Int64
    public var tokenExpiresAt: Date
    /// A staff session without TOTP yet: it may only enrol (everything else is `totp_required`).
    public var enrollOnly: Bool = false

    /// The actor for one request by this principal.
    public func actor(requestID: String, idempotency: IdempotencyClaim? = nil) -> Actor {
        Actor(
            userID: userID, organizationID: organizationID, city: city, role: role,
            requestID: requestID, idempotency: idempotency
        )
    }
}
