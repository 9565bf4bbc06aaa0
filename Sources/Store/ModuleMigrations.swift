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

    public let module: String
    private let registration: @Sendable (inout DatabaseMigrator) -> Void
    public let auditObserver: AuditObserver?

    public init(
        module: String, auditObserver: AuditObserver? = nil,
        register: @escaping @Sendable (inout DatabaseMigrator) -> Void
    ) {
        self.module = module
        self.auditObserver = auditObserver
        self.registration = register
    }

    func register(in migrator: inout DatabaseMigrator) {
        registration(&migrator)
    }
}
