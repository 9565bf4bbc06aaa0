import Deals
import Foundation
import Kernel
import Testing

/// What a party, an outsider or a clerk of the wrong city must not be able to do to a contract.
struct ContractAbuseTests {
    @Test func outsidersAreToldTheContractDoesNotExist() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let contract = try await world.draft(cast)
        let outsider = world.actor(.orgAdmin, try await world.organization(.enterprise, .wuhan), .wuhan)
        let expert = world.actor(.expert, cast.university, .wuhan)
        for viewer in [outsider, expert, try await world.cityAdmin(.wuhan), try await world.cityAdmin(.huanggang)] {
            await expectRefusal("contract_not_found", .notFound) {
                try await world.contracts.get(contract.id, viewer: viewer)
            }
            await expectRefusal("contract_not_found", .notFound) {
                try await world.contracts.confirm(contract.id, termsHash: contract.termsHash, by: viewer)
            }
        }
        // Auditors and the platform read, and act on nothing.
        let auditor = world.actor(.auditor, try await world.organization(.platform, .wuhan), .wuhan)
        #expect(try await world.contracts.get(contract.id, viewer: auditor).id == contract.id)
        await expectRefusal("not_a_party", .forbidden) {
            try await world.contracts.confirm(contract.id, termsHash: contract.termsHash, by: auditor)
        }
        let listed = try await world.contracts.list(viewer: outsider, page: PageRequest())
        #expect(listed.items.isEmpty)
        #expect(
            try await world.contracts.list(viewer: cast.buyer, page: PageRequest()).items.map(\.id) == [contract.id])
    }

    @Test func onlyTheSellerCitysClerkRegisters() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let contract = try await world.signed(cast)
        await expectRefusal("registration_seller_only", .forbidden) {
            try await world.contracts.applyForRegistration(contract.id, by: cast.buyer)
        }
        // Before the seller applies, even the Wuhan clerk does not see it.
        await expectRefusal("contract_not_found") {
            try await world.contracts.register(contract.id, by: try await world.cityAdmin(.wuhan))
        }
        _ = try await world.contracts.applyForRegistration(contract.id, by: cast.seller)
        await expectRefusal("registration_wrong_city", .forbidden) {
            try await world.contracts.register(contract.id, by: try await world.cityAdmin(.huanggang))
        }
        await expectRefusal("contract_not_found") {
            try await world.contracts.get(contract.id, viewer: try await world.cityAdmin(.huanggang))
        }
        await expectRefusal("registration_clerk_only", .forbidden) {
            try await world.contracts.register(contract.id, by: cast.seller)
        }
        #expect(try await world.contracts.get(contract.id, viewer: cast.buyer).status == .registrationApplied)
        // The clerk sends it back with a reason, then registers the second application.
        let clerk = try await world.cityAdmin(.wuhan)
        await expectRefusal("reason_required") {
            try await world.contracts.returnRegistration(contract.id, reason: " ", by: clerk)
        }
        let returned = try await world.contracts.returnRegistration(contract.id, reason: "缺少技术文件", by: clerk)
        #expect(returned.status == .signed && returned.registration.returnedReason == "缺少技术文件")
        _ = try await world.contracts.applyForRegistration(contract.id, by: cast.seller)
        #expect(try await world.contracts.register(contract.id, by: clerk).status == .registered)
    }

    @Test func aConfirmationOfOldTermsIsRefused() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let draft = try await world.draft(cast)
        // The buyer confirms; the seller changes the value; the buyer's confirmation is cleared.
        let confirmed = try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.buyer)
        #expect(confirmed.buyerConfirmation?.termsHash == draft.termsHash)
        let amended = try await world.contracts.amend(draft.id, terms: world.terms(value: 45_000_000), by: cast.seller)
        #expect(amended.termsHash != draft.termsHash && amended.buyerConfirmation == nil)
        // The seller confirming the old hash is refused, and nothing is signed or audited.
        let audited = try await world.count("SELECT count(*) FROM audit_log")
        await expectRefusal("contract_terms_changed", .conflict) {
            try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.seller)
        }
        #expect(try await world.count("SELECT count(*) FROM audit_log") == audited)
        #expect(try await world.contracts.get(draft.id, viewer: cast.seller).sellerConfirmation == nil)
        let seller = try await world.contracts.confirm(draft.id, termsHash: amended.termsHash, by: cast.seller)
        #expect(seller.status == .draft)
        let signed = try await world.contracts.confirm(draft.id, termsHash: amended.termsHash, by: cast.buyer)
        #expect(signed.status == .signed && signed.terms.valueFen == 45_000_000)
        // After signature, draft amendments are refused; a new version needs both confirmations.
        await expectRefusal("contract_wrong_state") {
            try await world.contracts.amend(draft.id, terms: world.terms(value: 1_000), by: cast.buyer)
        }
        let proposal = try await world.contracts.proposeAmendment(
            draft.id, terms: world.terms(value: 60_000_000), by: cast.buyer)
        let proposed = try #require(proposal.amendment)
        #expect(proposal.terms.valueFen == 45_000_000 && proposal.version == 1)
        let facts = try await world.database.read { db in try ContractDirectory.facts(db, id: draft.id) }
        #expect(facts?.valueFen == 45_000_000)
        await expectRefusal("contract_terms_changed") {
            try await world.contracts.confirmAmendment(draft.id, termsHash: signed.termsHash, by: cast.seller)
        }
        let adopted = try await world.contracts.confirmAmendment(
            draft.id, termsHash: proposed.termsHash, by: cast.seller)
        #expect(adopted.version == 2 && adopted.terms.valueFen == 60_000_000 && adopted.amendment == nil)
        #expect(adopted.status == .signed)
    }

    @Test func anAmendmentBelowWhatWasPaidSinceIsRefused() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let contract = try await world.signed(cast)
        await expectRefusal("contract_value_below_paid") {
            _ = try await world.contracts.recordPayment(
                contract.id, NewPayment(amountFen: 2_000_000, paidOn: world.clock.now()), by: cast.buyer)
            return try await world.contracts.proposeAmendment(
                contract.id, terms: world.terms(value: 1_000_000), by: cast.seller)
        }
        let proposal = try await world.contracts.proposeAmendment(
            contract.id, terms: world.terms(value: 3_000_000), by: cast.seller)
        _ = try await world.contracts.recordPayment(
            contract.id, NewPayment(amountFen: 2_000_000, paidOn: world.clock.now()), by: cast.buyer)
        await expectRefusal("contract_value_below_paid") {
            try await world.contracts.confirmAmendment(
                contract.id, termsHash: try #require(proposal.amendment).termsHash, by: cast.buyer)
        }
        #expect(try await world.contracts.get(contract.id, viewer: cast.buyer).terms.valueFen == 30_000_000)
    }

    @Test func aDraftWithoutTheFileHashCannotBeSigned() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let draft = try await world.draft(cast, world.terms(file: nil))
        await expectRefusal("contract_not_signable") {
            try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.buyer)
        }
    }

    @Test func termsAreChecked() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        var uneven = world.terms()
        uneven.instalments[0].amountFen += 1
        await expectRefusal("contract_instalments_sum") { try await world.draft(cast, uneven) }
        await expectRefusal("contract_value_not_positive") { try await world.draft(cast, world.terms(value: 0)) }
        await expectRefusal("contract_exclusive_not_licence") {
            try await world.draft(cast, world.terms(type: .consulting, exclusive: true))
        }
        await expectRefusal("control_characters") { try await world.draft(cast, world.terms(title: "合同\u{7}")) }
        // Someone else's listing, or the buyer's patent as the seller's, is refused.
        let otherUniversity = try await world.organization(.university, .wuhan, 1)
        let foreign = try await world.patent(by: world.actor(.orgAdmin, otherUniversity, .wuhan))
        await expectRefusal("contract_listing_not_sellers") {
            try await world.draft(cast, world.terms(listing: foreign.id))
        }
        await expectRefusal("not_a_party", .forbidden) {
            try await world.contracts.create(
                NewContract(
                    buyerOrganizationId: cast.enterprise, sellerOrganizationId: otherUniversity, terms: world.terms()),
                by: cast.seller)
        }
        await expectRefusal("contract_seller_kind") {
            try await world.contracts.create(
                NewContract(
                    buyerOrganizationId: cast.enterprise,
                    sellerOrganizationId: try await world.organization(.government, .wuhan),
                    terms: world.terms()),
                by: cast.buyer)
        }
    }

    @Test func aFormulaTitleIsStoredAsGivenAndNeutralisedInCSV() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let title = "=cmd|' /C calc'!A0"
        let contract = try await world.draft(cast, world.terms(title: title))
        #expect(try await world.contracts.get(contract.id, viewer: cast.seller).terms.title == title)
        let csv = ContractExport.csv([contract])
        #expect(csv.contains("\"'=cmd|' /C calc'!A0\""))
        #expect(!csv.contains(",\"=cmd"))
    }

    @Test func cancellingADraftReleasesItsListing() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let first = try await world.draft(cast, world.terms(listing: patent.id))
        let second = try await world.draft(cast, world.terms(listing: patent.id, value: 60_000_000))
        _ = try await world.contracts.cancel(first.id, by: cast.seller)
        // Still named by the second draft.
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .underNegotiation)
        _ = try await world.contracts.cancel(second.id, by: cast.buyer)
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .listed)
        await expectRefusal("contract_wrong_state") { try await world.contracts.cancel(second.id, by: cast.buyer) }
    }

    @Test func terminationNeedsAReasonAndPaymentsNeverExceedTheValue() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let contract = try await world.signed(cast)
        await expectRefusal("payment_exceeds_value", .conflict) {
            try await world.contracts.recordPayment(
                contract.id, NewPayment(amountFen: 30_000_001, paidOn: world.clock.now()), by: cast.buyer)
        }
        await expectRefusal("payment_instalment_unknown") {
            try await world.contracts.recordPayment(
                contract.id, NewPayment(amountFen: 1, paidOn: world.clock.now(), instalment: 3), by: cast.buyer)
        }
        await expectRefusal("payment_date_in_future") {
            try await world.contracts.recordPayment(
                contract.id, NewPayment(amountFen: 1, paidOn: world.clock.now().addingTimeInterval(3 * DealsWorld.day)),
                by: cast.buyer)
        }
        await expectRefusal("reason_required") {
            try await world.contracts.terminate(contract.id, reason: "", by: cast.buyer)
        }
        let terminated = try await world.contracts.terminate(contract.id, reason: "对方违约", by: cast.buyer)
        #expect(terminated.status == .terminated && terminated.terminationReason == "对方违约")
        // A terminated contract signed before still counts in turnover; a cancelled draft never does.
        let draft = try await world.draft(cast)
        _ = try await world.contracts.cancel(draft.id, by: cast.buyer)
        #expect(try await world.statistics.report(viewer: DealsWorld.auditor).totalFen == 30_000_000)
    }
}
