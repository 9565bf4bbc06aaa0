import COpenSSL  // only to inspect the thread's error queue
import CorridorCrypto
import Dispatch
import Foundation
import Testing

@Suite("SigningTests")
struct SigningTests {
    private let message = Array("transfer 100 CNY to account 42".utf8)

    // MARK: 1. sign / verify

    @Test("generate → sign → verify; tampering, other keys and garbage fail", arguments: SignatureAlgorithm.allCases)
    func signVerify(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        #expect(key.verifyingKey.algorithm == algorithm)
        let signature = try key.sign(message)
        switch algorithm {
        case .ed25519: #expect(signature.count == 64)
        case .sm2: #expect(signature.first == 0x30 && (8...72).contains(signature.count))  // DER SEQUENCE
        }
        #expect(key.verifyingKey.verify(signature, for: message))
        #expect(key.verifyingKey.verify(try key.sign([]), for: []))

        for bit in [0, 7, message.count * 8 - 1] {
            var tampered = message
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!key.verifyingKey.verify(signature, for: tampered), "message bit \(bit)")
        }
        for bit in [0, 13, signature.count * 4, signature.count * 8 - 1] {
            var tampered = signature
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!key.verifyingKey.verify(tampered, for: message), "signature bit \(bit)")
        }
        #expect(!key.verifyingKey.verify(signature + [0], for: message))
        #expect(!key.verifyingKey.verify(Array(signature.dropLast()), for: message))

        let other = try SigningKey.generate(algorithm)
        #expect(!other.verifyingKey.verify(signature, for: message))
        #expect(!key.verifyingKey.verify(try other.sign(message), for: message))

        for garbage in [[], [0x30], SecureRandom.bytes(200), [UInt8](repeating: 0, count: signature.count)] {
            #expect(!key.verifyingKey.verify(garbage, for: message), "garbage of \(garbage.count) bytes")
            #expect(ERR_peek_error() == 0, "verify left errors on the OpenSSL queue")
        }
        // A signature made for the other algorithm's key type.
        let foreign = try SigningKey.generate(algorithm == .sm2 ? .ed25519 : .sm2).sign(message)
        #expect(!key.verifyingKey.verify(foreign, for: message))
        #expect(ERR_peek_error() == 0)
    }

    @Test func sm2DistinguishingIDIsTheGMTDefault() {
        #expect(SignatureAlgorithm.sm2DistinguishingID == "1234567812345678")
    }

    @Test("SM2 signatures are randomised; Ed25519 ones deterministic", arguments: SignatureAlgorithm.allCases)
    func determinism(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let first = try key.sign(message)
        let second = try key.sign(message)
        #expect((first == second) == (algorithm == .ed25519))
        #expect(key.verifyingKey.verify(second, for: message))
    }

    @Test("one key signs and verifies from several threads at once", arguments: SignatureAlgorithm.allCases)
    func concurrentUse(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let text = Array("message \(i)".utf8)
            guard let signature = try? key.sign(text), key.verifyingKey.verify(signature, for: text),
                !key.verifyingKey.verify(signature, for: text + [0])
            else {
                failures.increment()
                return
            }
        }
        #expect(failures.value == 0)
    }

    // MARK: 2. encodings

    @Test("PEM round trips (private and public) and raw public key round trip", arguments: SignatureAlgorithm.allCases)
    func roundTrips(_ algorithm: SignatureAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let privatePEM = try key.privateKeyPEM()
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(privatePEM.hasSuffix("-----END PRIVATE KEY-----\n"))
        let reloaded = try SigningKey(pem: privatePEM)
        #expect(reloaded.algorithm == algorithm)
        #expect(reloaded.verifyingKey.rawBytes == key.verifyingKey.rawBytes)
        #expect(try reloaded.privateKeyPEM() == privatePEM)
        #expect(key.verifyingKey.verify(try reloaded.sign(message), for: message))

        let publicPEM = try key.verifyingKey.publicKeyPEM()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        let publicKey = try VerifyingKey(pem: publicPEM)
        #expect(publicKey.algorithm == algorithm)
        #expect(publicKey.rawBytes == key.verifyingKey.rawBytes)
        #expect(try publicKey.publicKeyPEM() == publicPEM)
        #expect(publicKey.verify(try key.sign(message), for: message))

        let raw = key.verifyingKey.rawBytes
        switch algorithm {
        case .ed25519: #expect(raw.count == 32)
        case .sm2: #expect(raw.count == 65 && raw[0] == 0x04)
        }
        let fromRaw = try VerifyingKey(raw: raw, algorithm: algorithm)
        #expect(fromRaw.rawBytes == raw)
        #expect(try fromRaw.publicKeyPEM() == publicPEM)
        #expect(fromRaw.verify(try key.sign(message), for: message))
    }

    @Test("init(raw:) rejects wrong lengths, bad prefixes and points off the SM2 curve")
    func rawRejects() throws {
        let sm2 = try SigningKey.generate(.sm2).verifyingKey.rawBytes
        let ed = try SigningKey.generate(.ed25519).verifyingKey.rawBytes
        for length in [0, 1, 31, 33, 64, 65] {
            #expect(throws: SigningError.self) {
                try VerifyingKey(raw: [UInt8](repeating: 9, count: length), algorithm: .ed25519)
            }
        }
        for bytes in [[], ed, Array(sm2.dropLast()), sm2 + [0], [0x04] + [UInt8](repeating: 0, count: 64)] {
            #expect(throws: SigningError.self) { try VerifyingKey(raw: bytes, algorithm: .sm2) }
        }
        var offCurve = sm2
        offCurve[64] ^= 0x01  // changes Y only: (X, Y') is not on the curve
        #expect(throws: SigningError.self) { try VerifyingKey(raw: offCurve, algorithm: .sm2) }
        var hybrid = sm2
        hybrid[0] = 0x06 | (sm2[64] & 1)  // X9.62 hybrid form: same length, not accepted
        #expect(throws: SigningError.self) { try VerifyingKey(raw: hybrid, algorithm: .sm2) }
        #expect(throws: SigningError.self) { try SigningKey(rawEd25519PrivateKey: [UInt8](repeating: 1, count: 31)) }
        #expect(ERR_peek_error() == 0)
    }

    @Test("PEM loading rejects other key types, the wrong PEM kind and garbage")
    func pemRejects() throws {
        let p256 = try SelfSignedCertificate.make(
            commonName: "x", dnsNames: ["localhost"], ipAddresses: [], validDays: 1
        ).privateKeyPEM  // PKCS#8 ECDSA P-256
        let ed = try SigningKey.generate(.ed25519)
        let privatePEM = try ed.privateKeyPEM()
        let publicPEM = try ed.verifyingKey.publicKeyPEM()
        let corrupted = privatePEM.replacingOccurrences(of: "-----\nM", with: "-----\nX")
        // Legacy PEM encryption headers: must fail at once, never prompt for a password.
        let legacyEncrypted = privatePEM.replacingOccurrences(
            of: "-----BEGIN PRIVATE KEY-----\n",
            with:
                "-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
        )
        let pems = [
            p256, publicPEM, "", "garbage", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", corrupted,
            legacyEncrypted,
        ]
        for pem in pems {
            #expect(throws: SigningError.self) { try SigningKey(pem: pem) }
        }
        for pem in [privatePEM, "", "garbage", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"] {
            #expect(throws: SigningError.self) { try VerifyingKey(pem: pem) }
        }
        #expect(ERR_peek_error() == 0)
    }

    // MARK: 3. cross-check with the openssl command line

    @Test(
        "Corridor signatures verify with `openssl pkeyutl`; the SM2 ID matters", arguments: SignatureAlgorithm.allCases)
    func cliVerifiesCorridorSignature(_ algorithm: SignatureAlgorithm) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let key = try SigningKey.generate(algorithm)
        let text = SecureRandom.bytes(1000)
        try dir.write("pub.pem", Array(try key.verifyingKey.publicKeyPEM().utf8))
        try dir.write("msg", text)
        try dir.write("sig", try key.sign(text))

        let verify = ["pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", "pub.pem", "-in", "msg", "-sigfile", "sig"]
        let ok = try runOpenSSL(verify + sm2Options(algorithm), in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Signature Verified Successfully"))

        try dir.write("msg", text + [0])
        #expect(try runOpenSSL(verify + sm2Options(algorithm), in: dir).status != 0)

        if algorithm == .sm2 {
            try dir.write("msg", text)
            let wrongID = try runOpenSSL(verify + sm2Options(algorithm, id: "0000000000000000"), in: dir)
            #expect(wrongID.status != 0)
            #expect(wrongID.stdout.contains("Signature Verification Failure"))
        }
    }

    @Test("keys from `openssl genpkey` load; CLI signatures verify in Corridor", arguments: SignatureAlgorithm.allCases)
    func corridorVerifiesCLISignature(_ algorithm: SignatureAlgorithm) throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let genpkey = try runOpenSSL(
            ["genpkey", "-algorithm", algorithm == .sm2 ? "SM2" : "ed25519", "-out", "key.pem"], in: dir)
        try #require(genpkey.status == 0, "\(genpkey.stderr)")
        try #require(try runOpenSSL(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: dir).status == 0)
        let key = try SigningKey(pem: dir.readString("key.pem"))
        #expect(key.algorithm == algorithm)
        let cliPublic = try VerifyingKey(pem: dir.readString("pub.pem"))
        #expect(cliPublic.rawBytes == key.verifyingKey.rawBytes)

        let text = SecureRandom.bytes(777)
        try dir.write("msg", text)
        let sign = ["pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "msg", "-out", "sig"]
        let signed = try runOpenSSL(sign + sm2Options(algorithm), in: dir)
        try #require(signed.status == 0, "\(signed.stderr)")
        let cliSignature = try dir.read("sig")
        #expect(cliPublic.verify(cliSignature, for: text))
        #expect(key.verifyingKey.verify(cliSignature, for: text))
        #expect(!cliPublic.verify(cliSignature, for: text + [0]))
        if algorithm == .ed25519 {
            #expect(try key.sign(text) == cliSignature)  // deterministic: byte-identical
        }

        if algorithm == .sm2 {
            // A CLI signature under another ID does not verify with the standard ID.
            let otherID = try runOpenSSL(
                ["pkeyutl", "-sign", "-rawin", "-inkey", "key.pem", "-in", "msg", "-out", "sig2"]
                    + sm2Options(algorithm, id: "0000000000000000"),
                in: dir
            )
            try #require(otherID.status == 0, "\(otherID.stderr)")
            #expect(!key.verifyingKey.verify(try dir.read("sig2"), for: text))
        }
    }

    @Test("keys of other types made by `openssl genpkey` are rejected")
    func cliForeignKeysRejected() throws {
        let dir = try ScratchDirectory()
        defer { dir.remove() }
        let kinds: [(name: String, options: [String])] = [
            ("RSA", ["-pkeyopt", "rsa_keygen_bits:1024"]),
            ("EC", ["-pkeyopt", "ec_paramgen_curve:P-256"]),
            ("ed448", []),
            ("x25519", []),
        ]
        for kind in kinds {
            let made = try runOpenSSL(
                ["genpkey", "-algorithm", kind.name] + kind.options + ["-out", "k.pem"], in: dir)
            try #require(made.status == 0, "\(made.stderr)")
            try #require(try runOpenSSL(["pkey", "-in", "k.pem", "-pubout", "-out", "p.pem"], in: dir).status == 0)
            #expect(throws: SigningError.self, "\(kind.name)") { try SigningKey(pem: dir.readString("k.pem")) }
            #expect(throws: SigningError.self, "\(kind.name)") { try VerifyingKey(pem: dir.readString("p.pem")) }
        }
    }

    // MARK: 4. RFC 8032 test vector

    @Test("Ed25519 RFC 8032 §7.1 test 1 (empty message)")
    func rfc8032Vector1() throws {
        let secret = try #require(
            [UInt8](hexString: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        let key = try SigningKey(rawEd25519PrivateKey: secret)
        #expect(
            key.verifyingKey.rawBytes.hexString == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        // RFC 8032 §7.1 TEST 1 signature. (The copy in the task brief ended
        // "…bd25bf5a5b78b0e1e3ebbf15f6b0a7c10b": 127 hex digits, a corruption.)
        let expected =
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        #expect([UInt8](hexString: expected)?.count == 64)
        let signature = try key.sign([])
        #expect(signature.hexString == expected)
        let publicKey = try VerifyingKey(raw: key.verifyingKey.rawBytes, algorithm: .ed25519)
        #expect(publicKey.verify(try #require([UInt8](hexString: expected)), for: []))
        #expect(!publicKey.verify(signature, for: [0]))
    }
}

// MARK: - Helpers

/// Extra `pkeyutl` options for SM2: SM3 digest and the distinguishing ID —
/// the GM/T default spelled out here, not taken from the code under test.
/// (These exact flags work with OpenSSL 3.0.19's `pkeyutl`.)
private func sm2Options(_ algorithm: SignatureAlgorithm, id: String = "1234567812345678") -> [String] {
    algorithm == .sm2 ? ["-digest", "sm3", "-pkeyopt", "distid:\(id)"] : []
}

private struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs `openssl` (found through /usr/bin/env) in `directory`. Outputs are
/// small; stderr goes to a file so neither pipe can fill up and block.
private func runOpenSSL(_ arguments: [String], in directory: ScratchDirectory) throws -> CLIResult {
    let errorFile = directory.url.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    defer { try? errorHandle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.currentDirectoryURL = directory.url
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errorHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus,
        stdout: String(decoding: output, as: UTF8.self),
        stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    )
}

/// A fresh temporary directory; call `remove()` in a defer.
private struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("signing-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }

    func readString(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
