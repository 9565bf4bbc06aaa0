import CorridorCrypto
import Foundation
import Testing

@Suite("SelfSignedCertificate")
struct SelfSignedCertificateTests {
    @Test func pemShapes() throws {
        let cert = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], validDays: 30
        )
        #expect(cert.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(cert.certificatePEM.hasSuffix("-----END CERTIFICATE-----\n"))
        #expect(cert.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))  // PKCS#8, unencrypted
        #expect(cert.privateKeyPEM.hasSuffix("-----END PRIVATE KEY-----\n"))
    }

    @Test("openssl x509 -text shows the requested fields and extensions")
    func parsedByOpenSSL() throws {
        let cert = try SelfSignedCertificate.make(
            commonName: "corridor.test",
            dnsNames: ["localhost", "corridor.example.com", "*.corridor.example.com"],
            ipAddresses: ["127.0.0.1", "::1", "192.168.1.20", "fe80::1"],
            validDays: 30
        )
        let files = try TempFiles(cert)
        defer { files.remove() }
        let text = try openssl(["x509", "-in", files.cert, "-noout", "-text"])
        #expect(text.status == 0)
        let expectedFragments = [
            "Version: 3 (0x2)",
            "Signature Algorithm: ecdsa-with-SHA256",
            "Issuer: CN = corridor.test",
            "Subject: CN = corridor.test",
            "Public Key Algorithm: id-ecPublicKey",
            "Public-Key: (256 bit)",
            "ASN1 OID: prime256v1",
            "NIST CURVE: P-256",
            "X509v3 Basic Constraints: critical",
            "CA:FALSE",
            "X509v3 Key Usage: critical",
            "Digital Signature",
            "X509v3 Extended Key Usage:",
            "TLS Web Server Authentication",
            "X509v3 Subject Key Identifier:",
            "X509v3 Subject Alternative Name:",
            "DNS:localhost",
            "DNS:corridor.example.com",
            "DNS:*.corridor.example.com",
            "IP Address:127.0.0.1",
            "IP Address:0:0:0:0:0:0:0:1",
            "IP Address:192.168.1.20",
            "IP Address:FE80:0:0:0:0:0:0:1",
        ]
        for fragment in expectedFragments {
            #expect(text.stdout.contains(fragment), "missing \(fragment)")
        }
        for forbidden in ["CA:TRUE", "Certificate Sign", "Key Encipherment", "TLS Web Client Authentication"] {
            #expect(!text.stdout.contains(forbidden), "unexpected \(forbidden)")
        }
    }

    @Test("openssl pkey accepts the key and its public part matches the certificate")
    func keyMatchesCertificate() throws {
        let cert = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"], validDays: 30
        )
        let files = try TempFiles(cert)
        defer { files.remove() }
        let check = try openssl(["pkey", "-in", files.key, "-noout", "-check"])
        #expect(check.status == 0, "\(check.stderr)")
        let keyText = try openssl(["pkey", "-in", files.key, "-noout", "-text"])
        #expect(keyText.stdout.contains("NIST CURVE: P-256"))
        let keyPublic = try openssl(["pkey", "-in", files.key, "-pubout"])
        let certPublic = try openssl(["x509", "-in", files.cert, "-noout", "-pubkey"])
        #expect(keyPublic.status == 0)
        #expect(certPublic.status == 0)
        #expect(keyPublic.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        #expect(keyPublic.stdout == certPublic.stdout)

        // A different certificate's key must not match (the comparison can fail).
        let other = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: [], validDays: 30
        )
        let otherFiles = try TempFiles(other)
        defer { otherFiles.remove() }
        let otherPublic = try openssl(["pkey", "-in", otherFiles.key, "-pubout"])
        #expect(otherPublic.stdout != certPublic.stdout)
    }

    @Test("signature verifies and the certificate is valid for the SAN names only")
    func verifiesAsServerCertificate() throws {
        let cert = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"], validDays: 30
        )
        let files = try TempFiles(cert)
        defer { files.remove() }
        func verify(_ extra: [String]) throws -> Int32 {
            try openssl(["verify", "-CAfile", files.cert, "-purpose", "sslserver"] + extra + [files.cert]).status
        }
        #expect(try verify([]) == 0)
        #expect(try verify(["-verify_hostname", "localhost"]) == 0)
        #expect(try verify(["-verify_ip", "127.0.0.1"]) == 0)
        #expect(try verify(["-verify_ip", "::1"]) == 0)
        #expect(try verify(["-verify_hostname", "example.com"]) != 0)
        #expect(try verify(["-verify_ip", "10.0.0.1"]) != 0)
        #expect(try verify(["-purpose", "sslclient"]) != 0)

        // Signed by its own key: verifying against some other certificate fails.
        let other = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: [], validDays: 30
        )
        let otherFiles = try TempFiles(other)
        defer { otherFiles.remove() }
        #expect(try openssl(["verify", "-CAfile", otherFiles.cert, files.cert]).status != 0)
    }

    @Test func validityWindow() throws {
        let days = 10
        let cert = try SelfSignedCertificate.make(
            commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: [], validDays: days
        )
        let files = try TempFiles(cert)
        defer { files.remove() }
        func checkend(_ seconds: Int) throws -> Int32 {
            try openssl(["x509", "-in", files.cert, "-noout", "-checkend", String(seconds)]).status
        }
        #expect(try checkend(0) == 0)  // valid now
        #expect(try checkend((days - 1) * 86_400) == 0)  // still valid in days-1
        #expect(try checkend((days + 1) * 86_400) != 0)  // expired by days+1

        // notBefore is backdated by one hour (clock skew), not more.
        let now = Int(Date().timeIntervalSince1970)
        func verify(at time: Int) throws -> Int32 {
            try openssl(["verify", "-CAfile", files.cert, "-attime", String(time), files.cert]).status
        }
        #expect(try verify(at: now) == 0)
        #expect(try verify(at: now - 1_800) == 0)
        #expect(try verify(at: now - 7_200) != 0)
        #expect(try verify(at: now + (days - 1) * 86_400) == 0)
        #expect(try verify(at: now + (days + 1) * 86_400) != 0)
    }

    @Test func serialsAreRandomAndPositive() throws {
        func serial() throws -> String {
            let cert = try SelfSignedCertificate.make(
                commonName: "corridor.test", dnsNames: ["localhost"], ipAddresses: [], validDays: 1
            )
            let files = try TempFiles(cert)
            defer { files.remove() }
            return try openssl(["x509", "-in", files.cert, "-noout", "-serial"]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let a = try serial()
        let b = try serial()
        #expect(a.hasPrefix("serial="))
        #expect(a != b)
        let hex = a.dropFirst("serial=".count)
        #expect(hex.count == 40)  // 20 bytes, no sign-padding byte needed
        #expect(Int(String(hex.prefix(1)), radix: 16).map { $0 >= 4 && $0 <= 7 } == true)
    }

    @Test("invalid arguments throw CryptoError.invalidArgument")
    func invalidArguments() {
        func expectInvalid(
            commonName: String = "corridor.test",
            dnsNames: [String] = ["localhost"],
            ipAddresses: [String] = [],
            validDays: Int = 30
        ) {
            do {
                _ = try SelfSignedCertificate.make(
                    commonName: commonName, dnsNames: dnsNames, ipAddresses: ipAddresses, validDays: validDays
                )
                Issue.record("expected CryptoError for \(commonName) \(dnsNames) \(ipAddresses) \(validDays)")
            } catch let error as CryptoError {
                #expect(error.kind == .invalidArgument)
                #expect(!error.description.isEmpty)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        expectInvalid(validDays: 0)
        expectInvalid(validDays: -1)
        expectInvalid(validDays: 40_000)
        expectInvalid(commonName: "")
        expectInvalid(commonName: String(repeating: "a", count: 65))
        expectInvalid(dnsNames: [], ipAddresses: [])
        expectInvalid(dnsNames: [""])
        expectInvalid(dnsNames: ["a,IP:10.0.0.1"])  // no config-string injection
        expectInvalid(dnsNames: ["bad name"])
        expectInvalid(dnsNames: ["bücher.example"])
        expectInvalid(ipAddresses: ["999.0.0.1"])
        expectInvalid(ipAddresses: ["1.2.3.4junk"])
        expectInvalid(ipAddresses: ["1.2.3"])
        expectInvalid(ipAddresses: ["localhost"])
        expectInvalid(ipAddresses: ["fe80::1%eth0"])
    }

    @Test func cryptoErrorDescriptionCarriesOpenSSLText() {
        let error = CryptoError(
            kind: .openSSL, message: "X509_sign", openSSLErrors: ["error:1:first", "error:2:second"]
        )
        #expect(error.description == "OpenSSL: X509_sign failed: error:1:first; error:2:second")
        #expect(CryptoError(kind: .invalidArgument, message: "nope").description == "invalid argument: nope")
    }
}

// MARK: - Helpers (test-only: shell out to the openssl command line)

private struct OpenSSLResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

private func openssl(_ arguments: [String]) throws -> OpenSSLResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Outputs are a few KB; drain stderr on another thread so neither pipe can fill up.
    let errorData = ErrorCollector()
    let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outputData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1_000) }
    return OpenSSLResult(
        status: process.terminationStatus,
        stdout: String(decoding: outputData, as: UTF8.self),
        stderr: String(decoding: errorData.get(), as: UTF8.self)
    )
}

private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}

/// Writes the PEMs to a fresh temporary directory; call `remove()` (in a defer).
private struct TempFiles {
    let directory: URL
    let cert: String
    let key: String

    init(_ certificate: SelfSignedCertificate) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("crypto-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        cert = directory.appendingPathComponent("cert.pem").path
        key = directory.appendingPathComponent("key.pem").path
        try certificate.certificatePEM.write(toFile: cert, atomically: true, encoding: .utf8)
        try certificate.privateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
