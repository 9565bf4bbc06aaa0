import Foundation

/// A C2SP signed note: text ending in a newline, a blank line, then signature lines
/// `— <name> <base64>`.
public struct SignedNote: Sendable, Equatable {
    public struct Signature: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]

        public var line: String { "— \(name) \(Data(bytes).base64EncodedString())\n" }
    }

    public var text: String
    public var signatures: [Signature]

    public init(text: String, signatures: [Signature] = []) {
        self.text = text
        self.signatures = signatures
    }

    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    static let maxSignatures = 32

    public init(parsing note: String) throws {
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw NoteError.malformed("control characters other than newline")
        }
        guard let split = note.range(of: "\n\n", options: .backwards) else {
            throw NoteError.malformed("no blank line before the signatures")
        }
        let text = String(note[..<split.lowerBound]) + "\n"
        let block = note[split.upperBound...]
        guard block.hasSuffix("\n") else { throw NoteError.malformed("signature lines end in a newline") }
        var signatures: [Signature] = []
        for line in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("— ") else {
                throw NoteError.malformed("a signature line starts with an em dash and a space")
            }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, let bytes = Data(base64Encoded: String(fields[1])),
                bytes.count > 4
            else {
                throw NoteError.malformed("a signature line is '— <name> <base64>'")
            }
            signatures.append(Signature(name: String(fields[0]), bytes: [UInt8](bytes)))
        }
        guard !signatures.isEmpty, signatures.count <= Self.maxSignatures else {
            throw NoteError.malformed("a note has 1–\(Self.maxSignatures) signatures")
        }
        self.init(text: text, signatures: signatures)
    }

    /// The verifiers whose signatures are present and valid. A present but invalid signature
    /// from a known key fails the whole note (nil), as the spec advises.
    public func verified(by verifiers: [NoteVerifier]) -> [NoteVerifier]? {
        var good: [NoteVerifier] = []
        for signature in signatures {
            guard
                let verifier = verifiers.first(where: {
                    $0.name == signature.name && Array(signature.bytes.prefix(4)) == $0.keyID
                })
            else {
                continue
            }
            guard verifier.verifies(signature.bytes, text: text) else { return nil }
            good.append(verifier)
        }
        return good
    }
}
