import Foundation
import HTTPTypes
@testable import HTTPAPI
import HummingbirdTesting
import Kernel
import NIOCore
import Synchronization
import Testing

/// The answers' encoder (`WireEncoder`, issue 19) writes exactly the bytes Foundation's
/// `JSONEncoder` wrote with the API's settings, so no client sees a difference.
struct WireEncoderTests {
    static func same(_ value: some Encodable, _ label: String = "") throws {
        let foundation = try JSON.encoder.encode(value)
        let ours = try WireEncoder.encode(value)
        #expect(
            Array(foundation) == ours,
            "\(label)\n  Foundation: \(String(decoding: foundation, as: UTF8.self))\n  ours:       \(String(decoding: ours, as: UTF8.self))"
        )
    }

    /// An example of every schema of the document, decoded into its generated type.
    @Test(arguments: SchemaRegistry.types.keys.sorted())
    func everySchemaEncodesAsFoundationDoes(_ name: String) throws {
        let schema = try #require(ContractRoundTripTests.schemas[name] as? [String: Any])
        let example = ContractRoundTripTests.examples.example(schema)
        let data = try JSONSerialization.data(withJSONObject: example, options: [.fragmentsAllowed])
        let type = try #require(SchemaRegistry.types[name])
        let decoded = try JSON.decoder.decode(type, from: data)
        try Self.same(decoded, name)
    }

    struct Mixed: Encodable {
        var text: String
        var optional: String?
        var number: Double
        var float: Float
        var integers: [Int64]
        var unsigned: UInt64
        var time: Date
        var flags: [Bool?]
        var nested: [String: [String: Int]]
        var free: JSONValue
        var data: Data
        var url: URL
    }

    @Test func stringsNumbersTimesAndFreeFormValues() throws {
        let hostile = "\"quote\" \\ back / slash \u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F} é 锂电池 🔋 =cmd"
        for number in [
            0, -0.0, 1, -1, 1.5, 0.1, 1e-7, 1e21, 1e22, 123_456_789.125, Double.pi, 1e300, Double.leastNonzeroMagnitude,
            2e-5,
        ] {
            try Self.same(
                Mixed(
                    text: hostile, optional: nil, number: number, float: Float(number).isFinite ? Float(number) : 3.25,
                    integers: [0, -1, .max, .min, 7],
                    unsigned: .max, time: Date(timeIntervalSince1970: 1_796_630_400.123), flags: [true, nil, false],
                    nested: ["b": ["z": 1, "Z": 2, "a_": 3, "a": 4, "é": 5, "10": 6, "9": 7], "a": [:]],
                    free: ["key": .string(hostile), "list": [1, "x", nil, true, [:]], "Upper": [:], "lower": []],
                    data: Data([0, 1, 2, 250]), url: URL(string: "https://example.cn/a?b=c")!),
                "\(number)")
        }
        // Neither writes a number JSON has no form for.
        for number in [Double.infinity, -.infinity, .nan] {
            #expect(throws: EncodingError.self) { try JSON.encoder.encode([number]) }
            #expect(throws: EncodingError.self) { try WireEncoder.encode([number]) }
        }
        try Self.same([String: String]())
        try Self.same([Int]())
        try Self.same("top-level string")
        try Self.same(42)
    }

    /// A page without a next cursor encodes its members, then `nextCursor: null` on the same
    /// object (its container asked for twice).
    @Test func aLastPageSaysSo() throws {
        let page = Components.Schemas.OrganizationPage(items: [], nextCursor: nil)
        try Self.same(PageBody(page: page, nextCursor: nil))
        try Self.same(PageBody(page: Components.Schemas.OrganizationPage(items: [], nextCursor: "5"), nextCursor: "5"))
    }

    /// Real answers of the read mix.
    @Test func realAnswersAreFoundationsBytes() async throws {
        let world = try HTTPWorld()
        let bodies = Bodies()
        let uris = ["/v1/me", "/v1/organizations/1", "/v1/organizations?limit=20", "/v1/challenges?limit=5"]
        try await world.test { client in
            for uri in uris {
                try await client.execute(uri: uri, method: .get, headers: headers(token: world.adminToken)) {
                    response in
                    #expect(response.status == .ok, "\(uri)")
                    bodies.add(Data(response.body.readableBytesView))
                }
            }
        }
        let answers = bodies.all
        try #require(answers.count == 4)
        // Decoded into their wire types, they encode alike (decoding rounds the times, so the
        // comparison is between the two encoders, not with the bytes answered).
        try Self.same(try JSON.decoder.decode(Components.Schemas.Me.self, from: answers[0]))
        try Self.same(try JSON.decoder.decode(Components.Schemas.Organization.self, from: answers[1]))
        let organizations = try JSON.decoder.decode(Components.Schemas.OrganizationPage.self, from: answers[2])
        try Self.same(PageBody(page: organizations, nextCursor: organizations.nextCursor))
        let challenges = try JSON.decoder.decode(Components.Schemas.ChallengePage.self, from: answers[3])
        try Self.same(PageBody(page: challenges, nextCursor: challenges.nextCursor))
        #expect(answers.allSatisfy { $0.last == UInt8(ascii: "\n") })
    }

    final class Bodies: Sendable {
        private let bodies = Mutex<[Data]>([])
        func add(_ body: Data) { bodies.withLock { $0.append(body) } }
        var all: [Data] { bodies.withLock { $0 } }
    }
}
