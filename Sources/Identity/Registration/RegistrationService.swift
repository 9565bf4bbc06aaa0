import Foundation
import GRDB
import Kernel
import Store

/// Self-registration with verification (issue 18): anyone registers an organisation and its
/// first administrator, who can sign in at once; the organisation uploads its licence; the
/// administrator of its city verifies it or rejects it with a reason, which the applicant answers
/// by correcting and resubmitting. Until verified, `Authorization` refuses what publishes,
/// applies, redeems or connects (`organization_unverified`).
public struct RegistrationService: Sendable {
    let database: AppDatabase
    let passwords: Passwords
    let verifier: TokenVerifier
    let organizations: OrganizationService
    public let documents: RegistrationDocumentStore
    public let throttle: RegistrationThrottle

    public init(
        database: AppDatabase, passwords: Passwords, verifier: TokenVerifier, organizations: OrganizationService,
        documents: RegistrationDocumentStore, throttle: RegistrationThrottle? = nil
    ) {
        self.database = database
        self.passwords = passwords
        self.verifier = verifier
        self.organizations = organizations
        self.documents = documents
        self.throttle = throttle ?? RegistrationThrottle(clock: database.clock)
    }

    /// Anyone (no sign-in): the organisation exists at once, `pending`; its administrator can
    /// sign in at once. `address` is the client's, for the limit per address.
    public func register(
        _ input: NewRegistration, requestID: String, address: String? = LoginThrottle.clientAddress
    ) async throws -> Registration {
        try throttle.take(address: address)
        let new = try input.validated()
        // Hash before the write transaction: bcrypt must not hold the single writer.
        let hash = await passwords.hash(new.admin.password)
        let actor = Actor.system("registration", requestID: requestID)
        return try await database.write(as: actor, action: "organization.register") { db, context in
            let organization = try OrganizationService.insert(db, new.organization, by: actor, now: context.now).value
            if try UserStore.usernameTaken(db, new.admin.username) {
                throw IdentityError.adminUsernameTaken
            }
            if try UserStore.emailTaken(db, new.admin.email) {
                throw IdentityError.adminEmailTaken
            }
            let admin = try UserStore.insert(
                db, organizationID: organization.id,
                new: NewUser(
                    username: new.admin.username, displayName: new.admin.displayName, role: .orgAdmin,
                    email: new.admin.email),
                passwordHash: hash, now: context.now)
            try RegistrationStore.insert(db, organizationID: organization.id, adminUserID: admin.id, now: context.now)
            guard let registration = try RegistrationStore.find(db, organizationID: organization.id) else {
                throw IdentityError.registrationNotFound
            }
            return Audited(
                registration, target: "organization", id: String(organization.id),
                change: [
                    "organization": organization.auditJSON,
                    "admin": [
                        "userId": .int(admin.id), "username": .string(admin.username),
                        "displayName": .string(admin.displayName), "email": .string(new.admin.email),
                    ],
                    "registration": registration.auditJSON,
                ]
            ).notifying(try Self.toCity(db, registration, resubmitted: false))
        }
    }

    /// Checks a file as `upload` would (size, then type by its bytes) without storing it, so that
    /// a form with a bad file is refused before anything is written.
    public func check(document data: Data) throws {
        guard data.count <= documents.maxBytes else { throw documents.tooLarge }
        guard !data.isEmpty, RegistrationDocument.FileType.sniff(data) != nil else { throw IdentityError.documentType }
    }

    /// The registration of an organisation: for its own administrators, its city, the platform
    /// and auditors; anyone else finds none.
    public func get(_ organizationID: Int64, by actor: Actor) async throws -> Registration {
        try await database.read { db in try Self.readable(db, organizationID, by: actor) }
    }

