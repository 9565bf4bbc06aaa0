import Foundation
import GRDB
import Kernel
import Store

/// Requesting, verifying and reading certified attributes. Voucher eligibility reads
/// `effective(_:organization:at:)` only: what the enterprise says of itself counts once its
/// city has verified it, and stops counting on the certificate's end date.
public struct CertificationService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// An enterprise's own administrator asks its city to verify an attribute. Declaring that
    /// it no longer holds a qualification takes effect at once (it can only lower eligibility).
    public func request(
        _ organizationID: Int64, _ input: NewCertification, by actor: Actor
    ) async throws -> Certification {
        try await database.write(as: actor, action: "certification.request") { db, context in
            let organization = try RelationService.organization(db, organizationID)
            guard Authorization.allows(actor, .certificationRequest, on: organization.accessTarget),
                actor.organizationID == organizationID
            else {
                throw Authorization.allows(actor, .certificationRead, on: organization.accessTarget)
                    || actor.role == .cityAdmin
                    ? DomainError.forbidden : IdentityError.organizationNotFound
            }
            guard organization.kind == .enterprise else {
                throw IdentityError.onlyEnterprisesCertify
            }
            let new = try input.validated(now: context.now)
            if let pending = try Int64.fetchOne(
                db,
                sql:
                    "SELECT id FROM organization_certifications WHERE organization_id = ? AND attribute = ? AND status = 'pending'",
                arguments: [organizationID, new.attribute.rawValue]
            ) {
                throw IdentityError.certificationPending(pending)
            }
            let lowering = new.attribute != .revenueBand && new.holds == false
            let id = try Self.insert(
                db, organization: organizationID, new, status: lowering ? .verified : .pending,
                requestedBy: actor.userID,
                decidedBy: lowering ? actor.userID : nil, now: context.now
            )
            if lowering { try Self.applyToProfile(db, organizationID: organizationID, now: context.now) }
            let certification = try Self.find(db, id: id)!
            return Audited(
                certification, target: "certification", id: String(id), change: try Self.auditJSON(certification))
        }
    }

    /// The city administrator of the enterprise's city verifies or rejects (with a reason). The
    /// person who asked never decides.
    public func decide(_ id: Int64, _ decision: CertificationDecision, by actor: Actor) async throws -> Certification {
        try await database.write(as: actor, action: decision.approve ? "certification.verify" : "certification.reject")
        { db, context in
            guard var certification = try Self.find(db, id: id) else { throw IdentityError.certificationNotFound }
            let organization = try RelationService.organization(db, certification.organizationId)
            guard
                Authorization.allows(
                    actor, .certificationDecide, on: AccessTarget(organizationID: nil, city: organization.city))
            else {
                if actor.role == .cityAdmin {
                    throw IdentityError.wrongCity
                }
                throw Authorization.allows(actor, .certificationRead, on: organization.accessTarget)
                    ? DomainError.forbidden : IdentityError.certificationNotFound
            }
            guard certification.status == .pending else {
                throw IdentityError.certificationWrongState(certification.status)
            }
            if let requester = certification.requestedBy, requester == actor.userID {
                throw SeparationOfDuties.samePerson(step: "verify", earlier: "request")
            }
            let reason = try Validate.optionalText(decision.reason, field: "reason", max: 500, multiline: true)
            if !decision.approve, reason == nil {
                throw IdentityError.rejectionReasonRequired
            }
            if decision.approve, let until = certification.validUntil, until <= context.now {
                throw IdentityError.certificateExpiredBeforeDecision
            }
            certification.status = decision.approve ? .verified : .rejected
            certification.decidedBy = actor.userID
            certification.decidedAt = Timestamp.date(millis: Timestamp.millis(context.now))
            certification.reason = reason
            try db.execute(
                sql:
                    "UPDATE organization_certifications SET status = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ?",
                arguments: [certification.status.rawValue, actor.userID, Timestamp.millis(context.now), reason, id]
            )
            if decision.approve { try Self.applyToProfile(db, organizationID: organization.id, now: context.now) }
            return Audited(
                certification, target: "certification", id: String(id), change: try Self.auditJSON(certification))
        }
    }

    /// The organisation's requests and certifications, newest first.
    public func list(_ organizationID: Int64, by actor: Actor) async throws -> [Certification] {
        try await database.read { db in
            let organization = try RelationService.organization(db, organizationID)
            try Authorization.check(actor, .certificationRead, on: organization.accessTarget)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM organization_certifications WHERE organization_id = ? ORDER BY id DESC",
                arguments: [organizationID]
            ).map(Self.decode)
        }
    }

    /// Requests awaiting the viewer's city (every city for the platform).
    public func queue(
        status: Certification.Status?, by actor: Actor, page: PageRequest
    ) async throws -> Page<Certification> {
        try await database.read { db in
            let city: String?
            if actor.role == .platformAdmin || actor.role == .auditor || actor.kind == .system {
                city = nil
            } else if actor.role == .cityAdmin, let own = actor.city {
                city = own.rawValue
            } else {
                throw DomainError.forbidden
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.* FROM organization_certifications c JOIN organizations o ON o.id = c.organization_id
                    WHERE (? IS NULL OR o.city = ?) AND (? IS NULL OR c.status = ?) AND c.id > ? ORDER BY c.id LIMIT ?
                    """,
                arguments: [city, city, status?.rawValue, status?.rawValue, page.after ?? 0, page.limit + 1]
            )
            return page.page(rows.map(Self.decode), id: \.id)
        }
    }

    // MARK: what counts

    /// The attributes in force at `date`: per attribute, the latest verified certification,
    /// counted only while it is valid (an expired one does not fall back to an older one).
    public static func effective(_ db: Database, organization: Int64, at date: Date) throws -> Organization.Attributes {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM organization_certifications WHERE organization_id = ? AND status = 'verified' ORDER BY id
                    """),
            arguments: [organization]
        ).map(decode)
        var latest: [Certification.Attribute: Certification] = [:]
        for certification in rows { latest[certification.attribute] = certification }
        func holds(_ attribute: Certification.Attribute) -> Bool {
            latest[attribute].map { $0.holds && $0.inForce(at: date) } ?? false
        }
        return Organization.Attributes(
            highTech: holds(.highTech), techSME: holds(.techSME), specialized: holds(.specialized),
            revenueBand: latest[.revenueBand].flatMap { $0.inForce(at: date) ? $0.revenueBand : nil }
        )
    }

    /// Attributes given when an administrator registers the organisation (or seeding does)
    /// count as verified by that administrator.
    static func recordInitial(
        _ db: Database, organization: Int64, _ attributes: Organization.Attributes, by userID: Int64?, now: Date
    ) throws {
        let given: [(Certification.Attribute, Bool)] = [
            (.highTech, attributes.highTech), (.techSME, attributes.techSME), (.specialized, attributes.specialized),
        ]
        for (attribute, holds) in given where holds {
            _ = try insert(
                db, organization: organization, NewCertification(attribute: attribute, holds: true), status: .verified,
                requestedBy: userID,
                decidedBy: userID, now: now
            )
        }
        if let band = attributes.revenueBand {
            _ = try insert(
                db, organization: organization, NewCertification(attribute: .revenueBand, revenueBand: band),
                status: .verified,
                requestedBy: userID, decidedBy: userID, now: now
            )
        }
    }

    /// The profile shows the verified attributes (eligibility still reads the dates).
    static func applyToProfile(_ db: Database, organizationID: Int64, now: Date) throws {
        let attributes = try effective(db, organization: organizationID, at: now)
        try db.execute(
            sql: """
                UPDATE organizations SET high_tech = ?, tech_sme = ?, specialized = ?, revenue_band = ?, version = version + 1, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                attributes.highTech, attributes.techSME, attributes.specialized, attributes.revenueBand?.rawValue,
                Timestamp.millis(now), organizationID,
            ]
        )
    }

    // MARK: storage

    static func insert(
        _ db: Database, organization: Int64, _ new: NewCertification, status: Certification.Status, requestedBy: Int64?,
        decidedBy: Int64?, now: Date
    ) throws -> Int64 {
        let millis = Timestamp.millis(now)
        try db.execute(
            sql: """
                INSERT INTO organization_certifications (organization_id, attribute, holds, revenue_band, certificate_number, valid_until,
                    status, requested_by, requested_at, decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                organization, new.attribute.rawValue, new.holds ?? true, new.revenueBand?.rawValue,
                new.certificateNumber,
                new.validUntil.map(Timestamp.millis), status.rawValue, requestedBy, millis,
                status == .pending ? nil : decidedBy,
                status == .pending ? nil : millis,
            ]
        )
        return db.lastInsertedRowID
    }

    static func find(_ db: Database, id: Int64) throws -> Certification? {
        try Row.fetchOne(db, sql: "SELECT * FROM organization_certifications WHERE id = ?", arguments: [id]).map(decode)
    }

    static func decode(_ row: Row) -> Certification {
        Certification(
            id: row["id"], organizationId: row["organization_id"],
            attribute: Certification.Attribute(rawValue: row["attribute"]) ?? .highTech,
            holds: row["holds"], revenueBand: (row["revenue_band"] as String?).flatMap(RevenueBand.init(rawValue:)),
            certificateNumber: row["certificate_number"],
            validUntil: (row["valid_until"] as Int64?).map { Timestamp.date(millis: $0) },
            status: Certification.Status(rawValue: row["status"]) ?? .pending, requestedBy: row["requested_by"],
            requestedAt: Timestamp.date(millis: row["requested_at"]), decidedBy: row["decided_by"],
            decidedAt: (row["decided_at"] as Int64?).map { Timestamp.date(millis: $0) }, reason: row["reason"]
        )
    }

    static func auditJSON(_ certification: Certification) throws -> JSONValue {
        [
            "organizationId": .int(certification.organizationId),
            "attribute": .string(certification.attribute.rawValue),
            "holds": .bool(certification.holds), "revenueBand": .optional(certification.revenueBand?.rawValue),
            "certificateNumber": .optional(certification.certificateNumber),
            "validUntil": .optional(certification.validUntil.map(Timestamp.format)),
            "status": .string(certification.status.rawValue),
            "reason": .optional(certification.reason),
        ]
    }
}
