import Identity
import Kernel

// Between the wire types of the organisation routes (generated from openapi.yaml) and
// Identity's types. Both directions name every member, so a required member added to the
// document and not mapped fails to compile, and any member fails the round-trip test.

extension Organization.Attributes {
    init(_ wire: Components.Schemas.OrganizationAttributes) {
        self.init(
            highTech: wire.highTech, techSME: wire.techSME, specialized: wire.specialized,
            revenueBand: wire.revenueBand.map(RevenueBand.init))
    }
}

extension Components.Schemas.OrganizationAttributes {
    init(_ domain: Organization.Attributes) {
        self.init(
            highTech: domain.highTech, revenueBand: domain.revenueBand.map(Components.Schemas.RevenueBand.init),
            specialized: domain.specialized, techSME: domain.techSME)
    }
}

extension Organization.Contact {
    init(_ wire: Components.Schemas.OrganizationContact) {
        self.init(name: wire.name, phone: wire.phone, email: wire.email, address: wire.address)
    }
}

extension Components.Schemas.OrganizationContact {
    init(_ domain: Organization.Contact) {
        self.init(address: domain.address, email: domain.email, name: domain.name, phone: domain.phone)
    }
}

extension NewOrganization {
    init(_ wire: Components.Schemas.NewOrganization) {
        self.init(
            kind: OrganizationKind(wire.kind), name: wire.name, nameEn: wire.nameEn, city: CityCode(wire.city),
            creditCode: wire.creditCode, attributes: wire.attributes.map(Organization.Attributes.init),
            contact: wire.contact.map(Organization.Contact.init), park: wire.park)
    }
}

extension Components.Schemas.NewOrganization {
    init(_ domain: NewOrganization) {
        self.init(
            attributes: domain.attributes.map(Components.Schemas.OrganizationAttributes.init),
            city: Components.Schemas.CityCode(domain.city),
            contact: domain.contact.map(Components.Schemas.OrganizationContact.init), creditCode: domain.creditCode,
            kind: Components.Schemas.OrganizationKind(domain.kind), name: domain.name, nameEn: domain.nameEn,
            park: domain.park)
    }
}

extension OrganizationPatch {
    /// `nulls`: the members the body set to `null` (cleared), told apart from those it left out.
    init(_ wire: Components.Schemas.OrganizationPatch, nulls: Set<String>) {
        func clearable(_ value: String?, _ key: String) -> String?? {
            if let value { return .some(value) }
            return nulls.contains(key) ? .some(nil) : .none
        }
        self.init(
            name: wire.name, nameEn: clearable(wire.nameEn, "nameEn"),
            attributes: wire.attributes.map(Organization.Attributes.init),
            contact: wire.contact.map(Organization.Contact.init), park: clearable(wire.park, "park"))
    }
}

extension Components.Schemas.OrganizationPatch {
    init(_ domain: OrganizationPatch) {
        self.init(
            attributes: domain.attributes.map(Components.Schemas.OrganizationAttributes.init),
            contact: domain.contact.map(Components.Schemas.OrganizationContact.init), name: domain.name,
            nameEn: domain.nameEn ?? nil, park: domain.park ?? nil)
    }
}

extension NewUser {
    init(_ wire: Components.Schemas.NewUser) {
        self.init(
            username: wire.username, displayName: wire.displayName, role: Role(wire.role), password: wire.password,
            email: wire.email)
    }
}

extension Components.Schemas.NewUser {
    init(_ domain: NewUser) {
        self.init(
            displayName: domain.displayName, email: domain.email, password: domain.password ?? "",
            role: Components.Schemas.Role(domain.role),
            username: domain.username)
    }
}

extension OrganizationRelation.Kind {
    init(_ wire: Components.Schemas.RelationKind) {
        self =
            switch wire {
            case .controllingHolder: .controllingHolder
            case .relatedParty: .relatedParty
            }
    }
}

extension Components.Schemas.RelationKind {
    init(_ domain: OrganizationRelation.Kind) {
        self =
            switch domain {
            case .controllingHolder: .controllingHolder
            case .relatedParty: .relatedParty
            }
    }
}

extension NewOrganizationRelation {
    init(_ wire: Components.Schemas.NewOrganizationRelation) {
        self.init(
            kind: OrganizationRelation.Kind(wire.kind), relatedCreditCode: wire.relatedCreditCode, note: wire.note)
    }
}

extension Components.Schemas.NewOrganizationRelation {
    init(_ domain: NewOrganizationRelation) {
        self.init(
            kind: .init(domain.kind), note: domain.note, relatedCreditCode: domain.relatedCreditCode)
    }
}

// Answers: domain values to the documented wire types.

extension Components.Schemas.Organization {
    init(_ domain: Organization) {
        self.init(
            attributes: .init(domain.attributes), city: .init(domain.city), contact: .init(domain.contact),
            createdAt: domain.createdAt, creditCode: domain.creditCode, id: domain.id, kind: .init(domain.kind),
            name: domain.name, nameEn: domain.nameEn, park: domain.park, updatedAt: domain.updatedAt,
            version: domain.version)
    }
}

extension Components.Schemas.OrganizationPage {
    init(_ domain: Page<Organization>) {
        self.init(items: domain.items.map(Components.Schemas.Organization.init), nextCursor: domain.nextCursor)
    }
}

extension Components.Schemas.User {
    init(_ domain: User) {
        self.init(
            createdAt: domain.createdAt, disabledAt: domain.disabledAt, displayName: domain.displayName,
            email: domain.email, id: domain.id,
            organizationId: domain.organizationId, role: .init(domain.role), username: domain.username)
    }
}

extension Components.Schemas.UserPage {
    init(_ domain: Page<User>) {
        self.init(items: domain.items.map(Components.Schemas.User.init), nextCursor: domain.nextCursor)
    }
}

extension Components.Schemas.CreatedUser {
    init(_ domain: CreatedUser) {
        self.init(user: .init(domain.user))
    }
}

extension Components.Schemas.OrganizationRelation {
    init(_ domain: OrganizationRelation) {
        self.init(
            createdAt: domain.createdAt, declaredByRole: domain.declaredByRole.map(Components.Schemas.Role.init),
            id: domain.id, kind: .init(domain.kind), note: domain.note, organizationId: domain.organizationId,
            relatedCreditCode: domain.relatedCreditCode, relatedOrganizationId: domain.relatedOrganizationId)
    }
}

extension Components.Schemas.OrganizationRelationList {
    init(_ domain: [OrganizationRelation]) {
        self.init(items: domain.map(Components.Schemas.OrganizationRelation.init))
    }
}
