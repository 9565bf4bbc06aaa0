import Foundation
import GRDB
import Kernel
import Store

/// Reading contracts: one by id, and the contracts a viewer may see, a page at a time.
extension ContractService {
    /// The contract, to a party, its clerk, an auditor or a platform administrator; "not found"
    /// to anyone else (its existence is not revealed).
    public func get(_ id: Int64, viewer: Actor) async throws -> Contract {
        let contract = try await database.read { db in try ContractStore.find(db, id: id) }
        guard let contract, ContractAccess.canRead(ContractAccess.role(of: viewer, on: contract)) else {
            throw DealsError.contractNotFound
        }
        return contract
    }

    /// The contracts a viewer may read, in id order after the cursor: a party's own; a
    /// clerk's city's applied ones; everything for auditors and platform administrators.
    public func list(viewer: Actor, status: ContractStatus? = nil, page: PageRequest) async throws -> Page<Contract> {
        guard viewer.kind == .user, let role = viewer.role else { return Page(items: [], nextCursor: nil) }
        var clauses = ["(? IS NULL OR status = ?)", "id > ?"]
        var arguments: StatementArguments = [status?.rawValue, status?.rawValue, page.after ?? 0]
        switch role {
        case .orgAdmin, .orgMember:
            clauses.append("(buyer_org_id = ? OR seller_org_id = ?)")
            _ = arguments.append(contentsOf: [viewer.organizationID, viewer.organizationID])
        case .cityAdmin:
            clauses.append("seller_city = ? AND json_extract(document, '$.registration.appliedAt') IS NOT NULL")
            _ = arguments.append(contentsOf: [viewer.city?.rawValue])
        case .auditor, .platformAdmin:
            break
        case .expert:
            return Page(items: [], nextCursor: nil)
        }
        let sql = "SELECT id FROM deal_contracts WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT ?"
        let bound = arguments + [page.limit + 1]
        let items = try await database.read { db in
            try Int64.fetchAll(db, sql: sql, arguments: bound).compactMap {
                try ContractStore.find(db, id: $0)
            }
        }
        return page.page(items, id: \.id)
    }
}
