import GRDB

/// One module's migrations. Each module hands one of these to `AppDatabase`, which runs
/// Store's own first and then the modules' in the order given.
///
/// A migration never changes after it lands: add a new one instead.
public struct ModuleMigrations: Sendable {
    public let module: String
    private let registration: @Sendable (inout DatabaseMigrator) -> Void

    public init(module: String, register: @escaping @Sendable (inout DatabaseMigrator) -> Void) {
        self.module = module
        self.registration = register
    }

    func register(in migrator: inout DatabaseMigrator) {
        registration(&migrator)
    }
}
