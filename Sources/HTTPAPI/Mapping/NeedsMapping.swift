import Foundation
import Kernel
import Listings

// Between the wire types of the need routes (generated from openapi.yaml) and Listings' own
// types, both directions with every member.

extension Need.Mode {
    init(_ wire: Components.Schemas.NeedCooperationMode) {
        switch wire {
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .jointDevelopment: self = .jointDevelopment
        case .transfer: self = .transfer
        case .licence: self = .licence
        case .consulting: self = .consulting
        }
    }
}

extension Components.Schemas.NeedCooperationMode {
    init(_ domain: Need.Mode) {
        switch domain {
        case .commissionedDevelopment: self = .commissionedDevelopment
        case .jointDevelopment: self = .jointDevelopment
        case .transfer: self = .transfer
        case .licence: self = .licence
        case .consulting: self = .consulting
        }
    }
}

extension Need.Status {
    init(_ wire: Components.Schemas.NeedStatus) {
        switch wire {
        case .open: self = .open
        case .inTalks: self = .inTalks
        case .paused: self = .paused
        case .fulfilled: self = .fulfilled
        case .closed: self = .closed
        case .expired: self = .expired
        }
    }
}

extension Components.Schemas.NeedStatus {
    init(_ domain: Need.Status) {
        switch domain {
        case .open: self = .open
        case .inTalks: self = .inTalks
        case .paused: self = .paused
        case .fulfilled: self = .fulfilled
        case .closed: self = .closed
        case .expired: self = .expired
        }
    }
}

extension NewNeed {
    init(_ wire: Components.Schemas.NewNeed) {
        self.init(
            title: wire.title, description: wire.description, fields: wire.fields.map { Field($0) },
            keywords: wire.keywords, budget: PriceRange(wire.budget), deadline: wire.deadline,
            cooperationMode: Need.Mode(wire.cooperationMode), visibility: wire.visibility.map { Visibility($0) },
            externalRef: wire.externalRef, ownerOrganizationId: wire.ownerOrganizationId
        )
    }
}

extension Components.Schemas.NewNeed {
    init(_ domain: NewNeed) {
        self.init(
            budget: Components.Schemas.PriceRange(domain.budget),
            cooperationMode: Components.Schemas.NeedCooperationMode(domain.cooperationMode),
            deadline: domain.deadline, description: domain.description, externalRef: domain.externalRef,
            fields: domain.fields.map { Components.Schemas.FieldCode($0) }, keywords: domain.keywords,
            ownerOrganizationId: domain.ownerOrganizationId, title: domain.title,
            visibility: domain.visibility.map { Components.Schemas.Visibility($0) }
        )
    }
}

extension NeedPatch {
    init(_ wire: Components.Schemas.NeedPatch) {
        self.init(
            title: wire.title, description: wire.description, fields: wire.fields?.map { Field($0) },
            keywords: wire.keywords, budget: wire.budget.map { PriceRange($0) }, deadline: wire.deadline,
            cooperationMode: wire.cooperationMode.map { Need.Mode($0) },
            visibility: wire.visibility.map { Visibility($0) }, status: wire.status.map { Need.Status($0) }
        )
        expectedVersion = wire.version
    }
}

extension Components.Schemas.NeedPatch {
    init(_ domain: NeedPatch) {
        self.init(
            budget: domain.budget.map { Components.Schemas.PriceRange($0) },
            cooperationMode: domain.cooperationMode.map { Components.Schemas.NeedCooperationMode($0) },
            deadline: domain.deadline,
            description: domain.description, fields: domain.fields?.map { Components.Schemas.FieldCode($0) },
            keywords: domain.keywords, status: domain.status.map { Components.Schemas.NeedStatus($0) },
            title: domain.title, version: domain.expectedVersion,
            visibility: domain.visibility.map { Components.Schemas.Visibility($0) }
        )
    }
}

extension Components.Schemas.Need {
    init(_ domain: Need) {
        self.init(
            budget: Components.Schemas.PriceRange(domain.budget), city: Components.Schemas.CityCode(domain.city),
            cooperationMode: Components.Schemas.NeedCooperationMode(domain.cooperationMode),
            createdAt: domain.createdAt,
            deadline: domain.deadline, description: domain.description, externalRef: domain.externalRef,
            fields: domain.fields.map { Components.Schemas.FieldCode($0) }, id: domain.id, keywords: domain.keywords,
            moderation: domain.moderation.map { ModerationPayload($0) },
            ownerOrganizationId: domain.ownerOrganizationId, status: Components.Schemas.NeedStatus(domain.status),
            title: domain.title, updatedAt: domain.updatedAt, version: domain.version,
            visibility: Components.Schemas.Visibility(domain.visibility)
        )
    }
}
