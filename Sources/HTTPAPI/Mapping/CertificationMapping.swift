import Identity
import Kernel

// Between the wire types of the certification routes (generated from openapi.yaml) and
// Identity's types; every member named both ways.

extension Certification.Attribute {
    init(_ wire: Components.Schemas.CertificationAttribute) {
        self =
            switch wire {
            case .highTech: .highTech
            case .techSme: .techSME
            case .specialized: .specialized
            case .revenueBand: .revenueBand
            }
    }
}

extension Components.Schemas.CertificationAttribute {
    init(_ domain: Certification.Attribute) {
        self =
            switch domain {
            case .highTech: .highTech
            case .techSME: .techSme
            case .specialized: .specialized
            case .revenueBand: .revenueBand
            }
    }
}

extension NewCertification {
    init(_ wire: Components.Schemas.NewCertification) {
        self.init(
            attribute: Certification.Attribute(wire.attribute), holds: wire.holds,
            revenueBand: wire.revenueBand.map(RevenueBand.init), certificateNumber: wire.certificateNumber,
            validUntil: wire.validUntil)
    }
}

extension Components.Schemas.NewCertification {
    init(_ domain: NewCertification) {
        self.init(
            attribute: .init(domain.attribute), certificateNumber: domain.certificateNumber, holds: domain.holds,
            revenueBand: domain.revenueBand.map(Components.Schemas.RevenueBand.init), validUntil: domain.validUntil)
    }
}

extension CertificationDecision {
    init(_ wire: Components.Schemas.CertificationDecision) {
        self.init(approve: wire.approve, reason: wire.reason)
    }
}

extension Components.Schemas.CertificationDecision {
    init(_ domain: CertificationDecision) {
        self.init(approve: domain.approve, reason: domain.reason)
    }
}

// Answers: the domain's certifications as the document describes them.

extension Components.Schemas.Certification {
    init(_ domain: Certification) {
        self.init(
            attribute: .init(domain.attribute), certificateNumber: domain.certificateNumber,
            decidedAt: domain.decidedAt, decidedBy: domain.decidedBy, holds: domain.holds, id: domain.id,
            organizationId: domain.organizationId, reason: domain.reason, requestedAt: domain.requestedAt,
            requestedBy: domain.requestedBy, revenueBand: domain.revenueBand.map(Components.Schemas.RevenueBand.init),
            status: StatusPayload(domain.status), validUntil: domain.validUntil)
    }
}

extension Components.Schemas.Certification.StatusPayload {
    init(_ domain: Certification.Status) {
        self =
            switch domain {
            case .pending: .pending
            case .verified: .verified
            case .rejected: .rejected
            }
    }
}

extension Components.Schemas.CertificationList {
    init(_ domain: [Certification]) {
        self.init(items: domain.map(Components.Schemas.Certification.init))
    }
}

extension Components.Schemas.CertificationPage {
    init(_ domain: Page<Certification>) {
        self.init(items: domain.items.map(Components.Schemas.Certification.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.CertificationPage> {
    init(_ page: Components.Schemas.CertificationPage) { self.init(page: page, nextCursor: page.nextCursor) }
}
