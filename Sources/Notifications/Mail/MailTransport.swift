import Foundation

/// What sends one composed message: SMTP in the server, a recorder in tests.
public protocol MailTransport: Sendable {
    func deliver(_ message: MailMessage) async throws
}

extension SMTPClient: MailTransport {
    public func deliver(_ message: MailMessage) async throws {
        try await send(message)
    }
}
