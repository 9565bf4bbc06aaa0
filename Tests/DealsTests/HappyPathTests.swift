@testable import Deals
import Foundation
import Kernel
import Listings
import Store
import Testing

/// Issue 16's journey through a real database: a Huanggang enterprise connects to a Wuhan
/// university about its patent, is accepted, sees contacts only then, exchanges a message and
/// an attachment, drafts a patent licence, both confirm one hash, the university applies, the
/// Wuhan clerk registers it, payments complete it, and the statistics show Wuhan exporting and
/// Huanggang absorbing its value.
struct HappyPathTests {
    @Test func fromConnectionToRegisteredCompletedContract() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let need = try await world.need(by: cast.buyer)

        // Given a request about the patent, contacts stay hidden until the university accepts.
        let request = try await world.connections.request(
            NewConnection(subject: .match(needId: need.id, listingId: patent.id), message: "您好，\n想洽谈专利许可。"),
            by: cast.buyer)
        #expect(request.receiverOrganizationId == cast.university)
        #expect(request.message == "您好，\n想洽谈专利许可。")
        await expectRefusal("connection_contacts_hidden") {
            try await world.connections.contacts(for: request.id, viewer: cast.buyer)
        }
        await expectRefusal("connection_contacts_hidden") {
            try await world.connections.contacts(for: request.id, viewer: cast.seller)
        }
        world.clock.advance(by: 2 * DealsWorld.day)
        let accepted = try await world.connections.answer(request.id, .accept, by: cast.seller)
        #expect(accepted.status == .accepted)
        let contacts = try await world.connections.contacts(for: request.id, viewer: cast.buyer)
        #expect(contacts.receiver.organizationId == cast.university)
        #expect(contacts.requester.organizationId == cast.enterprise)
        #expect(contacts.receiver.phone != nil || contacts.receiver.email != nil)

        // Messages and an attachment, stored by hash with 0600 permissions.
        _ = try await world.threads.post(request.id, NewMessage(body: "请提供专利说明书。"), by: cast.buyer)
        let pdf = Data("%PDF-1.7\n说明书".utf8)
        let posted = try await world.threads.post(
            request.id, NewMessage(body: "附件为说明书", attachmentName: "说明书.pdf", attachmentData: pdf), by: cast.seller)
        let attachment = try #require(posted.attachment)
        #expect(attachment.type == .pdf && attachment.size == pdf.count)
        let path = world.folder.appendingPathComponent(
            "attachments/\(attachment.sha256.prefix(2))/\(attachment.sha256)")
        let attributes = try FileManager.default.attributesOfItem(atPath: path.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: path.deletingLastPathComponent().path)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let downloaded = try await world.threads.attachment(request.id, sha256: attachment.sha256, viewer: cast.buyer)
        #expect(downloaded.data == pdf && downloaded.name == "说明书.pdf")
        let thread = try await world.threads.messages(request.id, viewer: cast.seller, page: PageRequest())
        #expect(thread.items.count == 2)
        let audit = try await world.count(
            "SELECT count(*) FROM audit_log WHERE action = 'connection.message' AND change LIKE ?",
            ["%\(attachment.sha256)%"])
        #expect(audit == 1)

