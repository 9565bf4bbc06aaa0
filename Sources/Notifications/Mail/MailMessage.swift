import Foundation

/// One e-mail: plain text and HTML alternatives of the same words, Chinese first.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String
    /// A one-click unsubscribe URL (RFC 8058), when the message is one a person can stop.
    public var unsubscribe: URL?
    /// The message's id without angle brackets (for example the event id at the sender's domain).
    public var messageID: String

    public init(
        from: MailAddress, to: [MailAddress], subject: String, text: String, html: String, unsubscribe: URL? = nil,
        messageID: String
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.unsubscribe = unsubscribe
        self.messageID = messageID
    }
}

/// An address with an optional display name. Refuses what could inject a header or a command:
/// line breaks, angle brackets, spaces and anything but one `@` between two non-empty parts.
public struct MailAddress: Sendable, Equatable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            address.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0)
            })
        else { throw MailError.badAddress(address) }
        self.address = address
        self.name = name.map { $0.filter { !$0.isNewline } }
    }
}

public enum MailError: Error, Equatable, CustomStringConvertible {
    case badAddress(String)
    /// The server's reply to a command was not the one expected; `code` tells transient (4xx)
    /// from permanent (5xx).
    case rejected(command: String, code: Int, text: String)
    case protocolViolation(String)
    case startTLSUnavailable
    case timedOut

    public var isTransient: Bool {
        switch self {
        case .rejected(_, let code, _): code < 500
        case .badAddress: false
        case .protocolViolation, .startTLSUnavailable, .timedOut: true
        }
    }

    public var description: String {
        switch self {
        case .badAddress(let address): "not an e-mail address: \(address.debugDescription)"
        case .rejected(let command, let code, let text): "\(command) refused: \(code) \(text)"
        case .protocolViolation(let what): "SMTP protocol violation: \(what)"
        case .startTLSUnavailable: "the server does not offer STARTTLS"
        case .timedOut: "the SMTP server did not answer in time"
        }
    }
}
