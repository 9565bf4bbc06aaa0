import GRDB
@testable import HTTPAPI
import Kernel
import Platform
import Testing

/// Database failures keep the answers clients had when the HTTP layer read SQLite's codes
/// itself: Store translates them now (StoreErrors.swift), whether they come through the write
/// path as domain errors or escape raw.
struct DatabaseErrorResponseTests {
    @Test(arguments: [
        (ResultCode.SQLITE_CONSTRAINT, 409, "constraint_violation"),
        (ResultCode.SQLITE_CONSTRAINT_UNIQUE, 409, "constraint_violation"),
        (ResultCode.SQLITE_CONSTRAINT_TRIGGER, 409, "constraint_violation"),
        (ResultCode.SQLITE_BUSY, 503, "database_unavailable"),
        (ResultCode.SQLITE_LOCKED, 503, "database_unavailable"),
        (ResultCode.SQLITE_FULL, 503, "database_unavailable"),
        (ResultCode.SQLITE_READONLY, 503, "database_unavailable"),
        (ResultCode.SQLITE_IOERR, 503, "database_unavailable"),
    ])
    func aDatabaseFailureIsAnsweredAsBefore(code: ResultCode, status: Int, problem: String) throws {
        let error = DatabaseError(resultCode: code, message: "from SQLite")
        let domain = try #require(ErrorTranslation.domainError(for: error))
        #expect(domain.code == problem)
        #expect(domain.kind.status.code == status)
        #expect(MetricsMiddleware.status(of: error) == status)
    }

    @Test func otherDatabaseFailuresAreStillInternalErrors() {
        let error = DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: x")
        #expect(ErrorTranslation.domainError(for: error) == nil)
        #expect(MetricsMiddleware.status(of: error) == 500)
    }
}
