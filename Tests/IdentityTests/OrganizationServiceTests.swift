import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

struct OrganizationServiceTests {
    func new(
        _ name: String = "黄石新材料科技有限公司", city: CityCode = .huangshi, code: String = validCreditCode("91420200MA4K00001")
    ) -> NewOrganization {
        NewOrganization(
            kind: .enterprise, name: name, city: city, creditCode: code,
            attributes: .init(highTech: true, techSME: true, revenueBand: .below20m),
            contact: .init(name: "张工", phone: "0714-6200001", email: "zhang@example.cn")
        )
    }

    @Test func aCityAdminRegistersAnEnterpriseOfItsCityWithAnAuditEntry() async throws {
        let world = try World()
        let bureau = try await world.organization(.government, .huangshi)
        let auditBefore = try world.count("audit_log")
        let created = try await world.organizations.create(new(), by: world.actor(.cityAdmin, in: bureau))
        #expect(created.city == .huangshi && created.kind == .enterprise && created.version == 1)
        #expect(created.attributes.highTech)
        #expect(try world.count("audit_log") == auditBefore + 1)
        let fetched = try await world.organizations.get(created.id, by: world.actor(.orgMember, in: bureau))
        #expect(fetched == created)
    }

    @Test func aHuangshiCityAdminCannotRegisterInWuhan() async throws {
        let world = try World()
        let bureau = try await world.organization(.government, .huangshi)
        let before = (try world.count("organizations"), try world.count("audit_log"))
        await #expect(throws: DomainError.forbidden) {
            _ = try await world.organizations.create(new(city: .wuhan), by: world.actor(.cityAdmin, in: bureau))
        }
        #expect((try world.count("organizations"), try world.count("audit_log")) == before)
    }

    @Test func cityAdminsCannotRegisterGovernmentOrPlatformBodies() async throws {
        let world = try World()
        let bureau = try await world.organization(.government, .huangshi)
        var input = new()
        input.kind = .government
        do {
            _ = try await world.organizations.create(input, by: world.actor(.cityAdmin, in: bureau))
            Issue.record("accepted")
        } catch let error as DomainError {
            #expect(error.code == "kind_reserved")
        }
    }

    @Test func aDuplicateCreditCodeIsAConflict() async throws {
        let world = try World()
        let platform = try await world.organization(.platform, .wuhan)
        let admin = world.actor(.platformAdmin, in: platform)
        _ = try await world.organizations.create(new(), by: admin)
        do {
            _ = try await world.organizations.create(new("另一家公司"), by: admin)
            Issue.record("accepted")
        } catch let error as DomainError {
            #expect(error.kind == .conflict && error.code == "credit_code_taken" && error.field == "creditCode")
        }
    }

    @Test(arguments: [
        ("name", "too_long"), ("contact.email", "email_format"), ("contact.phone", "phone_format"),
        ("creditCode", "credit_code_check"), ("park", "unknown_park"), ("name", "required"),
    ])
    func invalidFieldsAreRefusedAndNothingIsWritten(_ field: String, _ code: String) async throws {
        let world = try World()
        let platform = try await world.organization(.platform, .wuhan)
        var input = new()
        switch code {
        case "too_long": input.name = String(repeating: "光", count: 201)
        case "email_format": input.contact?.email = "not-an-email"
        case "phone_format": input.contact?.phone = "call me"
        case "credit_code_check": input.creditCode = "91350100M000100Y44"
        case "unknown_park": input.park = "atlantis"
        default: input.name = "  "
        }
        let before = (try world.count("organizations"), try world.count("audit_log"))
        do {
            _ = try await world.organizations.create(input, by: world.actor(.platformAdmin, in: platform))
            Issue.record("accepted")
        } catch let error as DomainError {
            #expect(error.code == code)
            #expect(error.field == field)
        }
        #expect((try world.count("organizations"), try world.count("audit_log")) == before)
    }

    @Test func itsAdminAmendsItAndTheAuditEntryHoldsBeforeAndAfter() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let updated = try await world.organizations.update(
            enterprise.id, OrganizationPatch(name: "咸宁新名称有限公司", nameEn: .some(nil)),
            by: world.actor(.orgAdmin, in: enterprise)
        )
        #expect(updated.name == "咸宁新名称有限公司" && updated.nameEn == nil && updated.version == 2)
        #expect(updated.creditCode == enterprise.creditCode)
        // The read after the write sees the new version (the read cache was refreshed).
        let reread = try await world.organizations.get(enterprise.id, by: world.system)
        #expect(reread.version == 2 && reread.name == "咸宁新名称有限公司")
        let other = try await world.organization(.enterprise, .ezhou)
        await #expect(throws: DomainError.forbidden) {
            _ = try await world.organizations.update(
                enterprise.id, OrganizationPatch(name: "x"), by: world.actor(.orgAdmin, in: other))
        }
        await #expect(throws: DomainError.forbidden) {
            _ = try await world.organizations.update(
                enterprise.id, OrganizationPatch(name: "x"), by: world.actor(.orgMember, in: enterprise))
        }
    }

    @Test func theReadCacheNeverServesAnOlderVersionAndCanBeTurnedOff() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .huangshi)
        _ = try await world.organizations.get(enterprise.id, by: world.system)
        // A change behind the service's back (another process) is served stale while cached…
        try await world.database.testWriter.write { db in
            try db.execute(
                sql: "UPDATE organizations SET name = '外部修改', version = version + 1 WHERE id = ?",
                arguments: [enterprise.id])
        }
        #expect(try await world.organizations.get(enterprise.id, by: world.system).name == enterprise.name)
        // …and seen at once by a service without the cache, or once the entry expires.
        let uncached = OrganizationService(database: world.database, cacheLifetime: 0)
        #expect(try await uncached.get(enterprise.id, by: world.system).name == "外部修改")
        world.clock.advance(by: 31)
        #expect(try await world.organizations.get(enterprise.id, by: world.system).name == "外部修改")
    }

    @Test func listsPageByCursorAndFilter() async throws {
        let world = try World()
        let platform = try await world.organization(.platform, .wuhan)
        let admin = world.actor(.platformAdmin, in: platform)
        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try await world.organizations.list(
                kind: .enterprise, city: .huangshi, page: try PageRequest(limit: 2, cursor: cursor), by: admin)
            #expect(page.items.allSatisfy { $0.kind == .enterprise && $0.city == .huangshi })
            seen += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == seen.sorted() && Set(seen).count == seen.count)
        let total = try await world.database.testWriter.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM organizations WHERE kind = 'enterprise' AND city = 'HS'")
        }
        #expect(seen.count == total && seen.count >= 5)
    }

    @Test func seedingTwiceChangesNothing() async throws {
        let world = try World()
        let before = (try world.count("organizations"), try world.count("audit_log"), try world.count("parks"))
        #expect(before.0 >= 70 && before.2 >= 10)
        let report = try IdentitySeeder.load(directory: World.seedsDirectory, into: world.database)
        #expect(report.organizationsAdded == 0 && report.referenceRowsWritten == 0)
        #expect(report.organizationsPresent == before.0)
        #expect((try world.count("organizations"), try world.count("audit_log"), try world.count("parks")) == before)
    }

    @Test func seedsCoverEveryCityAndAllCreditCodesAreValid() throws {
        let world = try World()
        let rows = try world.database.testWriter.read { db in
            try Row.fetchAll(db, sql: "SELECT city, kind, credit_code FROM organizations")
        }
        for city in CityCode.allCases {
            let kinds = Set(rows.filter { $0["city"] == city.rawValue }.map { $0["kind"] as String })
            #expect(kinds.isSuperset(of: ["enterprise", "provider", "government"]), "\(city)")
        }
        for row in rows { #expect(throws: Never.self) { try CreditCode.validate(row["credit_code"]) } }
    }
}
