import GRDB
import Store
import Kernel

/// Reference rows loaded from Seeds/: cities, fields and the corridor's parks.
public struct CityRecord: Codable, Sendable, Equatable {
    public var code: CityCode
    public var nameZh: String
    public var nameEn: String
    public var divisionCode: String
}

public struct FieldRecord: Codable, Sendable, Equatable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
}

/// An offshore innovation park (离岸科创园), collaborative industrial park or science park
/// named in the action plan's tables 1–3.
public struct Park: Codable, Sendable, Equatable {
    public var code: String
    public var nameZh: String
    public var kind: String
    public var hostCity: CityCode?
    public var partnerCity: CityCode?
    public var source: String?
}

enum ReferenceStore {
    static func cities(_ db: Database) throws -> [CityRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM cities ORDER BY rowid").compactMap { row in
            CityCode(rawValue: row["code"]).map {
                CityRecord(code: $0, nameZh: row["name_zh"], nameEn: row["name_en"], divisionCode: row["division_code"])
            }
        }
    }

    static func fields(_ db: Database) throws -> [FieldRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM fields ORDER BY rowid").map { row in
            FieldRecord(code: row["code"], nameZh: row["name_zh"], nameEn: row["name_en"])
        }
    }

    static func parks(_ db: Database) throws -> [Park] {
        try Row.fetchAll(db, sql: "SELECT * FROM parks ORDER BY rowid").map { row in
            Park(
                code: row["code"], nameZh: row["name_zh"], kind: row["kind"],
                hostCity: (row["host_city"] as String?).flatMap(CityCode.init(rawValue:)),
                partnerCity: (row["partner_city"] as String?).flatMap(CityCode.init(rawValue:)),
                source: row["source"]
            )
        }
    }

    static func upsert(_ db: Database, _ city: CityRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO cities (code, name_zh, name_en, division_code) VALUES (?, ?, ?, ?)",
            arguments: [city.code.rawValue, city.nameZh, city.nameEn, city.divisionCode]
        )
    }

    static func upsert(_ db: Database, _ field: FieldRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO fields (code, name_zh, name_en) VALUES (?, ?, ?)",
            arguments: [field.code, field.nameZh, field.nameEn]
        )
    }

    static func upsert(_ db: Database, _ park: Park) throws {
        try db.execute(
            sql: """
                INSERT INTO parks (code, name_zh, kind, host_city, partner_city, source) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, kind = excluded.kind,
                    host_city = excluded.host_city, partner_city = excluded.partner_city, source = excluded.source
                """,
            arguments: [
                park.code, park.nameZh, park.kind, park.hostCity?.rawValue, park.partnerCity?.rawValue, park.source,
            ]
        )
    }
}

/// Read access to the reference data for the API.
public struct ReferenceService: Sendable {
    let database: Store.AppDatabase

    public init(database: Store.AppDatabase) {
        self.database = database
    }

    public func cities() async throws -> [CityRecord] { try await database.read(ReferenceStore.cities) }
    public func fields() async throws -> [FieldRecord] { try await database.read(ReferenceStore.fields) }
    public func parks() async throws -> [Park] { try await database.read(ReferenceStore.parks) }
}
