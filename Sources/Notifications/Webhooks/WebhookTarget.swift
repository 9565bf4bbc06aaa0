import Foundation

/// Checks an endpoint URL: https, a host name or a public address, no credentials, no control
/// characters, at most 2,048 bytes. Private, loopback and link-local addresses (and
/// `localhost`) are refused so that an organisation cannot make the server call inside its own
/// network. (A public name that resolves to a private address is a remaining gap, noted in the
/// module README.)
enum WebhookTarget {
    static func check(_ text: String, allowPrivate: Bool) throws -> URL {
        guard text.utf8.count <= 2_048, !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
            let components = URLComponents(string: text), let host = components.host, !host.isEmpty,
            let url = components.url
        else { throw NotificationsError.webhookURLInvalid }
        guard components.user == nil, components.password == nil, components.fragment == nil else {
            throw NotificationsError.webhookURLInvalid
        }
        guard components.scheme == "https" || (allowPrivate && components.scheme == "http") else {
            throw NotificationsError.webhookURLNotHTTPS
        }
        if !allowPrivate, isPrivate(host.lowercased()) { throw NotificationsError.webhookHostNotPublic }
        return url
    }

    static func isPrivate(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host.hasSuffix(".local") { return true }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare.contains(":") {
            let lower = bare.lowercased()
            return lower == "::1" || lower == "::" || lower.hasPrefix("fe80") || lower.hasPrefix("fc")
                || lower.hasPrefix("fd") || lower.hasPrefix("::ffff:")
        }
        let octets = bare.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4, bare.split(separator: ".").count == 4 else {
            // A name, or a number form such as 2130706433 (127.0.0.1) or 0x7f.1: refuse the latter.
            return bare.allSatisfy { $0.isNumber || $0 == "." || $0 == "x" }
        }
        switch (octets[0], octets[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168), (100, 64...127): return true
        case (172, 16...31): return true
        default: return octets[0] >= 224
        }
    }
}
