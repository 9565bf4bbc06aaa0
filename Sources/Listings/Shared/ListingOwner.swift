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
            throw ListingsError.ownerRequired
        }
        guard let organization = try OrganizationDirectory.summary(db, id: id) else {
            throw ListingsError.organizationNotFound
        }
        let city = organization.city
        let kind = organization.kind
        guard allowed.contains(kind) else {
            throw ListingsError.organizationKindNotAllowed(kind)
        }
        return ListingOwner(id: id, city: city, kind: kind)
    }
}
