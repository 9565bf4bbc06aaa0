import Foundation
import GRDB
import Kernel

/// SQL for the organizations table; nothing else in Identity writes it.
enum OrganizationStore {
    static let columns = """
        id, kind, name, name_en, city, credit_code, high_tech, tech_sme, specialized, revenue_band,
        contact_name, contact_phone, contact_email, contact_address, park_code, created_at, updated_at, version
        """

    static func decode(_ row: Row) -> Organization {
        Organization(
            id: row["id"],
            kind: OrganizationKind(rawValue: row["kind"]) ?? .enterprise,
            name: row["name"],
            nameEn: row["name_en"],
            city: CityCode(rawValue: row["city"]) ?? .wuhan,
            creditCode: row["credit_code"],
            attributes: .init(
                highTech: row["high_tech"], techSME: row["tech_sme"], specialized: row["specialized"],
                revenueBand: (row["revenue_band"] as String?).flatMap(RevenueBand.init(rawValue:))
            ),
            contact: .init(
                name: row["contact_name"], phone: row["contact_phone"], email: row["contact_email"],
                address: row["contact_address"]
            ),
            park: row["park_code"],
            createdAt: Timestamp.date(millis: row["created_at"]),
            updatedAt: Timestamp.date(millis: row["updated_at"]),
            version: row["version"]
        )
    }

    static func find(_ db: Database, id: Int64) throws -> Organization? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM organizations WHERE id = ?"), arguments: [id]
        ).map(decode)
    }

    static func find(_ db: Database, creditCode: String) throws -> Organization? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM organizations WHERE credit_code = ?"),
            arguments: [creditCode]
        ).map(decode)
    }

    static func list(
        _ db: Database, kind: OrganizationKind?, city: CityCode?, page: PageRequest
    ) throws -> [Organization] {
        var sql = "SELECT \(columns) FROM organizations WHERE id > ?"
        var arguments: StatementArguments = [page.after ?? 0]
        if let kind {
            sql += " AND kind = ?"
            _ = arguments.append(contentsOf: [kind.rawValue])
        }
        if let city {
            sql += " AND city = ?"
            _ = arguments.append(contentsOf: [city.rawValue])
        }
        sql += " ORDER BY id LIMIT ?"
        _ = arguments.append(contentsOf: [page.limit + 1])
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(decode)
    }

    static func insert(_ db: Database, _ new: NewOrganization, now: Date) throws -> Int64 {
        let attributes = new.attributes ?? .init()
        let contact = new.contact ?? .init()
        let millis = Timestamp.millis(now)
        try db.cachedStatement(
            sql: """
                INSERT INTO organizations (kind, name, name_en, city, credit_code, high_tech, tech_sme, specialized,
                    revenue_band, contact_name, contact_phone, contact_email, contact_address, park_code,
                    created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """
        ).execute(arguments: [
            new.kind.rawValue, new.name, new.nameEn, new.city.rawValue, new.creditCode,
            attributes.highTech, attributes.techSME, attributes.specialized, attributes.revenueBand?.rawValue,
            contact.name, contact.phone, contact.email, contact.address, new.park, millis, millis,
        ])
        return db.lastInsertedRowID
    }

    static func update(_ db: Database, _ organization: Organization) throws {
        try db.cachedStatement(
            sql: """
                UPDATE organizations SET name = ?, name_en = ?, high_tech = ?, tech_sme = ?, specialized = ?,
                    revenue_band = ?, contact_name = ?, contact_phone = ?, contact_email = ?, contact_address = ?,
                    park_code = ?, updated_at = ?, version = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            organization.name, organization.nameEn, organization.attributes.highTech,
            organization.attributes.techSME, organization.attributes.specialized,
            organization.attributes.revenueBand?.rawValue, organization.contact.name, organization.contact.phone,
            organization.contact.email, organization.contact.address, organization.park,
            Timestamp.millis(organization.updatedAt), organization.version, organization.id,
        ])
    }

    static func parkExists(_ db: Database, code: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM parks WHERE code = ?"), arguments: [code]) ?? false
    }
}
