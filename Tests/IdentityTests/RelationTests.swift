import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

/// Declared relations: who may declare and read them, the rules on a declaration, and the
/// evidence `RelationService.link` finds between two organisations.
struct RelationTests {
    let holder = validCreditCode("91420100MA4K00000")
    let other = validCreditCode("91420700MA4K00001")

    func code(_ work: () async throws -> Void) async -> String? {
        do {
            try await work()
            return nil
        } catch let error as DomainError {
            return error.code
        } catch {
            return "\(error)"
        }
    }

    @Test func declareListWithdraw() async throws {
        let world = try World()
        let relations = RelationService(database: world.database)
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let university = try await world.organization(.university, .wuhan)
        let admin = world.actor(.orgAdmin, in: enterprise)
        let audit = try world.count("audit_log")
        let named = try await relations.declare(
            enterprise.id,
            NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: university.creditCode, note: "创始人任职"),
            by: admin
        )
        #expect(named.relatedOrganizationId == university.id && named.note == "创始人任职")
        let held = try await relations.declare(
            enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder), by: admin)
        #expect(held.relatedOrganizationId == nil)
        #expect(try await relations.list(enterprise.id, by: admin).map(\.id) == [named.id, held.id])
        #expect(try world.count("audit_log") == audit + 2)
        _ = try await relations.withdraw(enterprise.id, relation: named.id, by: admin)
        #expect(try await relations.list(enterprise.id, by: admin).map(\.id) == [held.id])
        #expect(try world.count("audit_log") == audit + 3)
        // The relation belongs to another organisation: not found from this one.
        #expect(
            await code { _ = try await relations.withdraw(university.id, relation: held.id, by: world.system) }
                == "relation_not_found")
    }

    @Test func declarationRules() async throws {
        let world = try World()
        let relations = RelationService(database: world.database)
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let admin = world.actor(.orgAdmin, in: enterprise)
        let before = (try world.count("organization_relations"), try world.count("audit_log"))
        #expect(
            await code {
                _ = try await relations.declare(
                    enterprise.id,
                    NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: enterprise.creditCode), by: admin)
            } == "relation_to_self")
        #expect(
            await code {
                _ = try await relations.declare(
                    enterprise.id,
                    NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: "91420100MA4K00000X"), by: admin)
            } == "credit_code_check")
        #expect(
            await code {
                _ = try await relations.declare(
                    enterprise.id,
                    NewOrganizationRelation(
                        kind: .relatedParty, relatedCreditCode: holder, note: String(repeating: "长", count: 501)),
                    by: admin)
            } == "too_long")
        #expect(
            await code {
                _ = try await relations.declare(
                    999_999, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: holder), by: admin)
            } == "organization_not_found")
        #expect((try world.count("organization_relations"), try world.count("audit_log")) == before)
        _ = try await relations.declare(
            enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder), by: admin)
        #expect(
            await code {
                _ = try await relations.declare(
                    enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder),
                    by: admin)
            } == "relation_exists")
        #expect(
            await code {
                _ = try await relations.declare(
                    enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: other),
                    by: admin)
            } == "controlling_holder_declared")
        // The same code as a related party is a different declaration.
        _ = try await relations.declare(
            enterprise.id, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: holder), by: admin)
    }

    @Test func whoMayDeclareAndRead() async throws {
        let world = try World()
        let relations = RelationService(database: world.database)
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let huangshi = try await world.organization(.government, .huangshi)
        let wuhan = try await world.organization(.government, .wuhan)
        let university = try await world.organization(.university, .wuhan)
        let input = NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder)
        #expect(
            await code {
                _ = try await relations.declare(enterprise.id, input, by: world.actor(.orgMember, in: enterprise))
            } == "forbidden")
        #expect(
            await code {
                _ = try await relations.declare(enterprise.id, input, by: world.actor(.orgAdmin, in: university))
            } == "forbidden")
        #expect(
            await code { _ = try await relations.declare(enterprise.id, input, by: world.actor(.cityAdmin, in: wuhan)) }
                == "forbidden")
        _ = try await relations.declare(enterprise.id, input, by: world.actor(.cityAdmin, in: huangshi))
        // Reading: the organisation's admin, any city admin (they review cross-city redemptions), auditors.
        #expect(
            await code { _ = try await relations.list(enterprise.id, by: world.actor(.orgMember, in: enterprise)) }
                == "forbidden")
        #expect(
            await code { _ = try await relations.list(enterprise.id, by: world.actor(.orgAdmin, in: university)) }
                == "forbidden")
        #expect(try await relations.list(enterprise.id, by: world.actor(.cityAdmin, in: wuhan)).count == 1)
        #expect(try await relations.list(enterprise.id, by: world.actor(.auditor, in: huangshi)).count == 1)
    }

    @Test func linkFindsEachKindOfEvidence() async throws {
        let world = try World()
        let relations = RelationService(database: world.database)
        let a = try await world.organization(.enterprise, .huangshi)
        let b = try await world.organization(.university, .wuhan)
        func link() async throws -> RelationEvidence? {
            try await world.database.testWriter.read { db in try RelationService.link(db, a, b) }
        }
        func reverse() async throws -> RelationEvidence? {
            try await world.database.testWriter.read { db in try RelationService.link(db, b, a) }
        }
        #expect(try await link() == nil)
        #expect(
            try await world.database.testWriter.read { db in try RelationService.link(db, a, a) }?.reason
                == .sameOrganization)
        let aHolder = try await relations.declare(
            a.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder), by: world.system)
        #expect(try await link() == nil)
        let bHolder = try await relations.declare(
            b.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder), by: world.system)
        #expect(try await link() == RelationEvidence(reason: .sameControllingHolder, creditCode: holder))
        #expect(try await reverse() == RelationEvidence(reason: .sameControllingHolder, creditCode: holder))
        _ = try await relations.withdraw(b.id, relation: bHolder.id, by: world.system)
        _ = try await relations.withdraw(a.id, relation: aHolder.id, by: world.system)
        _ = try await relations.declare(
            a.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: b.creditCode), by: world.system)
        #expect(try await reverse() == RelationEvidence(reason: .holderOfTheOther, creditCode: b.creditCode))
        _ = try await relations.declare(
            b.id, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: a.creditCode), by: world.system)
        #expect(try await link() == RelationEvidence(reason: .declaredRelatedParty, creditCode: a.creditCode))
    }
}