        // A patent-licence draft names the patent (now under negotiation) and the need.
        world.clock.advance(by: 3 * DealsWorld.day)
        let draft = try await world.draft(cast, world.terms(listing: patent.id, need: need.id, connection: request.id))
        #expect(draft.status == .draft && draft.field == .newEnergyVehicles)
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .underNegotiation)
        _ = try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.buyer)
        let signed = try await world.contracts.confirm(draft.id, termsHash: draft.termsHash, by: cast.seller)
        #expect(signed.status == .signed && signed.signedAt != nil)
        #expect(try await world.needs.get(need.id, viewer: cast.buyer).status == .closed)

        // Registration: the seller applies; the Wuhan clerk registers with a number of the right shape.
        let applied = try await world.contracts.applyForRegistration(draft.id, by: cast.seller)
        #expect(applied.status == .registrationApplied)
        world.clock.advance(by: 5 * DealsWorld.day)
        let registered = try await world.contracts.register(draft.id, by: try await world.cityAdmin(.wuhan))
        #expect(registered.status == .registered)
        let number = try #require(registered.registration.number)
        #expect(number == "2026" + "420100" + "000001")
        #expect(number.count == 16 && number.allSatisfy(\.isNumber))

        // Vouchers' read: signed and registered, buyer and seller as recorded.
        let facts = try #require(try await world.database.read { db in try ContractDirectory.facts(db, id: draft.id) })
        #expect(facts.buyerOrganizationId == cast.enterprise && facts.sellerOrganizationId == cast.university)
        #expect(facts.status == .registered && facts.registrationNumber == number && facts.valueFen == 30_000_000)

        // Payments: the first makes it performing, the last completes it and transfers the patent.
        let first = try await world.contracts.recordPayment(
            draft.id, NewPayment(amountFen: 10_000_000, paidOn: world.clock.now(), instalment: 1), by: cast.buyer)
        #expect(first.status == .performing && first.paidFen == 10_000_000)
        let last = try await world.contracts.recordPayment(
            draft.id, NewPayment(amountFen: 20_000_000, paidOn: world.clock.now(), instalment: 2), by: cast.buyer)
        #expect(last.status == .completed && last.paidFen == 30_000_000 && last.payments.count == 2)
        #expect(try await world.patents.get(patent.id, viewer: cast.seller).status == .transferred)

        // Statistics: Wuhan exported, Huanggang absorbed, nothing within one city.
        let report = try await world.statistics.report(viewer: DealsWorld.auditor)
        #expect(report.totalFen == 30_000_000 && report.contracts == 1)
        #expect(report.bySellerCity == [.init(key: "WH", contracts: 1, valueFen: 30_000_000)])
        #expect(report.byBuyerCity == [.init(key: "HG", contracts: 1, valueFen: 30_000_000)])
        #expect(report.byType == [.init(key: "patent_licence", contracts: 1, valueFen: 30_000_000)])
        #expect(report.byField == [.init(key: "new_energy_vehicles", contracts: 1, valueFen: 30_000_000)])
        #expect(report.byMonth == [.init(key: "2026-11", contracts: 1, valueFen: 30_000_000)])
        #expect(report.matrix.count == 25)
        #expect(report.matrix.first { $0.sellerCity == .wuhan && $0.buyerCity == .huanggang }?.valueFen == 30_000_000)
        #expect(report.matrix.filter { $0.valueFen > 0 }.count == 1)
        #expect(report.withinCityFen == 0 && report.withinCityPermille == 0)
        #expect(report.funnel.needsPosted == 1 && report.funnel.connectionsAccepted == 1)
        #expect(report.funnel.contractsSigned == 1 && report.funnel.contractsRegistered == 1)
        #expect(report.funnel.medianDaysNeedToConnection == 2)
        #expect(report.funnel.medianDaysConnectionToSignature == 3)
        #expect(report.funnel.medianDaysSignatureToRegistration == 5)
        // A range that ends before the signature counts nothing.
        let before = try await world.statistics.report(to: DealsWorld.start, viewer: DealsWorld.auditor)
        #expect(before.totalFen == 0 && before.funnel.contractsSigned == 0)

        // Every step was audited.
        for action in [
            "connection.request", "connection.accept", "contract.create", "contract.apply_registration",
            "contract.register",
        ] {
            #expect(try await world.audits(action) == 1, "\(action)")
        }
        #expect(try await world.audits("contract.confirm") == 2)

        // Each step told the right side through the outbox, in the same transactions.
        let events = try await world.database.read { db in try AppDatabase.outboxEvents(db, after: 0, limit: 100) }
        #expect(
            events.map(\.kind) == [
                "connection.requested", "connection.accepted", "connection.message", "connection.message",
                "contract.create", "contract.confirm", "contract.signed", "contract.apply_registration",
                "contract.register", "contract.record_payment", "contract.record_payment",
            ])
        let byKind = Dictionary(events.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKind["connection.requested"]?.organizations == [cast.university])
        #expect(byKind["contract.create"]?.organizations == [cast.university])
        #expect(byKind["contract.signed"]?.organizations == [cast.enterprise, cast.university].sorted())
        #expect(events.last?.organizations == [cast.enterprise, cast.university].sorted())
        #expect(try await world.audits("contract.record_payment") == 2)
    }

    @Test func registrationNumbersCountPerCityAndYear() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let clerk = try await world.cityAdmin(.wuhan)
        var numbers: [String] = []
        for _ in 0..<3 {
            let contract = try await world.signed(cast)
            _ = try await world.contracts.applyForRegistration(contract.id, by: cast.seller)
            numbers.append(try #require(try await world.contracts.register(contract.id, by: clerk).registration.number))
        }
        #expect(numbers == ["2026420100000001", "2026420100000002", "2026420100000003"])
        // A seller in Huangshi starts its own sequence.
        let huangshi = try await world.organization(.university, .huangshi)
        let hs = DealsWorld.Cast(
            university: huangshi, enterprise: cast.enterprise, seller: world.actor(.orgAdmin, huangshi, .huangshi),
            buyer: cast.buyer)
        let other = try await world.signed(hs)
        _ = try await world.contracts.applyForRegistration(other.id, by: hs.seller)
        let registered = try await world.contracts.register(other.id, by: try await world.cityAdmin(.huangshi))
        #expect(registered.registration.number == "2026420200000001")
    }
}
