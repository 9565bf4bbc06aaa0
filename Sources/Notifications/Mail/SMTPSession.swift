import Foundation
import NIOCore

/// The conversation of one message over one connection: replies read line by line, each
/// command checked against the reply code it expects.
struct SMTPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var pending = ByteBuffer()

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.inbound = inbound
        self.outbound = outbound
    }

    mutating func run(
        _ message: MailMessage, date: Date, configuration: SMTPConfiguration,
        startTLS: (inout SMTPSession) async throws -> Void
    ) async throws -> String {
        try await expect("greeting", 220)
        var extensions = try await command("EHLO \(configuration.heloName)", 250)
        if configuration.security == .startTLS {
            guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw MailError.startTLSUnavailable
            }
            try await command("STARTTLS", 220)
            try await startTLS(&self)
            extensions = try await command("EHLO \(configuration.heloName)", 250)
        }
        if let username = configuration.username, let password = configuration.password {
            let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(credentials)", 235, shown: "AUTH PLAIN")
        }
        try await command("MAIL FROM:<\(message.from.address)>", 250)
        for recipient in message.to { try await command("RCPT TO:<\(recipient.address)>", 250, 251) }
        try await command("DATA", 354)
        let body = MailComposer.render(message, date: date, boundary: "=_corridor_\(UUID().uuidString)")
        let stuffed = body.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
        let accepted = try await command(
            stuffed + (stuffed.hasSuffix("\r\n") ? "" : "\r\n") + ".", 250, shown: "message")
        _ = try? await command("QUIT", 221)
        return accepted.last ?? ""
    }

    /// Sends a line and reads the reply; returns its lines' texts.
    @discardableResult
    mutating func command(_ line: String, _ codes: Int..., shown: String? = nil) async throws -> [String] {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
        return try await expect(shown ?? String(line.prefix(while: { $0 != " " })), codes)
    }

    @discardableResult
    mutating func expect(_ what: String, _ codes: Int...) async throws -> [String] {
        try await expect(what, codes)
    }

    /// Reads one reply (continuation lines `250-…`, the last `250 …`).
    mutating func expect(_ what: String, _ codes: [Int]) async throws -> [String] {
        var texts: [String] = []
        while true {
            let line = try await readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw MailError.protocolViolation("unreadable reply to \(what): \(line.prefix(80))")
            }
            texts.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                guard codes.contains(code) else {
                    throw MailError.rejected(command: what, code: code, text: texts.joined(separator: " "))
                }
                return texts
            }
        }
    }

    mutating func readLine() async throws -> String {
        while true {
            if let index = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = index - pending.readerIndex + 1
                let line = pending.readString(length: length) ?? ""
                // "\r\n" is one Character in Swift, as is a lone "\n".
                return String(line.dropLast())
            }
            guard pending.readableBytes < 64 * 1_024 else { throw MailError.protocolViolation("reply line too long") }
            guard var next = try await inbound.next() else {
                throw MailError.protocolViolation("the server closed the connection")
            }
            pending.writeBuffer(&next)
        }
    }
}
