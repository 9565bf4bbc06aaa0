import Kernel
import Listings

// Between the wire types of the achievement routes (generated from openapi.yaml) and Listings'
// own types, both directions with every member.

extension Achievement.TeamMember {
    init(_ wire: Components.Schemas.TeamMember) {
        self.init(name: wire.name, title: wire.title, role: wire.role)
    }
}

extension Components.Schemas.TeamMember {
    init(_ domain: Achievement.TeamMember) {
        self.init(name: domain.name, role: domain.role, title: domain.title)
    }
}

extension NewAchievement {
    init(_ wire: Components.Schemas.NewAchievement) {
        self = .make(
            title: wire.title, summary: wire.summary, trl: Int(wire.trl), fields: wire.fields.map { Field($0) },
            keywords: wire.keywords, cooperationModes: wire.cooperationModes.map { CooperationMode($0) },
            price: PriceRange(wire.price), patentIds: wire.patentIds,
            teamMembers: wire.teamMembers?.map { Achievement.TeamMember($0) }, externalRef: wire.externalRef,
            status: wire.status.map { SupplyStatus($0) }, ownerOrganizationId: wire.ownerOrganizationId
        )
    }
}

extension Components.Schemas.NewAchievement {
    init(_ domain: NewAchievement) {
        self.init(
            cooperationModes: domain.cooperationModes.map { Components.Schemas.CooperationMode($0) },
            externalRef: domain.externalRef, fields: domain.fields.map { Components.Schemas.FieldCode($0) },
            keywords: domain.keywords, ownerOrganizationId: domain.ownerOrganizationId, patentIds: domain.patentIds,
            price: Components.Schemas.PriceRange(domain.price),
            status: domain.status.map { Components.Schemas.ListingStatus($0) },
            summary: domain.summary, teamMembers: domain.teamMembers?.map { Components.Schemas.TeamMember($0) },
            title: domain.title, trl: Int64(domain.trl)
        )
    }
}

extension AchievementPatch {
    init(_ wire: Components.Schemas.AchievementPatch) {
        self.init(
            title: wire.title, summary: wire.summary, trl: wire.trl.map { Int($0) },
            fields: wire.fields?.map { Field($0) }, keywords: wire.keywords,
            cooperationModes: wire.cooperationModes?.map { CooperationMode($0) },
            price: wire.price.map { PriceRange($0) }, patentIds: wire.patentIds,
            teamMembers: wire.teamMembers?.map { Achievement.TeamMember($0) },
            status: wire.status.map { SupplyStatus($0) }
        )
        expectedVersion = wire.version
    }
}

extension Components.Schemas.AchievementPatch {
    init(_ domain: AchievementPatch) {
        self.init(
            cooperationModes: domain.cooperationModes?.map { Components.Schemas.CooperationMode($0) },
            fields: domain.fields?.map { Components.Schemas.FieldCode($0) }, keywords: domain.keywords,
            patentIds: domain.patentIds, price: domain.price.map { Components.Schemas.PriceRange($0) },
            status: domain.status.map { Components.Schemas.ListingStatus($0) }, summary: domain.summary,
            teamMembers: domain.teamMembers?.map { Components.Schemas.TeamMember($0) }, title: domain.title,
            trl: domain.trl.map { Int64($0) }, version: domain.expectedVersion
        )
    }
}

extension Components.Schemas.Achievement {
    init(_ domain: Achievement) {
        self.init(
            city: Components.Schemas.CityCode(domain.city),
            cooperationModes: domain.cooperationModes.map { Components.Schemas.CooperationMode($0) },
            createdAt: domain.createdAt, externalRef: domain.externalRef,
            fields: domain.fields.map { Components.Schemas.FieldCode($0) }, id: domain.id, keywords: domain.keywords,
            moderation: domain.moderation.map { ModerationPayload($0) },
            ownerOrganizationId: domain.ownerOrganizationId, patentIds: domain.patentIds,
            price: Components.Schemas.PriceRange(domain.price), status: Components.Schemas.ListingStatus(domain.status),
            summary: domain.summary, teamMembers: domain.teamMembers.map { Components.Schemas.TeamMember($0) },
            title: domain.title, trl: Int64(domain.trl), updatedAt: domain.updatedAt, version: domain.version
        )
    }
}
