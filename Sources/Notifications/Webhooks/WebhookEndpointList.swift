import GRDB
import Kernel
import Store

extension WebhookService {
    /// The organisation's endpoints, newest first, disabled ones included (their delivery log
    /// stays readable). Its administrators and the platform's only.
    public func list(organization: Int64, by actor: Actor, page: PageRequest) async throws -> Page<WebhookEndpoint> {
        try Self.authorize(actor, organization)
        return try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM webhook_endpoints WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                arguments: [organization, page.after ?? Int64.max, page.limit + 1])
            let items = rows.prefix(page.limit).map(Self.endpoint)
            return Page(
                items: items, nextCursor: rows.count > page.limit ? items.last.map { Cursor.encode($0.id) } : nil)
        }
    }
}
