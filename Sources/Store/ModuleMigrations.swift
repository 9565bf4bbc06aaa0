import GRDB

/// One module's migrations. Each module hands one of these to `AppDatabase`, which runs
/// Store's own first and then the modules' in the order given.
///
/// A migration never changes after it lands: add a new one instead.
public struct ModuleMigrations: Sendable {
    /// Called inside the write transaction right after an audit entry is appended, with its
    /// sequence number and canonical bytes (the audit log's Merkle tree grows here). A throw
    /// rolls the whole write back.
    public typealias AuditObserver = @Sendable (Database, Int64, [UInt8]) throws -> Void

    /// Checks a write made by a broker for a client (`Actor.broker`, issue 18) inside its
    /// transaction: `before` ahead of the module's body (with the action), `after` it (with the
    /// target too). A throw refuses the write; a delegated write with no guard is refused.
    public struct WriteGuard: Sendable {
        public var before: @Sendable (Database, WriteContext, String) throws -> Void
        public var after: @Sendable (Database, WriteContext, String, String, String) throws -> Void

        public init(
            before: @escaping @Sendable (Database, WriteContext, String) throws -> Void,
            after: @escaping @Sendable (Database, WriteContext, String, String, String) throws -> Void
        ) {
            self.before = before
            self.after = after
        }
    }

    public let module: String
    public let writeGuard: WriteGuard?
    private let registration: @Sendable (inout DatabaseMigrator) -> Void
    public let auditObserver: AuditObserver?

    public init(
        module: String, auditObserver: AuditObserver? = nil, writeGuard: WriteGuard? = nil,
        register: @escaping @Sendable (inout DatabaseMigrator) -> Void
    ) {
        self.module = module
        self.writeGuard = writeGuard
        self.auditObserver = auditObserver
        self.registration = register
    }

    func register(in migrator: inout DatabaseMigrator) {
        registration(&migrator)
    }
}
