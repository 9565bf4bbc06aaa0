import Foundation
import GRDB
import Kernel
import Store

/// Organisations: register, read, list, amend. Every change goes through `AppDatabase.write`.
public struct OrganizationService: Sendable {
    let database: AppDatabase
    let cache: OrganizationCache

    /// `cacheLifetime`: how long a read organisation is served from memory (0 turns it off).
    public init(database: AppDatabase, cacheLifetime: TimeInterval = 30) {
        self.database = database
        self.cache = OrganizationCache(lifetime: cacheLifetime)
    }

    public func create(_ input: NewOrganization, by actor: Actor) async throws -> Organization {
        try Authorization.check(actor, .organizationCreate, on: AccessTarget(organizationID: nil, city: input.city))
        if actor.role == .cityAdmin, [.government, .platform].contains(input.kind) {
            throw IdentityError.kindReserved
        }
        let new = try input.validated()
        return try await database.write(as: actor, action: "organization.create") { db, context in
            try Self.insert(db, new, by: context.actor, now: context.now)
        }
    }

    /// The insert shared by the API and seeding; checks what needs the database.
    static func insert(
        _ db: Database, _ new: NewOrganization, by actor: Actor, now: Date
    ) throws -> Audited<Organization> {
        if let existing = try OrganizationStore.find(db, creditCode: new.creditCode) {
            throw IdentityError.creditCodeTaken(by: existing.id)
        }
        if let park = new.park, try !OrganizationStore.parkExists(db, code: park) {
            throw IdentityError.unknownPark
        }
        let id = try OrganizationStore.insert(db, new, now: now)
        // Attributes given by the registering administrator (or seeding) count as verified by them.
        try CertificationService.recordInitial(
            db, organization: id, new.attributes ?? .init(), by: actor.userID, now: now)
        try ContactHistory.record(db, organization: id, contact: new.contact ?? .init(), city: new.city, now: now)
        guard let organization = try OrganizationStore.find(db, id: id) else {
            throw IdentityError.organizationNotFound
        }
        return Audited(organization, target: "organization", id: String(id), change: organization.auditJSON)
    }

    public func get(_ id: Int64, by actor: Actor) async throws -> Organization {
        let now = database.clock.now()
        if let cached = cache.get(id, now: now) {
            try Authorization.check(actor, .organizationRead, on: cached.accessTarget)
            return cached
        }
        guard let organization = try await database.read({ db in try OrganizationStore.find(db, id: id) }) else {
            throw IdentityError.organizationNotFound
        }
        cache.put(organization, now: now)
        try Authorization.check(actor, .organizationRead, on: organization.accessTarget)
        return organization
    }

    public func list(
        kind: OrganizationKind?, city: CityCode?, page: PageRequest, by actor: Actor
    ) async throws -> Page<Organization> {
        try Authorization.check(actor, .organizationRead, on: .platformWide)
        let rows = try await database.read { db in try OrganizationStore.list(db, kind: kind, city: city, page: page) }
        return page.page(rows, id: \.id)
    }

    public func update(_ id: Int64, _ patch: OrganizationPatch, by actor: Actor) async throws -> Organization {
        let updated = try await database.write(as: actor, action: "organization.update") { db, context in
            guard var organization = try OrganizationStore.find(db, id: id) else {
                throw IdentityError.organizationNotFound
            }
            try Authorization.check(actor, .organizationUpdate, on: organization.accessTarget)
            let before = organization.auditJSON
            if let name = patch.name {
                organization.name = try Validate.text(name, field: "name", max: Limits.name)
            }
            if let nameEn = patch.nameEn {
                organization.nameEn = try Validate.optionalText(nameEn, field: "nameEn", max: Limits.name)
            }
            if let attributes = patch.attributes, attributes != organization.attributes {
                throw IdentityError.attributesNeedCertification
            }
            if let contact = patch.contact {
                organization.contact = try ContactRules.validated(contact)
                try ContactHistory.record(
                    db, organization: id, contact: organization.contact, city: organization.city, now: context.now)
            }
            if let park = patch.park {
                let code = try Validate.optionalText(park, field: "park", max: 64)
                if let code, try !OrganizationStore.parkExists(db, code: code) {
                    throw IdentityError.unknownPark
                }
                organization.park = code
            }
            organization.version += 1
            organization.updatedAt = context.now
            try OrganizationStore.update(db, organization)
            return Audited(
                organization, target: "organization", id: String(id),
                change: ["before": before, "after": organization.auditJSON]
            )
        }
        cache.put(updated, now: database.clock.now())
        return updated
    }
}

extension Organization {
    public var accessTarget: AccessTarget { AccessTarget(organizationID: id, city: city) }
}