    /// The organisation's own administrator uploads its licence or certificate (PDF, PNG or
    /// JPEG by its bytes, at most `documents.maxBytes`) while it is not verified.
    public func upload(_ organizationID: Int64, data: Data, by actor: Actor) async throws -> Registration {
        // Who and when first, so that nobody else can put files on the disk.
        let current = try await database.read { db in try Self.applicantOwn(db, organizationID, by: actor) }
        guard RegistrationMachine.next(current.status, .upload, by: .applicant) != nil else {
            throw IdentityError.registrationWrongState(
                current.status, allowed: RegistrationMachine.allowed(current.status, by: .applicant))
        }
        let stored = try documents.store(data)
        return try await database.write(as: actor, action: "registration.upload") { db, context in
            var registration = try Self.applicantOwn(db, organizationID, by: actor)
            guard RegistrationMachine.next(registration.status, .upload, by: .applicant) != nil else {
                throw IdentityError.registrationWrongState(
                    registration.status, allowed: RegistrationMachine.allowed(registration.status, by: .applicant))
            }
            registration.document = RegistrationDocument(
                sha256: stored.sha256, type: stored.type, size: stored.size,
                uploadedAt: Timestamp.date(millis: Timestamp.millis(context.now)))
            registration.version += 1
            try RegistrationStore.update(db, registration)
            return Audited(
                registration, target: "registration", id: String(organizationID), change: registration.auditJSON)
        }
    }

    /// The stored licence with its type, for those who may read the registration (an
    /// organisation's plain members may not).
    public func document(_ organizationID: Int64, by actor: Actor) async throws -> (RegistrationDocument, Data) {
        let registration = try await get(organizationID, by: actor)
        guard let document = registration.document else { throw IdentityError.documentMissing }
        do {
            return (document, try documents.load(document.sha256))
        } catch {
            throw IdentityError.documentMissing
        }
    }

    /// The applicant corrects what the city objected to and submits again (rejected → pending).
    public func resubmit(
        _ organizationID: Int64, _ correction: RegistrationCorrection, by actor: Actor
    ) async throws -> Registration {
        let name = try correction.name.map { try Validate.text($0, field: "name", max: Limits.name) }
        let contact = try correction.contact.map { try ContactRules.validated($0) }
        let park = try correction.park.map { try Validate.optionalText($0, field: "park", max: 64) }
        if let kind = correction.kind, !NewRegistration.kinds.contains(kind) {
            throw IdentityError.registrationKindNotAllowed
        }
        let result = try await database.write(as: actor, action: "registration.resubmit") { db, context in
            var registration = try Self.applicantOwn(db, organizationID, by: actor)
            guard let next = RegistrationMachine.next(registration.status, .resubmit, by: .applicant) else {
                throw IdentityError.registrationWrongState(
                    registration.status, allowed: RegistrationMachine.allowed(registration.status, by: .applicant))
            }
            var organization = registration.organization
            let before = organization.auditJSON
            if let name { organization.name = name }
            if let kind = correction.kind { organization.kind = kind }
            if let contact {
                organization.contact = contact
                try ContactHistory.record(
                    db, organization: organizationID, contact: contact, city: organization.city, now: context.now)
            }
            if let park {
                if let code = park, try !OrganizationStore.parkExists(db, code: code) {
                    throw IdentityError.unknownPark
                }
                organization.park = park
            }
            if organization != registration.organization {
                organization.version += 1
                organization.updatedAt = context.now
                try RegistrationStore.correct(db, organization)
            }
            registration.organization = organization
            registration.status = next
            registration.round += 1
            registration.submittedAt = Timestamp.date(millis: Timestamp.millis(context.now))
            registration.version += 1
            try RegistrationStore.update(db, registration)
            var change = registration.auditJSON
            if case .object(var members) = change {
                members["organization"] = ["before": before, "after": organization.auditJSON]
                change = .object(members)
            }
            return Audited(registration, target: "registration", id: String(organizationID), change: change)
                .notifying(try Self.toCity(db, registration, resubmitted: true))
        }
        organizations.cache.put(result.organization, now: database.clock.now())
        return result
    }

