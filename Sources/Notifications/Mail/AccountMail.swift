import Foundation

/// The e-mails of account security (issue 18): an invitation to join an organisation and a
/// password-reset link. Chinese first, then English; the link is the only secret and appears
/// only in the message body.
public enum AccountMail {
    public static func invitation(
        from: MailAddress, to: MailAddress, organization: String, inviteeName: String, link: String, expiresAt: Date,
        messageID: String
    ) -> MailMessage {
        let expires = expiresAt.formatted(.iso8601)
        let text = """
            \(inviteeName)，您好：

            「\(organization)」邀请您加入技术转移走廊平台。请在 \(expires) 前打开以下链接，自行设置用户名和密码：
            \(link)

            Hello \(inviteeName),

            \(organization) invites you to join the Corridor. Open this link before \(expires) to choose your own username and password:
            \(link)
            """
        return MailMessage(
            from: from, to: [to], subject: "邀请加入「\(organization)」 / Invitation to join \(organization)", text: text,
            html: html(text), messageID: messageID)
    }

    public static func passwordReset(
        from: MailAddress, to: MailAddress, name: String, link: String, expiresAt: Date, messageID: String
    ) -> MailMessage {
        let expires = expiresAt.formatted(.iso8601)
        let text = """
            \(name)，您好：

            有人请求重置您的密码。如是您本人，请在 \(expires) 前打开以下链接设置新密码（设置后您的所有会话和令牌都将失效）；如不是，请忽略本邮件：
            \(link)

            Hello \(name),

            Someone asked to reset your password. If it was you, open this link before \(expires) to set a new one (every session and token of yours will end); otherwise ignore this message:
            \(link)
            """
        return MailMessage(
            from: from, to: [to], subject: "重置密码 / Reset your password", text: text, html: html(text),
            messageID: messageID)
    }

    static func html(_ text: String) -> String {
        "<pre style=\"font-family:sans-serif;white-space:pre-wrap\">\(MailDelivery.escape(text))</pre>"
    }
}
