import Foundation
import Identity
import Kernel
import Platform
import Store

/// An audit entry's actor in words, with organisation names (issue 18: a broker's write reads
/// "broker: user U (broker organisation) for client C").
struct AuditActorText {
    let site: Site

    func describe(_ actor: JSONValue, _ visit: Visit) async throws -> String {
        guard case .object(let fields) = actor else { return "" }
        func int(_ value: JSONValue?) -> Int64? {
            if case .int(let number)? = value { return number }
            return nil
        }
        guard case .string("user")? = fields["kind"] else {
            if case .string(let name)? = fields["name"] {
                return visit.text("audit.actor_system").replacingOccurrences(of: "{name}", with: name)
            }
            return visit.text("audit.actor_system").replacingOccurrences(of: "{name}", with: "")
        }
        let user = int(fields["user"]).map(String.init) ?? "?"
        var stamped: Int64?
        if case .object(let broker)? = fields["broker"] { stamped = int(broker["organization"]) }
        let brokerOrganization = stamped
        let organization = int(fields["organization"])
        let names = try await site.services.database.read { db in
            try [organization, brokerOrganization].compactMap { $0 }.reduce(into: [Int64: String]()) { names, id in
                names[id] = try OrganizationDirectory.organization(db, id: id)?.name
            }
        }
        func name(_ id: Int64?) -> String {
            guard let id else { return "?" }
            return "\(names[id] ?? "?") #\(id)"
        }
        if let brokerOrganization {
            return visit.text("audit.actor_broker").replacingOccurrences(of: "{user}", with: user)
                .replacingOccurrences(of: "{broker}", with: name(brokerOrganization))
                .replacingOccurrences(of: "{client}", with: name(organization))
        }
        return visit.text("audit.actor_user").replacingOccurrences(of: "{user}", with: user)
            .replacingOccurrences(of: "{organization}", with: name(organization))
    }
}
