import Foundation
import Kernel
@testable import Listings
import Testing

/// Decoded documents are found only by the bytes just read (issue 19): a change is a miss, so a
/// read never returns an older version.
struct DecodedDocumentsTests {
    struct Thing: Codable, Sendable, Equatable {
        var name: String
    }

    @Test func theSameBytesDecodeOnceAndOtherBytesAnew() throws {
        let cache = DecodedDocuments(capacity: 2, byteBudget: 1 << 20)
        let decoder = JSONDecoder()
        let first = Data(#"{"name":"a"}"#.utf8)
        #expect(try cache.document(Thing.self, from: first, decoder: decoder) == Thing(name: "a"))
        #expect(try cache.document(Thing.self, from: first, decoder: decoder) == Thing(name: "a"))
        #expect(cache.count == 1)
        #expect(try cache.document(Thing.self, from: Data(#"{"name":"b"}"#.utf8), decoder: decoder) == Thing(name: "b"))
        #expect(cache.count == 2)
        // Full: it starts again rather than growing.
        #expect(try cache.document(Thing.self, from: Data(#"{"name":"c"}"#.utf8), decoder: decoder) == Thing(name: "c"))
        #expect(cache.count == 1)
        // Bad bytes are still refused, and nothing is kept for them.
        #expect(throws: (any Error).self) { try cache.document(Thing.self, from: Data("{".utf8), decoder: decoder) }
        #expect(cache.count == 1)
    }

    @Test func aDocumentLargerThanItsShareIsNotKept() throws {
        let cache = DecodedDocuments(capacity: 10, byteBudget: 160)
        let long = Data(#"{"name":"\#(String(repeating: "x", count: 20))"}"#.utf8)
        #expect(try cache.document(Thing.self, from: long, decoder: JSONDecoder()).name.count == 20)
        #expect(cache.count == 0)
    }

    @Test func anAmendedPatentIsReadAsAmendedAtOnce() async throws {
        let world = try ListingsWorld()
        let university = try await world.organization(.university, .wuhan)
        let member = world.actor(.orgMember, in: university)
        let patent = try await world.listPatent(PatentServiceTests.number, by: member)
        #expect(try await world.patents.get(patent.id, viewer: nil) == patent)
        #expect(try await world.patents.get(patent.id, viewer: nil) == patent)
        var patch = PatentPatch()
        patch.title = "一种改进的锂电池"
        let updated = try await world.patents.update(patent.id, patch, by: member)
        let read = try await world.patents.get(patent.id, viewer: nil)
        #expect(read == updated && read.title == "一种改进的锂电池" && read.version == patent.version + 1)
    }
}
