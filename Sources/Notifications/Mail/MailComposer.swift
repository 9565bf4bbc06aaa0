import Foundation

/// Renders a message as RFC 5322 text with a MIME multipart/alternative body: UTF-8 throughout,
/// headers with non-ASCII words in RFC 2047 base64, bodies in base64 (so no body line can end
/// the DATA phase or exceed the line limit), CRLF line ends.
public enum MailComposer {
    public static func render(_ message: MailMessage, date: Date, boundary: String) -> String {
        var lines = [
            "Date: \(rfc5322Date(date))",
            "From: \(mailbox(message.from))",
            "To: \(message.to.map(mailbox).joined(separator: ", "))",
            "Subject: \(encodedWord(message.subject))",
            "Message-ID: <\(message.messageID)>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        if let unsubscribe = message.unsubscribe {
            lines.append("List-Unsubscribe: <\(unsubscribe.absoluteString)>")
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        for (type, body) in [("text/plain", message.text), ("text/html", message.html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            lines.append(contentsOf: base64Lines(Data(body.utf8)))
        }
        lines.append("--\(boundary)--")
        lines.append("")
        return lines.joined(separator: "\r\n")
    }

    static func mailbox(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.address)>" }
        return "\(encodedWord(name)) <\(address.address)>"
    }

    /// ASCII text without specials as is; anything else as `=?UTF-8?B?…?=` words of at most
    /// 45 bytes each (75 characters encoded), never splitting a character.
    static func encodedWord(_ text: String) -> String {
        let clean = text.filter { !$0.isNewline }
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !clean.contains("=?") {
            return clean
        }
        var words: [String] = []
        var chunk = Data()
        for character in clean {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ data: Data) -> [String] {
        let encoded = data.base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            let to = encoded.index(from, offsetBy: min(76, encoded.count - start))
            return String(encoded[from..<to])
        }
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
