import Foundation
import Kernel
import Listings
import Platform
import Store
import Tabular

/// The daily open-data snapshot (数据开放共享, issue 17): every public listing — listed patents
/// and achievements, open needs (no contact details are ever on a need), challenges — as JSON
/// Lines and as CSV, each gzip-compressed.
///
/// Nothing is read that an anonymous API client could not read: the snapshot walks the same
/// service calls the API answers `GET /v1/patents?owner=`, `/v1/achievements?owner=`,
/// `/v1/needs?owner=` and `/v1/challenges` with, with no viewer, and writes the very documents
/// those routes answer (the generated wire types, the API's JSON encoder).
struct OpenDataSnapshot: Sendable {
    /// One public listing: its kind and the API's document of it.
    struct Record: Sendable {
        var kind: ListingKind
        var id: Int64
        var title: String
        var city: String
        var fields: [String]
        var status: String
        var json: Data
    }

    let records: [Record]

    /// Reads everything an anonymous client may read, page by page.
    static func collect(_ services: AppServices) async throws -> OpenDataSnapshot {
        var records: [Record] = []
        let owners = try await services.database.read { db in
            (
                patents: try ListingDirectory.owners(db, kind: .patent),
                achievements: try ListingDirectory.owners(db, kind: .achievement),
                needs: try ListingDirectory.owners(db, kind: .need)
            )
        }
        try await records += walk(.patent, services.patents, owners: owners.patents)
        try await records += walk(.achievement, services.achievements, owners: owners.achievements)
        try await records += walk(.need, services.needs, owners: owners.needs)
        var after: Int64?
        repeat {
            let page = try await services.challenges.list(
                year: nil, page: PageRequest(limit: 100, after: after), viewer: nil)
            for challenge in page.items {
                records.append(try record(.challenge, Components.Schemas.Challenge(challenge)))
            }
            after = try page.nextCursor.map(Cursor.decode)
        } while after != nil
        return OpenDataSnapshot(records: records)
    }

    static func walk<Catalog: ListingWireCatalog>(
        _ kind: ListingKind, _ catalog: Catalog, owners: [Int64]
    ) async throws -> [Record] {
        var records: [Record] = []
        for owner in owners {
            var after: Int64?
            repeat {
                let page = try await catalog.owned(by: owner, page: PageRequest(limit: 100, after: after), viewer: nil)
                for item in page.items {
                    records.append(try record(kind, Catalog.wire(item)))
                }
                after = try page.nextCursor.map(Cursor.decode)
            } while after != nil
        }
        return records
    }

    /// The document as the API encodes it, and the columns of the CSV read from that encoding.
    static func record(_ kind: ListingKind, _ wire: some Encodable) throws -> Record {
        let json = try JSON.encoder.encode(wire)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        return Record(
            kind: kind, id: (object["id"] as? NSNumber)?.int64Value ?? 0, title: object["title"] as? String ?? "",
            city: object["city"] as? String ?? "", fields: object["fields"] as? [String] ?? [],
            status: object["status"] as? String ?? object["state"] as? String ?? "", json: json)
    }

    /// One line per listing: `{"kind":…,"listing":<the API's document>}`.
    var jsonLines: Data {
        var out = Data()
        for record in records {
            out.append(Data(#"{"kind":""#.utf8))
            out.append(Data(record.kind.rawValue.utf8))
            out.append(Data(#"","listing":"#.utf8))
            out.append(record.json)
            out.append(Data("}\n".utf8))
        }
        return out
    }

    /// The CSV's columns, with their meaning (the data dictionary).
    static let columns: [(name: String, zh: String, en: String)] = [
        ("kind", "类型：patent 专利、achievement 成果、need 需求、challenge 揭榜挂帅榜单", "patent, achievement, need or challenge"),
        ("id", "平台编号（API 中的 id）", "the platform's id (the API's id)"),
        ("title", "标题", "title"),
        ("city", "所在城市代码（WH 武汉、EZ 鄂州、HS 黄石、HG 黄冈、XN 咸宁）", "city code (WH, EZ, HS, HG, XN)"),
        ("fields", "所属领域，分号分隔", "fields, separated by semicolons"),
        ("status", "状态", "status"),
        ("url", "API 中该条目的地址", "the listing's address in the API"),
    ]

    /// One row per listing, through Kernel's CSV writer (formula-looking cells are neutralised).
    var csv: String {
        CSVWriter.document(
            header: Self.columns.map(\.name),
            records: records.map { record in
                [
                    .text(record.kind.rawValue), .integer(record.id), .text(record.title), .text(record.city),
                    .text(record.fields.joined(separator: ";")), .text(record.status),
                    .text("/v1/\(record.kind.rawValue)s/\(record.id)"),
                ]
            })
    }
}
