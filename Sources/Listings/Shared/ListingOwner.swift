import GRDB
import Identity
import Kernel

/// The organisation a new listing belongs to: the actor's own, or (for platform
/// administrators and the system) the one named in the request.
struct ListingOwner {
    var id: Int64
    var city: CityCode
    var kind: OrganizationKind

    static func resolve(
        _ db: Database, requested: Int64?, actor: Actor, allowed: Set<OrganizationKind>
    ) throws -> ListingOwner {
        let id: Int64
        if let requested, actor.role == .platformAdmin || actor.kind == .system {
            id = requested
        } else if let own = actor.organizationID {
            if let requested, requested != own { throw DomainError.forbidden }
            id = own
        } else {
            throw DomainError.invalid(
                "required", field: "ownerOrganizationId", zh: "请指明所属机构", en: "ownerOrganizationId is required"
            )
        }
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT city, kind FROM organizations WHERE id = ?"), arguments: [id]
            ), let city = CityCode(rawValue: row["city"]), let kind = OrganizationKind(rawValue: row["kind"])
        else {
            throw DomainError.notFound("organization", zh: "机构")
        }
        guard allowed.contains(kind) else {
            throw DomainError(
                .forbidden, code: "organization_kind_not_allowed",
                zh: "此类机构不能发布该类信息", en: "A \(kind.rawValue) organisation cannot list this"
            )
        }
        return ListingOwner(id: id, city: city, kind: kind)
    }
}
