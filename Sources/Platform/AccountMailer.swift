import Foundation
import Identity
import Kernel
import Logging
import Notifications

/// Mails invitations and password-reset links (issue 18) through the configured relay, at once
/// from the request that made them: the token is never queued or stored, only its hash is.
/// Without a relay (development, tests) nothing is sent: an invitation's link is then shown once
/// to the inviter, and a reset link goes nowhere.
public struct AccountMailer: Sendable {
    let client: SMTPClient?
    let from: String
    let linkBase: String
    let logger = Logger(label: "corridor.mail")

    public init(_ settings: ServerConfiguration.MailSettings) {
        from = settings.from
        linkBase = settings.linkBase.hasSuffix("/") ? String(settings.linkBase.dropLast()) : settings.linkBase
        guard !settings.host.isEmpty else {
            client = nil
            return
        }
        client = SMTPClient(
            configuration: SMTPConfiguration(
                host: settings.host, port: settings.port,
                security: SMTPConfiguration.Security(rawValue: settings.security) ?? .startTLS,
                trustRootsFile: settings.trustRootsFile.isEmpty ? nil : settings.trustRootsFile))
    }

    /// Whether a relay is configured.
    public var sends: Bool { client != nil }

    /// The console page where an invitation is accepted.
    public static func invitationPath(_ token: String) -> String { "/console/invitation?token=\(token)" }
    public static func resetPath(_ token: String) -> String { "/console/password-reset?token=\(token)" }

    /// Mails the invitation; false when there is no relay or it refused (the inviter is told).
    public func sendInvitation(_ issued: IssuedInvitation, organization: String) async -> Bool {
        guard let client, let sender = try? MailAddress(from),
            let recipient = try? MailAddress(issued.invitation.email, name: nil)
        else { return false }
        let message = AccountMail.invitation(
            from: sender, to: recipient, organization: organization, inviteeName: issued.invitation.displayName,
            link: linkBase + Self.invitationPath(issued.token), expiresAt: issued.invitation.expiresAt,
            messageID: "invitation-\(issued.invitation.id)-\(UUID().uuidString)@corridor")
        do {
            try await client.send(message)
            return true
        } catch {
            logger.warning("invitation mail failed", metadata: ["invitation": "\(issued.invitation.id)"])
            return false
        }
    }

    /// Mails a reset link; failures are logged without the link (the requester is answered the same).
    public func sendReset(_ issued: PasswordResetIssued) async {
        guard let client, let sender = try? MailAddress(from), let recipient = try? MailAddress(issued.email) else {
            return
        }
        let message = AccountMail.passwordReset(
            from: sender, to: recipient, name: issued.displayName, link: linkBase + Self.resetPath(issued.token),
            expiresAt: issued.expiresAt, messageID: "reset-\(issued.userId)-\(UUID().uuidString)@corridor")
        do {
            try await client.send(message)
        } catch {
            logger.warning("password reset mail failed", metadata: ["user": "\(issued.userId)"])
        }
    }
}
