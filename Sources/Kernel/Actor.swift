/// Who performs a state change, for which organisation, from which request.
///
/// Every write carries one; it lands in the audit entry of that write.
public struct Actor: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A signed-in user or an API token acting for one.
        case user
        /// The platform itself: the command line, seeding, scheduled jobs.
        case system
    }

    public var kind: Kind
    public var userID: Int64?
    public var organizationID: Int64?
    /// The city of the actor's organisation; scopes a city administrator.
    public var city: CityCode?
    public var role: Role?
    /// For `system` actors, what acted (for example `cli:admin-create`).
    public var name: String?
    public var requestID: String
    /// Set when the request carried an `Idempotency-Key`.
    public var idempotency: IdempotencyClaim?
    /// True while the actor's organisation registered itself and its city has not verified it
    /// yet: publishing, applying, redeeming and connecting are refused (issue 18).
    public var organizationUnverified = false
    /// Set when a broker acts for a client under its delegation (issue 18): `userID` is then the
    /// broker's own user and `organizationID`, `city` and `role` are the client's (as a member),
    /// so every rule sees the client; the write path checks the delegation inside the transaction.
    public var broker: BrokerStamp?

    public init(
        userID: Int64,
        organizationID: Int64,
        city: CityCode,
        role: Role,
        requestID: String,
        idempotency: IdempotencyClaim? = nil,
        organizationUnverified: Bool = false
    ) {
        self.organizationUnverified = organizationUnverified
        self.kind = .user
        self.userID = userID
        self.organizationID = organizationID
        self.city = city
        self.role = role
        self.name = nil
        self.requestID = requestID
        self.idempotency = idempotency
        self.broker = nil
    }

    public static func system(_ name: String, requestID: String) -> Actor {
        Actor(kind: .system, name: name, requestID: requestID)
    }

    private init(kind: Kind, name: String, requestID: String) {
        self.kind = kind
        self.userID = nil
        self.organizationID = nil
        self.city = nil
        self.role = nil
        self.name = name
        self.requestID = requestID
        self.idempotency = nil
        self.broker = nil
    }

    /// A caller-unique string used to scope idempotency keys.
    public var callerKey: String {
        switch kind {
        case .user:
            // A broker's replay is scoped to the client it acted for, never shared across clients.
            broker == nil ? "user:\(userID ?? 0)" : "user:\(userID ?? 0)@org:\(organizationID ?? 0)"
        case .system: "system:\(name ?? "")"
        }
    }
}

/// The broker side of a delegated write: the broker's own organisation (its agency or
/// sub-market) and its role there, for the audit entry.
public struct BrokerStamp: Sendable, Hashable, Codable {
    public var organizationID: Int64
    public var role: Role

    public init(organizationID: Int64, role: Role) {
        self.organizationID = organizationID
        self.role = role
    }
}

/// The client's `Idempotency-Key` with a digest of the request it came with.
public struct IdempotencyClaim: Sendable, Hashable, Codable {
    public var key: String
    /// Hex SHA-256 of the method, path and body.
    public var requestHash: String

    public init(key: String, requestHash: String) {
        self.key = key
        self.requestHash = requestHash
    }
}