    /// The administrator of the organisation's city (or the platform) verifies it, or rejects
    /// it with a reason. The applicant's cached sessions see the new status at once.
    public func decide(
        _ organizationID: Int64, _ decision: RegistrationDecision, by actor: Actor
    ) async throws -> Registration {
        let reason = try Validate.optionalText(decision.reason, field: "reason", max: 500, multiline: true)
        if !decision.approve, reason == nil {
            throw IdentityError.rejectionReasonRequired
        }
        let action = decision.approve ? "registration.verify" : "registration.reject"
        let result = try await database.write(as: actor, action: action) { db, context in
            guard var registration = try RegistrationStore.find(db, organizationID: organizationID) else {
                throw IdentityError.registrationNotFound
            }
            let city = AccessTarget(organizationID: nil, city: registration.organization.city)
            guard Authorization.allows(actor, .registrationDecide, on: city) else {
                if actor.organizationID == organizationID { throw IdentityError.cannotVerifyOwnOrganization }
                if actor.role == .cityAdmin { throw IdentityError.registrationWrongCity }
                throw Authorization.allows(actor, .registrationRead, on: registration.organization.accessTarget)
                    ? DomainError.forbidden : IdentityError.registrationNotFound
            }
            let event: RegistrationMachine.Event = decision.approve ? .verify : .reject
            guard let next = RegistrationMachine.next(registration.status, event, by: .city) else {
                throw IdentityError.registrationWrongState(
                    registration.status, allowed: RegistrationMachine.allowed(registration.status, by: .city))
            }
            if decision.approve, registration.document == nil {
                throw IdentityError.documentMissing
            }
            registration.status = next
            registration.reason = decision.approve ? nil : reason
            registration.decidedAt = Timestamp.date(millis: Timestamp.millis(context.now))
            registration.decidedBy = actor.userID
            registration.version += 1
            try RegistrationStore.update(db, registration)
            let told = try UserDirectory.members(db, organization: organizationID, roles: [.orgAdmin])
            return Audited(
                registration, target: "registration", id: String(organizationID), change: registration.auditJSON
            ).notifying([
                OutboxEvent(
                    kind: .registrationDecided, target: "registration", id: String(organizationID), users: told,
                    organizations: [organizationID],
                    payload: [
                        "organizationId": .int(organizationID), "name": .string(registration.organization.name),
                        "status": .string(registration.status.rawValue), "reason": .optional(registration.reason),
                    ])
            ])
        }
        verifier.forget(organizationID: organizationID)
        return result
    }

    /// Registrations for the viewer's city (every city for the platform and auditors), oldest
    /// first; `status` nil lists all.
    public func queue(
        status: Registration.Status?, by actor: Actor, page: PageRequest
    ) async throws -> Page<Registration> {
        let city: CityCode?
        if actor.kind == .system || actor.role == .platformAdmin || actor.role == .auditor {
            city = nil
        } else if actor.role == .cityAdmin, let own = actor.city {
            city = own
        } else {
            throw DomainError.forbidden
        }
        let rows = try await database.read { db in
            try RegistrationStore.list(db, city: city, status: status, page: page)
        }
        return page.page(rows, id: \.organizationId)
    }

    // MARK: rules shared by the steps

    static func readable(_ db: Database, _ organizationID: Int64, by actor: Actor) throws -> Registration {
        guard let registration = try RegistrationStore.find(db, organizationID: organizationID),
            Authorization.allows(actor, .registrationRead, on: registration.organization.accessTarget)
        else { throw IdentityError.registrationNotFound }
        return registration
    }

    /// The registration, for an administrator of the organisation itself (the applicant).
    static func applicantOwn(_ db: Database, _ organizationID: Int64, by actor: Actor) throws -> Registration {
        let registration = try readable(db, organizationID, by: actor)
        guard actor.kind == .user, actor.organizationID == organizationID, actor.role == .orgAdmin else {
            throw DomainError.forbidden
        }
        return registration
    }

    /// The city's administrators (and its bureau's webhooks) hear of a new or resubmitted registration.
    static func toCity(_ db: Database, _ registration: Registration, resubmitted: Bool) throws -> [OutboxEvent] {
        let city = registration.organization.city
        let bureaus = try OrganizationDirectory.summaries(db, kinds: [.government]).filter { $0.city == city }.map(\.id)
        return [
            OutboxEvent(
                kind: .registrationSubmitted, target: "registration", id: String(registration.organizationId),
                users: try UserDirectory.staff(db, city: city, roles: [.cityAdmin]), organizations: bureaus,
                payload: [
                    "organizationId": .int(registration.organizationId),
                    "name": .string(registration.organization.name),
                    "kind": .string(registration.organization.kind.rawValue), "city": .string(city.rawValue),
                    "round": .int(Int64(registration.round)), "resubmitted": .bool(resubmitted),
                ])
        ]
    }
}
