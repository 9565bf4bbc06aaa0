import Foundation
import GRDB
import Kernel

/// The little other modules need to know about a user: whom they act for and in which role.
public struct UserSummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var organizationId: Int64
    public var role: Role

    public init(id: Int64, organizationId: Int64, role: Role) {
        self.id = id
        self.organizationId = organizationId
        self.role = role
    }
}

/// Read-only lookups of users for other modules (issue 15: no module reads another module's
/// tables). Takes the caller's `Database`, so it runs inside the caller's transaction.
public enum UserDirectory {
    public static func user(_ db: Database, id: Int64) throws -> UserSummary? {
        try UserStore.find(db, id: id).map { UserSummary(id: $0.id, organizationId: $0.organizationId, role: $0.role) }
    }
}
