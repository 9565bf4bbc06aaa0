import Foundation
import Kernel
import Testing

struct JSONValueTests {
    @Test func canonicalFormSortsKeysAndHasNoWhiteSpace() {
        let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil], "c": ["x", 2]]
        #expect(value.canonical == #"{"a":{"y":null,"z":true},"b":1,"c":["x",2]}"#)
    }

    @Test func keysSortByUTF16CodeUnits() {
        // "é" (U+00E9) sorts after "z"; "😀" (surrogates D83D…) before "\u{FF21}" (FF21) in UTF-16 order.
        let value: JSONValue = ["z": 1, "é": 2, "\u{FF21}": 3, "😀": 4]
        #expect(value.canonical == "{\"z\":1,\"é\":2,\"😀\":4,\"\u{FF21}\":3}")
    }

    @Test func stringsEscapeOnlyWhatMust() {
        let value: JSONValue = .string("a\"b\\c\n\t\u{01}/中文")
        #expect(value.canonical == #""a\"b\\c\n\t\u0001/中文""#)
    }

    @Test func decodingAndReEncodingIsStable() throws {
        let text = #"{"a":[1,-2,{"b":"中"}],"c":false,"d":null}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.canonical == text)
    }

    @Test(arguments: ["1.5", "[1, 2.5]", #"{"a": -0.25}"#])
    func fractionsAreRefused(_ json: String) {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected the integer-only refusal, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "not an integer-only JSON value")
    }
}
