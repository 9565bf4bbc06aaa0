import Identity
import Kernel

// Between the wire types of the self-registration routes (generated from openapi.yaml) and
// Identity's types; every member named both ways.

extension NewRegistration {
    init(_ wire: Components.Schemas.NewRegistration) {
        self.init(
            kind: OrganizationKind(wire.kind), name: wire.name, city: CityCode(wire.city), creditCode: wire.creditCode,
            contact: Organization.Contact(wire.contact), park: wire.park,
            admin: RegistrationAdmin(
                displayName: wire.admin.displayName, username: wire.admin.username, email: wire.admin.email,
                password: wire.admin.password))
    }
}

extension Components.Schemas.NewRegistration {
    init(_ domain: NewRegistration) {
        self.init(
            admin: .init(
                displayName: domain.admin.displayName, email: domain.admin.email, password: domain.admin.password,
                username: domain.admin.username),
            city: .init(domain.city), contact: .init(domain.contact), creditCode: domain.creditCode,
            kind: .init(domain.kind), name: domain.name, park: domain.park)
    }
}

extension RegistrationCorrection {
    /// An empty `park` clears it.
    init(_ wire: Components.Schemas.RegistrationCorrection) {
        self.init(
            name: wire.name, kind: wire.kind.map(OrganizationKind.init),
            contact: wire.contact.map(Organization.Contact.init),
            park: wire.park.map { Optional($0) })
    }
}

extension Components.Schemas.RegistrationCorrection {
    init(_ domain: RegistrationCorrection) {
        self.init(
            contact: domain.contact.map(Components.Schemas.OrganizationContact.init),
            kind: domain.kind.map(Components.Schemas.OrganizationKind.init), name: domain.name,
            park: domain.park.map { $0 ?? "" })
    }
}

extension RegistrationDecision {
    init(_ wire: Components.Schemas.RegistrationDecision) {
        self.init(approve: wire.approve, reason: wire.reason)
    }
}

extension Components.Schemas.RegistrationDecision {
    init(_ domain: RegistrationDecision) {
        self.init(approve: domain.approve, reason: domain.reason)
    }
}

// Answers.

extension Components.Schemas.Registration {
    init(_ domain: Registration) {
        self.init(
            adminUserId: domain.adminUserId, decidedAt: domain.decidedAt, decidedBy: domain.decidedBy,
            document: domain.document.map(Components.Schemas.RegistrationDocument.init),
            organization: .init(domain.organization), organizationId: domain.organizationId, reason: domain.reason,
            round: domain.round, status: StatusPayload(domain.status), submittedAt: domain.submittedAt,
            version: domain.version)
    }
}

extension Components.Schemas.Registration.StatusPayload {
    init(_ domain: Registration.Status) {
        self =
            switch domain {
            case .pending: .pending
            case .verified: .verified
            case .rejected: .rejected
            }
    }
}

extension Components.Schemas.RegistrationDocument {
    init(_ domain: RegistrationDocument) {
        self.init(
            sha256: domain.sha256, size: domain.size, _type: _TypePayload(domain.type), uploadedAt: domain.uploadedAt)
    }
}

extension Components.Schemas.RegistrationDocument._TypePayload {
    init(_ domain: RegistrationDocument.FileType) {
        self =
            switch domain {
            case .pdf: .pdf
            case .png: .png
            case .jpeg: .jpeg
            }
    }
}

extension Components.Schemas.RegistrationPage {
    init(_ domain: Page<Registration>) {
        self.init(items: domain.items.map(Components.Schemas.Registration.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.RegistrationPage> {
    init(_ page: Components.Schemas.RegistrationPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
