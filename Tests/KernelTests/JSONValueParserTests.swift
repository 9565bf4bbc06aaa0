import Foundation
import Kernel
import Testing

/// `JSONValue.parse` must give exactly what Foundation's decoder gives (audit hashes are over
/// the canonical form of these values), and refuse what it refuses.
struct JSONValueParserTests {
    static let texts: [String] = [
        #"{"a":[1,-2,{"b":"中"}],"c":false,"d":null}"#,
        #"{"one":1,"zero":0,"t":true,"f":false,"s":"1","e":"","arr":[],"obj":{}}"#,
        #"[9223372036854775807,-9223372036854775808,0,-0,10,-10]"#,
        " { \"spaced\" : [ 1 , 2 ] , \"tab\":\t\"x\" } ",
        #""a\"b\\c\/d\b\f\n\r\t\u0001\u00e9\u4E2D\ud83d\ude00 😀""#,
        #"{"url":"https:\/\/example.cn\/a?b=c","nested":{"deep":[[[[{"x":null}]]]]}}"#,
        #"{"\u0041":1,"B":2}"#,
        "\"\u{1F600}中文\u{FF21}\"",
    ]

    @Test(arguments: texts)
    func agreesWithFoundation(_ text: String) throws {
        let data = Data(text.utf8)
        let expected = try JSONDecoder().decode(JSONValue.self, from: data)
        let parsed = try JSONValue.parse(data)
        #expect(parsed == expected)
        #expect(parsed.canonical == expected.canonical)
    }

    @Test(arguments: [
        "1.5", "[1, 2.5]", #"{"a": -0.25}"#, "1e3", "9223372036854775808", "[1,]", #"{"a":1,}"#, #"{"a" 1}"#,
        "\"\u{01}\"", #""\x""#, #""\ud800""#, "tru", "", "[1] 2", "01", "[1,]", #"{"a":1,"a":2}"#, "1.0", "-", "[-0]",
    ])
    func refusesWhatFoundationRefuses(_ text: String) {
        let data = Data(text.utf8)
        let foundation = Result { try JSONDecoder().decode(JSONValue.self, from: data) }
        let parsed = Result { try JSONValue.parse(data) }
        switch (foundation, parsed) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("Foundation \(foundation), parse \(parsed) for \(text)")
        }
    }

    struct Document: Codable {
        var id: Int64
        var name: String
        var when: Date
        var tags: [String]
        var note: String?
        var amounts: [String: Int64]
        var flag: Bool
    }

    @Test func documentsRoundTripAsBefore() throws {
        for seed in 0..<200 {
            var generator = SeededGenerator(seed: UInt64(seed))
            let document = Document(
                id: Int64.random(in: Int64.min...Int64.max, using: &generator),
                name: String(
                    (0..<Int.random(in: 0..<20, using: &generator)).map { _ in
                        Character(Unicode.Scalar(UInt32.random(in: 1...0x2FFF, using: &generator)) ?? "x")
                    }),
                when: Date(timeIntervalSince1970: Double(Int.random(in: 0...2_000_000_000, using: &generator))),
                tags: ["a/b", "\"q\"", "中文", "\t"], note: seed % 2 == 0 ? nil : "n\u{0}",
                amounts: ["x": Int64(seed), "y": -Int64(seed)], flag: seed % 3 == 0)
            let data = try DocumentJSON.encoder.encode(document)
            #expect(try JSONValue.parse(data) == JSONDecoder().decode(JSONValue.self, from: data))
            let (text, json) = try DocumentJSON.textAndJSON(document)
            #expect(text == String(decoding: data, as: UTF8.self))
            #expect(json == (try DocumentJSON.json(document)))
        }
    }
}

private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
