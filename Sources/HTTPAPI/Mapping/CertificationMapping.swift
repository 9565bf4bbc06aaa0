import Identity

// Between the wire types of the certification routes (generated from openapi.yaml) and
// Identity's types; every member named both ways.

extension Certification.Attribute {
    init(_ wire: Components.Schemas.NewCertification.AttributePayload) {
        self =
            switch wire {
            case .highTech: .highTech
            case .techSme: .techSME
            case .specialized: .specialized
            case .revenueBand: .revenueBand
            }
    }
}

extension Components.Schemas.NewCertification.AttributePayload {
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
