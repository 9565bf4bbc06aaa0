import AuditLog
import CorridorCrypto
import Foundation
import Testing

/// C2SP signed notes, checkpoints, verifier keys and cosignatures.
struct SignedNoteTests {
    // The example of golang.org/x/mod/sumdb/note (a published vector): its verifier key, text
    // and signature, and the private seed behind them.
    static let peterKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let peterSeed = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let peterText =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterNote =
        peterText
        + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test func thePublishedNoteVerifiesAndIsReproducedByteForByte() throws {
        let verifier = try NoteVerifier(verifierKey: Self.peterKey)
        #expect(verifier.keyID.hexString == "c74f20a3" && verifier.verifierKey == Self.peterKey)
        let note = try SignedNote(parsing: Self.peterNote)
        #expect(note.text == Self.peterText)
        #expect(note.verified(by: [verifier])?.map(\.name) == ["PeterNeumann"])
        // One changed character fails the whole note.
        let altered = try SignedNote(
            parsing: Self.peterNote.replacingOccurrences(of: "cryptography", with: "cryptographY"))
        #expect(altered.verified(by: [verifier]) == nil)
        // Our signer with the same seed writes the same line (Ed25519 is deterministic).
        let seed = [UInt8](Data(base64Encoded: Self.peterSeed)!.dropFirst())
        let signer = try NoteSigner(name: "PeterNeumann", key: try SigningKey(rawEd25519PrivateKey: seed))
        #expect(Self.peterText + "\n" + (try signer.signatureLine(for: Self.peterText)) == Self.peterNote)
    }

    @Test func verifierKeysRoundTripAndRefuseManglings() throws {
        for algorithm in SignatureAlgorithm.allCases {
            let signer = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(algorithm))
            let key = try signer.verifier.verifierKey
            let parsed = try NoteVerifier(verifierKey: key)
            #expect(parsed.keyID == signer.keyID && parsed.type == signer.type)
            // key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], computed here independently.
            let typeBytes: [UInt8] = algorithm == .ed25519 ? [0x01] : [0xff] + Array("corridor/sm2-sm3".utf8)
            let expected = Array(
                Digest.sha256(
                    Array("corridor.example/audit".utf8) + [0x0A] + typeBytes + signer.key.verifyingKey.rawBytes
                ).prefix(4))
            #expect(signer.keyID == expected)
            #expect(throws: NoteError.self) {
                try NoteVerifier(
                    verifierKey: key.replacingOccurrences(of: "+\(signer.keyID.hexString)+", with: "+00000000+"))
            }
            #expect(throws: NoteError.self) {
                try NoteVerifier(verifierKey: "bad name+" + key.split(separator: "+", maxSplits: 1)[1])
            }
        }
        // A published key whose base64 holds a '+'.
        #expect(
            try NoteVerifier(verifierKey: "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6").keyID.hexString
                == "7997405c")
        // A published tlog-cosignature key (type 0x04) parses as a cosignature key.
        #expect(
            try NoteVerifier(verifierKey: "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2").type
                == .cosignature)
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func checkpointsSignAndVerify(_ algorithm: SignatureAlgorithm) throws {
        let signer = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(algorithm))
        let checkpoint = Checkpoint(
            origin: "corridor.example/audit", size: 8, rootHash: [UInt8](repeating: 7, count: 32))
        #expect(checkpoint.body == "corridor.example/audit\n8\nBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n")
        #expect(try Checkpoint(body: checkpoint.body) == checkpoint)
        let note = try SignedNote(parsing: checkpoint.body + "\n" + (try signer.signatureLine(for: checkpoint.body)))
        #expect(note.verified(by: [try signer.verifier])?.count == 1)
        // Another key of the same name is ignored (not trusted, not failing).
        let stranger = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(algorithm))
        #expect(note.verified(by: [try stranger.verifier])?.isEmpty == true)
        let forged = try SignedNote(
            parsing: checkpoint.body.replacingOccurrences(of: "\n8\n", with: "\n9\n") + "\n"
                + (try signer.signatureLine(for: checkpoint.body)))
        #expect(forged.verified(by: [try signer.verifier]) == nil)
    }

    @Test func cosignaturesFollowTlogCosignatureV1() throws {
        let witness = try NoteSigner(
            name: "witness.huangshi.example", key: try SigningKey.generate(.ed25519), type: .cosignature)
        let body = Checkpoint(origin: "corridor.example/audit", size: 3, rootHash: [UInt8](repeating: 1, count: 32))
            .body
        let line = try witness.cosignatureLine(for: body, time: 1_795_000_000)
        let note = try SignedNote(parsing: body + "\n" + line)
        let bytes = note.signatures[0].bytes
        #expect(bytes.count == 4 + 8 + 64)
        #expect(Array(bytes[4..<12]) == [0, 0, 0, 0, 0x6a, 0xfd, 0x86, 0xc0])  // 1_795_000_000 big-endian
        // The signed message is "cosignature/v1\ntime <t>\n" followed by the checkpoint body.
        #expect(
            witness.key.verifyingKey.verify(
                Array(bytes[12...]), for: Array("cosignature/v1\ntime 1795000000\n\(body)".utf8)))
        #expect(note.verified(by: [try witness.verifier])?.count == 1)
        #expect(throws: NoteError.self) {
            _ = try NoteSigner(name: "x", key: try SigningKey.generate(.sm2), type: .cosignature)
        }
    }

    @Test(arguments: [
        "no blank line\n— a AAAAAAAA\n", "text\n\n", "text\n\n- a AAAAAAAAAA==\n", "text\n\n— a !!!!\n",
        "text\n\n— a AAAA\n",
        "text\u{1}\n\n— a AAAAAAAAAA==\n", "text\n\n— a b AAAAAAAAAA==\n",
    ])
    func malformedNotesAreRefused(_ text: String) {
        #expect(throws: NoteError.self) { try SignedNote(parsing: text) }
    }

    @Test(arguments: [
        "o\n", "o\n08\nAAAA\n", "o\n1\nAAAA\n", "\n1\n\(Data(count: 32).base64EncodedString())\n",
        "o\n-1\n\(Data(count: 32).base64EncodedString())\n", "o\n1\n\(Data(count: 32).base64EncodedString())\n\n",
    ])
    func malformedCheckpointsAreRefused(_ body: String) {
        #expect(throws: NoteError.self) { try Checkpoint(body: body) }
    }
}
