import AuditLog
import CorridorCrypto
import Foundation
import Testing

/// A checkpoint signed by Corridor verifies with the `openssl` command line: the note text is
/// the message, the signature is the signature line's bytes after the 4-byte key ID.
struct OpenSSLCrossCheckTests {
    static func openssl(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func aSignedCheckpointVerifiesWithOpenSSL(_ algorithm: SignatureAlgorithm) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "checkpoint-openssl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let signer = try NoteSigner(name: "corridor.example/audit", key: try SigningKey.generate(algorithm))
        let checkpoint = Checkpoint(
            origin: "corridor.example/audit", size: 42, rootHash: Digest.sha256(Array("root".utf8)))
        let note = try SignedNote(parsing: checkpoint.body + "\n" + (try signer.signatureLine(for: checkpoint.body)))
        try Data(checkpoint.body.utf8).write(to: URL(fileURLWithPath: path("body")))
        try Data(note.signatures[0].bytes.dropFirst(4)).write(to: URL(fileURLWithPath: path("sig")))
        try Data(try signer.key.verifyingKey.publicKeyPEM().utf8).write(to: URL(fileURLWithPath: path("pub.pem")))
        let sm2 = algorithm == .sm2 ? ["-digest", "sm3", "-pkeyopt", "distid:1234567812345678"] : []
        let verify =
            [
                "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", path("pub.pem"), "-in", path("body"), "-sigfile",
                path("sig"),
            ] + sm2
        let (status, output) = try Self.openssl(verify)
        #expect(status == 0 && output.contains("Signature Verified Successfully"), "\(output)")
        // A changed body does not verify.
        try Data(checkpoint.body.replacingOccurrences(of: "42", with: "43").utf8).write(
            to: URL(fileURLWithPath: path("body")))
        #expect(try Self.openssl(verify).0 != 0)
    }
}
