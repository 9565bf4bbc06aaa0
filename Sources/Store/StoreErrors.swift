import GRDB
import Kernel

/// Store's translation of SQLite failures into domain errors, so that no other module needs
/// GRDB's error types: `AppDatabase`'s reads and writes throw these instead of the SQLite
/// error, and the HTTP layer and the console answer them like any other `DomainError`.
public enum StoreErrors {
    /// A write broke a NOT NULL, UNIQUE, CHECK, foreign-key or trigger constraint (HTTP 409).
    public static let constraintViolation = DomainError(
        .conflict, code: "constraint_violation",
        zh: "与现有数据冲突", en: "The change conflicts with existing data"
    )

    /// The database is busy, locked, full, read-only or failing its I/O: try again (HTTP 503).
    public static let unavailable = DomainError(
        .unavailable, code: "database_unavailable",
        zh: "数据库暂时不可用，请稍后重试", en: "The database is unavailable; try again shortly"
    )

    /// The domain error for a database failure, or nil when `error` is not one Store translates
    /// (anything else is a bug, answered 500 and logged by the caller).
    public static func domainError(for error: any Error) -> DomainError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_CONSTRAINT:
            return constraintViolation
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR:
            return unavailable
        default:
            return nil
        }
    }

    /// `error` as a domain error when Store knows it, unchanged otherwise.
    static func translated(_ error: any Error) -> any Error {
        domainError(for: error) ?? error
    }
}

extension AppDatabase {
    /// Runs `body`, rethrowing a known SQLite failure as its domain error.
    func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw StoreErrors.translated(error)
        }
    }

    func translatingErrorsSync<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw StoreErrors.translated(error)
        }
    }
}
