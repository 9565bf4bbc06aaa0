import Identity
import Kernel

// The enums several resources share, between the wire (generated from openapi.yaml) and the
// domain. Exhaustive switches both ways: a case added on either side fails to compile here.

extension CityCode {
    init(_ wire: Components.Schemas.CityCode) {
        self =
            switch wire {
            case .wh: .wuhan
            case .ez: .ezhou
            case .hs: .huangshi
            case .hg: .huanggang
            case .xn: .xianning
            }
    }
}

extension Components.Schemas.CityCode {
    init(_ domain: CityCode) {
        self =
            switch domain {
            case .wuhan: .wh
            case .ezhou: .ez
            case .huangshi: .hs
            case .huanggang: .hg
            case .xianning: .xn
            }
    }
}

extension Role {
    init(_ wire: Components.Schemas.Role) {
        self =
            switch wire {
            case .platformAdmin: .platformAdmin
            case .cityAdmin: .cityAdmin
            case .orgAdmin: .orgAdmin
            case .orgMember: .orgMember
            case .expert: .expert
            case .auditor: .auditor
            }
    }
}

extension Components.Schemas.Role {
    init(_ domain: Role) {
        self =
            switch domain {
            case .platformAdmin: .platformAdmin
            case .cityAdmin: .cityAdmin
            case .orgAdmin: .orgAdmin
            case .orgMember: .orgMember
            case .expert: .expert
            case .auditor: .auditor
            }
    }
}

extension OrganizationKind {
    init(_ wire: Components.Schemas.OrganizationKind) {
        self =
            switch wire {
            case .enterprise: .enterprise
            case .university: .university
            case .institute: .institute
            case .lab: .lab
            case .provider: .provider
            case .government: .government
            case .platform: .platform
            }
    }
}

extension Components.Schemas.OrganizationKind {
    init(_ domain: OrganizationKind) {
        self =
            switch domain {
            case .enterprise: .enterprise
            case .university: .university
            case .institute: .institute
            case .lab: .lab
            case .provider: .provider
            case .government: .government
            case .platform: .platform
            }
    }
}

extension RevenueBand {
    init(_ wire: Components.Schemas.RevenueBand) {
        self =
            switch wire {
            case .below20m: .below20m
            case ._20mTo100m: .from20mTo100m
            case ._100mTo400m: .from100mTo400m
            case .above400m: .above400m
            }
    }
}

extension Components.Schemas.RevenueBand {
    init(_ domain: RevenueBand) {
        self =
            switch domain {
            case .below20m: .below20m
            case .from20mTo100m: ._20mTo100m
            case .from100mTo400m: ._100mTo400m
            case .above400m: .above400m
            }
    }
}
