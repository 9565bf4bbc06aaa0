import Foundation
import Identity
import Kernel
import Store

/// The words of the e-mail channel: one event's message, or a person's daily digest, in
/// Chinese then English, plain text and HTML, each with a link to the object's console page (the
/// inbox for a digest or an object whose page depends on the reader) and a
/// one-click unsubscribe link for the category (a digest's stops the digest).
extension MailDelivery {
    func compose(_ letter: Letter, to recipient: MailRecipient) throws -> MailMessage {
        let titles = letter.events.map { settings.title($0.kind) }
        let subject =
            letter.rows.first?.digest == true
            ? "【光谷科创大走廊】今日通知 \(titles.count) 条 / Daily digest: \(titles.count) notice(s)"
            : "【光谷科创大走廊】\(titles[0].zh) / \(titles[0].en)"
        let single = letter.events.count == 1 ? letter.events[0] : nil
        let target =
            settings.publicBase
            + (single.flatMap { settings.link($0.targetType, $0.targetID) } ?? "/console/notifications")
        let category = letter.rows.first?.category ?? .workflow
        let unsubscribe = MailUnsubscribe.url(
            base: settings.publicBase, key: settings.unsubscribeKey, user: recipient.id, category: category)
        let page = MailUnsubscribe.url(
            base: settings.publicBase, key: settings.unsubscribeKey, user: recipient.id, category: category, page: true)
        let lines = zip(letter.events, titles).map { event, title in
            (when: Self.chinaTime(event.createdAt), zh: title.zh, en: title.en)
        }
        var text = "\(recipient.displayName)，您好：\n\n"
        text += lines.map { "· \($0.when)  \($0.zh)\n  \($0.en)" }.joined(separator: "\n") + "\n\n"
        text += "查看详情 / Open in the console: \(target)\n"
        let digest = letter.rows.first?.digest == true
        let stop = digest ? "不再接收每日摘要 / Stop the daily digest" : "不再接收此类邮件 / Stop e-mail of this kind"
        if let page {
            text += "\(stop): \(page.absoluteString)\n"
        }
        var html = "<p>\(Self.escape(recipient.displayName))，您好：</p>\n<ul>\n"
        html += lines.map {
            "<li>\(Self.escape($0.when)) \(Self.escape($0.zh))<br><span lang=\"en\">\(Self.escape($0.en))</span></li>"
        }.joined(separator: "\n")
        html += "\n</ul>\n<p><a href=\"\(Self.escape(target))\">查看详情 / Open in the console</a></p>\n"
        if let page {
            html += "<p><a href=\"\(Self.escape(page.absoluteString))\">\(stop)</a></p>\n"
        }
        let first = letter.rows[0]
        return MailMessage(
            from: settings.from, to: [try MailAddress(recipient.email, name: recipient.displayName)], subject: subject,
            text: text, html: html, unsubscribe: unsubscribe,
            messageID: first.digest
                ? "digest.\(recipient.id).\(first.id)@corridor" : "\(first.eventID).\(recipient.id)@corridor")
    }

    static func chinaTime(_ date: Date) -> String {
        let parts = ChinaDay.calendar.dateComponents([.hour, .minute], from: date)
        return ChinaDay.text(date) + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
