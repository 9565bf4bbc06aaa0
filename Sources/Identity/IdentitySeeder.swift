import Foundation
import GRDB
import Kernel
import Store

/// Loads Seeds/ (cities, fields, parks, organisations) idempotently: rows already present and
/// unchanged are left alone, so a second run writes nothing and adds no audit entries.
public enum IdentitySeeder {
    public struct Report: Codable, Sendable, Equatable {
        public var referenceRowsWritten = 0
        public var organizationsAdded = 0
        public var organizationsPresent = 0
    }

    public static func load(directory: URL, into database: AppDatabase, requestID: String = "seed") throws -> Report {
        let decoder = JSONDecoder()
        func read<T: Decodable>(_ name: String, as: T.Type) throws -> T {
            let url = directory.appendingPathComponent(name)
            do {
                return try decoder.decode(T.self, from: Data(contentsOf: url))
            } catch {
                throw SeedError(file: url.path, reason: String(describing: error))
            }
        }
        let cities = try read("cities.json", as: [CityRecord].self)
        let fields = try read("fields.json", as: [FieldRecord].self)
        let parks = try read("parks.json", as: [Park].self)
        let organizations = try read("organizations.json", as: [SeedOrganization].self).map(\.input)

        let actor = Actor.system("seed", requestID: requestID)
        var report = Report()
        let existing = try database.readSync { db in
            (try ReferenceStore.cities(db), try ReferenceStore.fields(db), try ReferenceStore.parks(db))
        }
        for city in cities where !existing.0.contains(city) {
            _ = try database.writeSync(as: actor, action: "reference.city.upsert") { db, _ in
                try ReferenceStore.upsert(db, city)
                return Audited(true, target: "city", id: city.code.rawValue, change: try JSONValue(encoding: city))
            }
            report.referenceRowsWritten += 1
        }
        for field in fields where !existing.1.contains(field) {
            _ = try database.writeSync(as: actor, action: "reference.field.upsert") { db, _ in
                try ReferenceStore.upsert(db, field)
                return Audited(true, target: "field", id: field.code, change: try JSONValue(encoding: field))
            }
            report.referenceRowsWritten += 1
        }
        for park in parks where !existing.2.contains(park) {
            _ = try database.writeSync(as: actor, action: "reference.park.upsert") { db, _ in
                try ReferenceStore.upsert(db, park)
                return Audited(true, target: "park", id: park.code, change: try JSONValue(encoding: park))
            }
            report.referenceRowsWritten += 1
        }
        for organization in organizations {
            let new: NewOrganization
            do {
                new = try organization.validated()
            } catch let error as DomainError {
                throw SeedError(
                    file: "organizations.json", reason: "\(organization.name): \(error.field ?? "") \(error.messageEn)")
            }
            let present = try database.readSync { db in
                try OrganizationStore.find(db, creditCode: new.creditCode) != nil
            }
            if present {
                report.organizationsPresent += 1
                continue
            }
            _ = try database.writeSync(as: actor, action: "organization.create") { db, context in
                try OrganizationService.insert(db, new, by: context.actor, now: context.now)
            }
            report.organizationsAdded += 1
        }
        return report
    }
}

public struct SeedError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "seed file \(file): \(reason)" }

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// An organisation as the seed files spell it (the API's wire types live in HTTPAPI).
private struct SeedOrganization: Decodable {
    var kind: OrganizationKind
    var name: String
    var nameEn: String?
    var city: CityCode
    var creditCode: String
    var attributes: Organization.Attributes?
    var contact: Organization.Contact?
    var park: String?

    var input: NewOrganization {
        NewOrganization(
            kind: kind, name: name, nameEn: nameEn, city: city, creditCode: creditCode, attributes: attributes,
            contact: contact, park: park)
    }
}
