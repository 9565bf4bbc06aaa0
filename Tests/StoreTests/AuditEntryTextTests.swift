import Foundation
import Kernel
@testable import Store
import Testing

/// The audit entry's text is written out directly (not through a `JSONValue` object); it must
/// stay byte for byte the canonical form of the same object, or stored hashes stop verifying.
struct AuditEntryTextTests {
    static let strings = ["", "plain", "引号\"与\\反斜杠", "line\nbreak\t\u{01}\u{1F}", "😀/é\u{FF21}", "=cmd|' /C calc'!A0"]

    @Test(arguments: strings)
    func directTextIsTheCanonicalObject(_ text: String) {
        let actor: JSONValue = ["kind": "user", "user": 7, "organization": .null, "role": .string(text)]
        let change: JSONValue = ["step": .string(text), "nested": ["b": [1, 2], "a": .string(text)], "z": nil]
        let reference = JSONValue.object([
            "seq": .int(42),
            "time": .string(text),
            "actor": actor,
            "action": .string(text),
            "target": ["type": .string(text), "id": .string(text)],
            "requestId": .string(text),
            "change": change,
        ]).canonical
        let direct = AuditEntry.canonicalText(
            seq: 42, time: text, actor: actor, action: text, targetType: text, targetID: text, requestID: text,
            change: change)
        #expect(direct == reference)
    }
}
