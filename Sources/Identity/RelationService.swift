import Foundation
import GRDB
import Kernel
import Store

/// Declared relations between organisations: declare, list, withdraw; and the one question the
/// fraud rules ask (`link`). Every change goes through `AppDatabase.write`.
public struct RelationService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The organisation's own admin or its city admin declares a relation.
    public func declare(
        _ organizationID: Int64, _ input: NewOrganizationRelation, by actor: Actor
    ) async throws -> OrganizationRelation {
        try await database.write(as: actor, action: "organization.relation.declare") { db, context in
            let organization = try Self.organization(db, organizationID)
            try Authorization.check(actor, .organizationUpdate, on: organization.accessTarget)
            let new = try input.validated()
            if new.relatedCreditCode == organization.creditCode {
                throw IdentityError.relationToSelf
            }
            if let existing = try Self.find(
                db, organizationID: organizationID, kind: new.kind, code: new.relatedCreditCode)
            {
                throw IdentityError.relationExists(existing.id)
            }
            if new.kind == .controllingHolder,
                let holder = try Self.relations(db, organizationID: organizationID).first(where: {
                    $0.kind == .controllingHolder
                })
            {
                throw IdentityError.controllingHolderDeclared(creditCode: holder.relatedCreditCode, relation: holder.id)
            }
            try db.execute(
                sql: """
                    INSERT INTO organization_relations (organization_id, kind, related_credit_code, note, created_at,
                        declared_by_role, declared_by_user)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    organizationID, new.kind.rawValue, new.relatedCreditCode, new.note, Timestamp.millis(context.now),
                    actor.role?.rawValue ?? "system", actor.userID,
                ]
            )
            let relation = try Self.relation(db, id: db.lastInsertedRowID)
            return Audited(
                relation, target: "organization_relation", id: String(relation.id), change: relation.auditJSON)
        }
    }

    /// Withdraws a declaration (the audit log keeps that it was made).
    public func withdraw(
        _ organizationID: Int64, relation relationID: Int64, by actor: Actor
    ) async throws -> OrganizationRelation {
        try await database.write(as: actor, action: "organization.relation.withdraw") { db, _ in
            let organization = try Self.organization(db, organizationID)
            try Authorization.check(actor, .organizationUpdate, on: organization.accessTarget)
            let relation = try Self.relation(db, id: relationID)
            guard relation.organizationId == organizationID else { throw IdentityError.relationNotFound }
            // What a city (or the platform) declared, only a city or the platform withdraws: the
            // organisation cannot erase the evidence the fraud rules read.
            if let declarer = relation.declaredByRole, [Role.cityAdmin, .platformAdmin].contains(declarer),
                actor.role != .cityAdmin, actor.role != .platformAdmin, actor.kind != .system
            {
                throw IdentityError.relationDeclaredByCity
            }
            try db.execute(sql: "DELETE FROM organization_relations WHERE id = ?", arguments: [relationID])
            return Audited(
                relation, target: "organization_relation", id: String(relationID),
                change: ["withdrawn": relation.auditJSON])
        }
    }

    /// The organisation's declarations: its admins, its city, and anyone who reviews redemptions.
    public func list(_ organizationID: Int64, by actor: Actor) async throws -> [OrganizationRelation] {
        try await database.read { db in
            let organization = try Self.organization(db, organizationID)
            try Authorization.check(actor, .relationRead, on: organization.accessTarget)
            return try Self.relations(db, organizationID: organizationID)
        }
    }

    /// Why `a` and `b` are related, or nil. Looks in both directions.
    public static func link(_ db: Database, _ a: Organization, _ b: Organization) throws -> RelationEvidence? {
        if a.id == b.id { return RelationEvidence(reason: .sameOrganization, creditCode: a.creditCode) }
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT organization_id, kind, related_credit_code FROM organization_relations WHERE organization_id IN (?, ?)"
            ),
            arguments: [a.id, b.id]
        )
        func declared(by id: Int64, _ kind: OrganizationRelation.Kind) -> [String] {
            rows.filter { $0["organization_id"] == id && $0["kind"] == kind.rawValue }.map { $0["related_credit_code"] }
        }
        if declared(by: a.id, .relatedParty).contains(b.creditCode) {
            return RelationEvidence(reason: .declaredRelatedParty, creditCode: b.creditCode)
        }
        if declared(by: b.id, .relatedParty).contains(a.creditCode) {
            return RelationEvidence(reason: .declaredRelatedParty, creditCode: a.creditCode)
        }
        let holdersA = declared(by: a.id, .controllingHolder), holdersB = declared(by: b.id, .controllingHolder)
        if let shared = holdersA.first(where: holdersB.contains) {
            return RelationEvidence(reason: .sameControllingHolder, creditCode: shared)
        }
        if holdersA.contains(b.creditCode) {
            return RelationEvidence(reason: .holderOfTheOther, creditCode: b.creditCode)
        }
        if holdersB.contains(a.creditCode) {
            return RelationEvidence(reason: .holderOfTheOther, creditCode: a.creditCode)
        }
        return nil
    }

    static func organization(_ db: Database, _ id: Int64) throws -> Organization {
        guard let organization = try OrganizationStore.find(db, id: id) else {
            throw IdentityError.organizationNotFound
        }
        return organization
    }

    static func relations(_ db: Database, organizationID: Int64) throws -> [OrganizationRelation] {
        try Row.fetchAll(db, sql: "\(select) WHERE r.organization_id = ? ORDER BY r.id", arguments: [organizationID])
            .map(decode)
    }

    static func relation(_ db: Database, id: Int64) throws -> OrganizationRelation {
        guard let row = try Row.fetchOne(db, sql: "\(select) WHERE r.id = ?", arguments: [id]) else {
            throw IdentityError.relationNotFound
        }
        return decode(row)
    }

    static func find(
        _ db: Database, organizationID: Int64, kind: OrganizationRelation.Kind, code: String
    ) throws -> OrganizationRelation? {
        try Row.fetchOne(
            db, sql: "\(select) WHERE r.organization_id = ? AND r.kind = ? AND r.related_credit_code = ?",
            arguments: [organizationID, kind.rawValue, code]
        ).map(decode)
    }

    static let select = """
        SELECT r.id, r.organization_id, r.kind, r.related_credit_code, r.note, r.created_at, r.declared_by_role, o.id AS related_id
        FROM organization_relations r LEFT JOIN organizations o ON o.credit_code = r.related_credit_code
        """

    static func decode(_ row: Row) -> OrganizationRelation {
        OrganizationRelation(
            id: row["id"], organizationId: row["organization_id"],
            kind: OrganizationRelation.Kind(rawValue: row["kind"]) ?? .relatedParty,
            relatedCreditCode: row["related_credit_code"], relatedOrganizationId: row["related_id"],
            note: row["note"], createdAt: Timestamp.date(millis: row["created_at"]),
            declaredByRole: (row["declared_by_role"] as String?).flatMap(Role.init(rawValue:))
        )
    }
}
