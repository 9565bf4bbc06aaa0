import Foundation
import Identity
import Kernel
import Testing
import Vouchers

/// Declared relations (a related party, a shared controlling holder, one the other's holder)
/// flag a redemption for the issuing city's review, like shared contact details do.
struct RelatedPartyTests {
    enum Declaration: CaseIterable {
        case enterpriseNamesProvider, providerNamesEnterprise, sameHolder, providerIsHolder, unrelatedHolders
    }

    @Test(arguments: Declaration.allCases)
    func declaredRelationsFlagTheRedemption(_ declaration: Declaration) async throws {
        let f = try await ErrorFixture.make()
        let world = f.world
        let relations = RelationService(database: world.database)
        let lab = try await world.organization(f.lab)
        let enterprise = try await world.organization(f.enterprise.organizationID!)
        let labAdmin = world.actor(.orgAdmin, f.lab, lab.city)
        let body = "91420100MA4K00000"
        let holder = body + String(CreditCode.checkCharacter(for: body)!)
        switch declaration {
        case .enterpriseNamesProvider:
            _ = try await relations.declare(
                enterprise.id, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: lab.creditCode),
                by: f.enterprise)
        case .providerNamesEnterprise:
            _ = try await relations.declare(
                lab.id, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: enterprise.creditCode),
                by: labAdmin)
        case .sameHolder:
            _ = try await relations.declare(
                enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder),
                by: f.enterprise)
            _ = try await relations.declare(
                lab.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder), by: labAdmin)
        case .providerIsHolder:
            _ = try await relations.declare(
                enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: lab.creditCode),
                by: f.enterprise)
        case .unrelatedHolders:
            // Each declares a holder, but not the same one, and neither names the other.
            _ = try await relations.declare(
                enterprise.id, NewOrganizationRelation(kind: .controllingHolder, relatedCreditCode: holder),
                by: f.enterprise)
            _ = try await relations.declare(
                lab.id, NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: holder), by: labAdmin)
        }
        let redemption = try await f.open()
        if declaration == .unrelatedHolders {
            #expect(redemption.flags.isEmpty && redemption.review == .none)
        } else {
            #expect(redemption.flags == ["related_parties"] && redemption.review == .pending)
            _ = try await f.step(redemption.id, .confirm, invoice: "INV-1", by: f.labActor)
            // Accepted by the enterprise, but nothing is captured before the city's review.
            let accepted = try await f.step(redemption.id, .accept, by: f.enterprise)
            #expect(accepted.status == .delivered && accepted.review == .pending)
            #expect(try await world.transfers("capture") == 0)
        }
        try await world.expectClean()
    }

    /// A withdrawn declaration no longer flags new redemptions.
    @Test func withdrawnRelationNoLongerFlags() async throws {
        let f = try await ErrorFixture.make()
        let relations = RelationService(database: f.world.database)
        let lab = try await f.world.organization(f.lab)
        let declared = try await relations.declare(
            f.enterprise.organizationID!,
            NewOrganizationRelation(kind: .relatedParty, relatedCreditCode: lab.creditCode), by: f.enterprise
        )
        #expect(try await f.open("C-1").flags == ["related_parties"])
        _ = try await relations.withdraw(f.enterprise.organizationID!, relation: declared.id, by: f.enterprise)
        #expect(try await f.open("C-2", provider: try await f.world.listedProvider(.xianning, 0)).flags.isEmpty)
    }
}
