import Foundation
import GRDB
import Kernel

/// SQL for `organization_registrations`; nothing else writes it.
enum RegistrationStore {
    static func find(_ db: Database, organizationID: Int64) throws -> Registration? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM organization_registrations WHERE organization_id = ?"),
                arguments: [organizationID]),
            let organization = try OrganizationStore.find(db, id: organizationID)
        else { return nil }
        return decode(row, organization: organization)
    }

    static func decode(_ row: Row, organization: Organization) -> Registration {
        var document: RegistrationDocument?
        if let hash = row["document_sha256"] as String?,
            let type = (row["document_type"] as String?).flatMap(RegistrationDocument.FileType.init(rawValue:))
        {
            document = RegistrationDocument(
                sha256: hash, type: type, size: row["document_size"] ?? 0,
                uploadedAt: Timestamp.date(millis: row["document_uploaded_at"] ?? 0))
        }
        return Registration(
            organizationId: row["organization_id"], organization: organization,
            status: Registration.Status(rawValue: row["status"]) ?? .pending, adminUserId: row["admin_user_id"],
            document: document, reason: row["reason"], round: row["round"],
            submittedAt: Timestamp.date(millis: row["submitted_at"]),
            decidedAt: (row["decided_at"] as Int64?).map { Timestamp.date(millis: $0) }, decidedBy: row["decided_by"],
            version: row["version"])
    }

    static func insert(_ db: Database, organizationID: Int64, adminUserID: Int64, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO organization_registrations (organization_id, status, admin_user_id, submitted_at)
                VALUES (?, 'pending', ?, ?)
                """,
            arguments: [organizationID, adminUserID, Timestamp.millis(now)])
    }

    static func update(_ db: Database, _ registration: Registration) throws {
        try db.execute(
            sql: """
                UPDATE organization_registrations SET status = ?, document_sha256 = ?, document_type = ?,
                    document_size = ?, document_uploaded_at = ?, reason = ?, round = ?, submitted_at = ?,
                    decided_at = ?, decided_by = ?, version = ?
                WHERE organization_id = ?
                """,
            arguments: [
                registration.status.rawValue, registration.document?.sha256, registration.document?.type.rawValue,
                registration.document?.size, registration.document.map { Timestamp.millis($0.uploadedAt) },
                registration.reason, registration.round, Timestamp.millis(registration.submittedAt),
                registration.decidedAt.map(Timestamp.millis), registration.decidedBy, registration.version,
                registration.organizationId,
            ])
    }

    /// Registrations in `status` (all when nil) of organisations in `city` (all when nil), by id.
    static func list(
        _ db: Database, city: CityCode?, status: Registration.Status?, page: PageRequest
    ) throws -> [Registration] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.* FROM organization_registrations r JOIN organizations o ON o.id = r.organization_id
                WHERE (? IS NULL OR o.city = ?) AND (? IS NULL OR r.status = ?) AND r.organization_id > ?
                ORDER BY r.organization_id LIMIT ?
                """,
            arguments: [
                city?.rawValue, city?.rawValue, status?.rawValue, status?.rawValue, page.after ?? 0, page.limit + 1,
            ])
        return try rows.compactMap { row in
            try OrganizationStore.find(db, id: row["organization_id"]).map { decode(row, organization: $0) }
        }
    }

    /// A correction of the applicant's own organisation before it is submitted again.
    static func correct(_ db: Database, _ organization: Organization) throws {
        try db.execute(
            sql: "UPDATE organizations SET kind = ? WHERE id = ?",
            arguments: [organization.kind.rawValue, organization.id])
        try OrganizationStore.update(db, organization)
    }
}
