@testable import Deals
import Foundation
import Kernel
import Listings
import Testing

/// The rules of connection requests and threads through a real database.
struct ConnectionTests {
    @Test func requestsAreLimitedAndRefusalsCoolDown() async throws {
        let world = try DealsWorld(
            limits: ConnectionLimits(dailyRequests: 3, declineCooldownDays: 10, blockCooldownDays: 60))
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let ask = NewConnection(subject: .patent(patent.id), message: "想洽谈")

        // Not to yourself, not about the wrong kind, not twice while pending.
        await expectRefusal("connection_to_self") { try await world.connections.request(ask, by: cast.seller) }
        await expectRefusal("connection_subject_kind") {
            try await world.connections.request(NewConnection(subject: .need(patent.id), message: "x"), by: cast.buyer)
        }
        await expectRefusal("connection_subject_not_found", .notFound) {
            try await world.connections.request(NewConnection(subject: .patent(999_999), message: "x"), by: cast.buyer)
        }
        let first = try await world.connections.request(ask, by: cast.buyer)
        await expectRefusal("connection_duplicate") { try await world.connections.request(ask, by: cast.buyer) }

        // Declined: the same question waits out the cool-down; then it may be asked again.
        _ = try await world.connections.answer(first.id, .decline(reason: "暂不考虑"), by: cast.seller)
        await expectRefusal("connection_cooling_down") { try await world.connections.request(ask, by: cast.buyer) }
        world.clock.advance(by: 10 * DealsWorld.day + 1)
        let second = try await world.connections.request(ask, by: cast.buyer)
        // Blocked: a longer cool-down.
        _ = try await world.connections.answer(second.id, .block(reason: nil), by: cast.seller)
        world.clock.advance(by: 30 * DealsWorld.day)
        await expectRefusal("connection_cooling_down") { try await world.connections.request(ask, by: cast.buyer) }

        // The daily limit counts every request of the organisation in 24 hours.
        let others = try await (0..<4).asyncMap { index in
            try await world.patent(
                by: world.actor(.orgAdmin, try await world.organization(.university, .wuhan, index + 1), .wuhan),
                number: Self.numbers[index])
        }
        for patent in others.prefix(3) {
            _ = try await world.connections.request(
                NewConnection(subject: .patent(patent.id), message: "您好"), by: cast.buyer)
        }
        await expectRefusal("connection_daily_limit", .tooManyRequests) {
            try await world.connections.request(
                NewConnection(subject: .patent(others[3].id), message: "您好"), by: cast.buyer)
        }
        world.clock.advance(by: DealsWorld.day)
        _ = try await world.connections.request(
            NewConnection(subject: .patent(others[3].id), message: "您好"), by: cast.buyer)
    }

    /// Valid patent numbers (check digits computed by the rule in DOMAIN.md).
    static let numbers = ["ZL201810000001.4", "ZL201810000002.9", "ZL201810000003.3", "ZL201810000004.8"]

    @Test func onlyTheRightSideAnswersAndStrangersSeeNothing() async throws {
        let world = try DealsWorld()
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        let request = try await world.connections.request(
            NewConnection(subject: .patent(patent.id), message: "想洽谈"), by: cast.buyer)
        let stranger = world.actor(.orgMember, try await world.organization(.enterprise, .ezhou), .ezhou)
        await expectRefusal("connection_not_found") {
            try await world.connections.answer(request.id, .accept, by: stranger)
        }
        await expectRefusal("connection_not_found") { try await world.connections.get(request.id, viewer: stranger) }
        await expectRefusal("connection_receiver_only") {
            try await world.connections.answer(request.id, .accept, by: cast.buyer)
        }
        await expectRefusal("connection_requester_only") {
            try await world.connections.answer(request.id, .withdraw, by: cast.seller)
        }
        await expectRefusal("thread_closed") {
            try await world.threads.post(request.id, NewMessage(body: "在吗"), by: cast.buyer)
        }
        let withdrawn = try await world.connections.answer(request.id, .withdraw, by: cast.buyer)
        #expect(withdrawn.status == .withdrawn)
        await expectRefusal("connection_wrong_state") {
            try await world.connections.answer(request.id, .accept, by: cast.seller)
        }
    }

