import Foundation
import NIOCore
import Notifications
import Testing

/// The SMTP client against a real SMTP server (aiosmtpd) on loopback: what arrives is read back.
@Suite(.enabled(if: SMTPSink.runs, "aiosmtpd is not installed (python3 -m pip install aiosmtpd)"))
struct SMTPClientTests {
    func message(to: String = "tto@hust.example.cn") throws -> MailMessage {
        MailMessage(
            from: try MailAddress("noreply@corridor.example", name: "光谷科创大走廊"),
            to: [try MailAddress(to, name: "技术转移中心")],
            subject: "新的技术需求与您的专利匹配 / A new need matches your patents",
            text: "黄冈某企业发布了需求：锂电池隔膜\n.\n.leading dot line\nA need was posted.",
            html: "<p>黄冈某企业发布了需求：<b>锂电池隔膜</b></p>",
            unsubscribe: URL(string: "https://corridor.example/unsubscribe?t=abc"),
            messageID: "42.0@corridor.example")
    }

    /// The decoded text of the part of this type.
    func part(_ raw: String, _ type: String) throws -> String {
        let sections = raw.components(separatedBy: "Content-Type: \(type); charset=utf-8\r\n")
        let section = try #require(sections.dropFirst().first)
        let body = section.components(separatedBy: "\r\n\r\n").dropFirst().first ?? ""
        let base64 = body.components(separatedBy: "\r\n--").first?.replacingOccurrences(of: "\r\n", with: "") ?? ""
        return String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
    }

    @Test func aMessageArrivesWithBothPartsAndItsHeadersOverStartTLSWithCredentials() async throws {
        let (cert, key) = try loopbackCertificate()
        try #require(FileManager.default.fileExists(atPath: cert), "openssl made the certificate")
        let sink = try SMTPSink(arguments: ["--cert", cert, "--key", key, "--user", "corridor", "--password", "s3cret"])
        let client = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, security: .startTLS, username: "corridor", password: "s3cret",
                trustRootsFile: cert))
        let reply = try await client.send(try message())
        #expect(reply.contains("queued as 1"))
        let raw = try #require(try sink.messages().first)
        #expect(raw.contains("X-Envelope-To: tto@hust.example.cn"))
        #expect(raw.contains("Message-ID: <42.0@corridor.example>"))
        #expect(raw.contains("List-Unsubscribe: <https://corridor.example/unsubscribe?t=abc>"))
        #expect(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(raw.contains("Subject: =?UTF-8?B?"), "the Chinese subject is an encoded word")
        #expect(try part(raw, "text/plain") == (try message()).text, "dot lines survive the DATA phase")
        #expect(try part(raw, "text/html").contains("<b>锂电池隔膜</b>"))
    }

    @Test func wrongCredentialsArePermanentlyRefused() async throws {
        let (cert, key) = try loopbackCertificate()
        let sink = try SMTPSink(arguments: ["--cert", cert, "--key", key, "--user", "corridor", "--password", "s3cret"])
        let client = SMTPClient(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: sink.port, username: "corridor", password: "wrong", trustRootsFile: cert))
        let error = await #expect(throws: MailError.self) { try await client.send(try message()) }
        #expect(error?.isTransient == false)
        #expect(try sink.messages().isEmpty)
    }

    @Test func anUntrustedCertificateIsRefusedBeforeAnythingIsSent() async throws {
        let (cert, key) = try loopbackCertificate()
        let (otherCert, _) = try loopbackCertificate()
        let sink = try SMTPSink(arguments: ["--cert", cert, "--key", key])
        let client = SMTPClient(
            configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, trustRootsFile: otherCert))
        let error = await #expect(throws: (any Error).self) { try await client.send(try message()) }
        #expect(!(error is MailError), "the TLS handshake failed, not the conversation: \(String(describing: error))")
        #expect(try sink.messages().isEmpty)
    }

    @Test func aServerWithoutStartTLSIsRefusedWhenTLSIsRequired() async throws {
        let sink = try SMTPSink()
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port))
        await #expect(throws: MailError.startTLSUnavailable) { try await client.send(try message()) }
        #expect(try sink.messages().isEmpty)
    }

    @Test func aTemporaryFailureIsTransient() async throws {
        let sink = try SMTPSink(arguments: ["--fail-first", "1"])
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none))
        let error = await #expect(throws: MailError.self) { try await client.send(try message()) }
        #expect(error?.isTransient == true)
        try await client.send(try message())
        #expect(try sink.messages().count == 1, "the retry arrives")
    }

    @Test func addressesThatCouldInjectAHeaderOrACommandAreRefused() throws {
        for bad in [
            "a@b", "x\r\nRCPT TO:<evil@x.cn>@corridor.example", "<a@b.cn>", "a b@c.cn", "@c.cn", "a@.cn", "a@b.cn.",
        ] {
            #expect(throws: MailError.self, "\(bad.debugDescription)") { _ = try MailAddress(bad) }
        }
        #expect(try MailAddress("tto@hust.edu.cn", name: "名\r\nBcc: x@y.cn").name == "名Bcc: x@y.cn")
    }
}
