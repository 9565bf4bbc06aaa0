import CorridorCrypto
import Foundation
import NIOSSL
import Platform

/// The server's TLS: TLS 1.2 minimum (1.3 preferred, as negotiated), a PEM chain and key, and
/// optionally client certificates (mTLS) checked against a CA bundle.
public enum TLSSetup {
    public struct Files: Sendable, Equatable {
        public var certificateChain: String
        public var privateKey: String
    }

    /// The configured files, or a development certificate made once in `<dataDir>/tls/`.
    public static func files(for tls: Platform.ServerConfiguration.TLS, dataDir: String) throws -> Files {
        if !tls.certificateChain.isEmpty {
            return Files(certificateChain: tls.certificateChain, privateKey: tls.privateKey)
        }
        let directory = URL(fileURLWithPath: dataDir).appendingPathComponent("tls")
        let files = Files(
            certificateChain: directory.appendingPathComponent("dev-cert.pem").path,
            privateKey: directory.appendingPathComponent("dev-key.pem").path
        )
        let manager = FileManager.default
        if manager.fileExists(atPath: files.certificateChain) && manager.fileExists(atPath: files.privateKey) {
            return files
        }
        try manager.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let certificate = try SelfSignedCertificate.make(
            commonName: "Corridor development", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"],
            validDays: 825
        )
        guard
            manager.createFile(
                atPath: files.privateKey, contents: Data(certificate.privateKeyPEM.utf8),
                attributes: [.posixPermissions: 0o600]),
            manager.createFile(atPath: files.certificateChain, contents: Data(certificate.certificatePEM.utf8))
        else {
            throw ConfigurationError(
                key: "database.dataDir", source: dataDir, reason: "cannot write the development certificate")
        }
        return files
    }

    public static func configuration(_ tls: Platform.ServerConfiguration.TLS, files: Files) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain)
        } catch {
            throw ConfigurationError(
                key: "tls.certificateChain", source: files.certificateChain,
                reason: "cannot read a PEM certificate chain: \(error)")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
        } catch {
            throw ConfigurationError(
                key: "tls.privateKey", source: files.privateKey, reason: "cannot read a PEM private key: \(error)")
        }
        guard !chain.isEmpty else {
            throw ConfigurationError(
                key: "tls.certificateChain", source: files.certificateChain, reason: "no certificate in the file")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = tls.minimumVersion == "1.3" ? .tlsv13 : .tlsv12
        // TLS 1.2: forward-secret AEAD suites only (no CBC, no SHA-1 MACs, no RSA key exchange).
        // TLS 1.3's suites are all AEAD and are not affected by this list.
        configuration.cipherSuites = Self.tls12CipherSuites
        if let refusal = tls.optionalClientCertificates { throw refusal }
        if !tls.clientCA.isEmpty {
            guard FileManager.default.isReadableFile(atPath: tls.clientCA) else {
                throw ConfigurationError(key: "tls.clientCA", source: tls.clientCA, reason: "cannot read the CA bundle")
            }
            configuration.trustRoots = .file(tls.clientCA)
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }

    static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")
}