    @Test func hostileMessagesAndAttachmentsAreRefused() async throws {
        let world = try DealsWorld(attachmentLimit: 1_024)
        defer { world.removeFiles() }
        let cast = try await world.cast()
        let patent = try await world.patent(by: cast.seller)
        await expectRefusal("control_characters") {
            try await world.connections.request(
                NewConnection(subject: .patent(patent.id), message: "a\u{1B}[31m"), by: cast.buyer)
        }
        await expectRefusal("control_characters") {
            try await world.connections.request(
                NewConnection(subject: .patent(patent.id), message: "a\r\nb"), by: cast.buyer)
        }
        await expectRefusal("too_long") {
            try await world.connections.request(
                NewConnection(subject: .patent(patent.id), message: String(repeating: "长", count: 10_000_000)),
                by: cast.buyer)
        }
        let request = try await world.connections.request(
            NewConnection(subject: .patent(patent.id), message: "您好"), by: cast.buyer)
        _ = try await world.connections.answer(request.id, .accept, by: cast.seller)
        await expectRefusal("attachment_type", .unsupportedMediaType) {
            try await world.threads.post(
                request.id,
                NewMessage(attachmentName: "run.exe", attachmentData: Data([0x4D, 0x5A, 0x90, 0x00, 0x03])),
                by: cast.buyer)
        }
        await expectRefusal("attachment_too_large", .payloadTooLarge) {
            try await world.threads.post(
                request.id, NewMessage(attachmentName: "big.txt", attachmentData: Data(repeating: 0x41, count: 1_025)),
                by: cast.buyer)
        }
        await expectRefusal("attachment_name") {
            try await world.threads.post(
                request.id, NewMessage(attachmentName: "../x.txt", attachmentData: Data("hello".utf8)), by: cast.buyer)
        }
        await expectRefusal("message_empty") { try await world.threads.post(request.id, NewMessage(), by: cast.buyer) }
        #expect(try await world.count("SELECT count(*) FROM deal_messages") == 0)
        // Another organisation reads neither the thread nor an attachment.
        let posted = try await world.threads.post(
            request.id,
            NewMessage(
                attachmentName: "a.png", attachmentData: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1])),
            by: cast.buyer)
        let sha = try #require(posted.attachment?.sha256)
        let other = world.actor(.orgAdmin, try await world.organization(.enterprise, .wuhan), .wuhan)
        await expectRefusal("connection_not_found") {
            try await world.threads.messages(request.id, viewer: other, page: PageRequest())
        }
        await expectRefusal("connection_not_found") {
            try await world.threads.attachment(request.id, sha256: sha, viewer: other)
        }
        // Auditors read every thread (issue 16: "auditors read all") but never post in one.
        let auditor = world.actor(.auditor, try await world.organization(.platform, .wuhan), .wuhan)
        let audited = try await world.threads.messages(request.id, viewer: auditor, page: PageRequest())
        #expect(audited.items.map(\.id).contains(posted.id))
        await expectRefusal("not_a_party") {
            try await world.threads.post(request.id, NewMessage(body: "audit"), by: auditor)
        }
    }

    @Test func sniffingTellsTypesByTheirBytes() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        #expect(AttachmentType.sniff(Data("%PDF-1.4".utf8)) == .pdf)
        #expect(AttachmentType.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(AttachmentType.sniff(Data(zip + Array("word/document.xml".utf8))) == .docx)
        #expect(AttachmentType.sniff(Data(zip + [0, 0])) == .zip)
        #expect(AttachmentType.sniff(Data("纯文本\n第二行".utf8)) == .text)
        #expect(AttachmentType.sniff(Data([0x00, 0x01, 0x02])) == nil)
        #expect(AttachmentType.sniff(Data([0xC3, 0x28])) == nil)
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
