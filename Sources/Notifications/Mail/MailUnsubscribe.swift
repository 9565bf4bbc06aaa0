import CorridorCrypto
import Foundation
import GRDB
import Identity
import Kernel
import Store

/// One-click unsubscribe (RFC 8058) from one category of e-mail, by a link in every message.
/// Nothing is stored for it: the link carries the person, the category and a MAC made with a
/// key the server derives from its own secret, so only links the server made are honoured.
public enum MailUnsubscribe {
    /// 128 bits of HMAC-SHA256 over the person and the category, in hex.
    public static func mac(key: [UInt8], user: Int64, category: EventKind.Category) -> String {
        Array(HMAC.sha256(key: key, message: "unsubscribe:\(user):\(category.rawValue)").prefix(16)).hexString
    }

    /// The link a message's header carries (POSTed by mail clients with
    /// `List-Unsubscribe=One-Click`), or, with `page`, the console page its text links to.
    public static func url(
        base: String, key: [UInt8], user: Int64, category: EventKind.Category, page: Bool = false
    ) -> URL? {
        let mac = mac(key: key, user: user, category: category)
        let path = page ? "/console/unsubscribe" : "/v1/unsubscribe"
        return URL(string: "\(base)\(path)?user=\(user)&category=\(category.rawValue)&mac=\(mac)")
    }

    static func verify(key: [UInt8], user: Int64, category: EventKind.Category, mac: String) -> Bool {
        HMAC.constantTimeEqual(
            Array(mac.lowercased().utf8), Array(Self.mac(key: key, user: user, category: category).utf8))
    }
}

extension PreferenceService {
    /// Turns e-mail off for one category of the person the link names (their own preference,
    /// keeping its other channels; the inbox stays on if nothing else would be). A category the
    /// person takes in the daily digest stops the digest: every category they take that way
    /// (a digest's link names its first category, and a digest is one kind of e-mail to its
    /// reader). Refused unless the MAC is the server's. Repeating it changes nothing.
    public func unsubscribe(
        user: Int64, category: EventKind.Category, mac: String, key: [UInt8], requestID: String
    ) async throws -> [NotificationPreference] {
        guard MailUnsubscribe.verify(key: key, user: user, category: category, mac: mac) else {
            throw NotificationsError.unsubscribeLinkInvalid
        }
        let actor = Actor.system("mail:unsubscribe", requestID: requestID)
        return try await database.write(as: actor, action: "notification.unsubscribe") { db, context in
            guard let organization = try UserDirectory.organizations(db, users: [user])[user] else {
                throw NotificationsError.unsubscribeLinkInvalid
            }
            let current = try Self.resolve(db, user: user, organization: organization)
            guard let named = current.first(where: { $0.category == category }), named.email else {
                return .unchanged(current)
            }
            let stopped = current.filter { preference in
                preference.email
                    && (preference.category == category
                        || (named.timing == .dailyDigest && preference.timing == .dailyDigest))
            }
            let choices = stopped.map { now in
                PreferenceChoice(
                    category: now.category, inbox: now.inbox || !now.webhook, email: false, webhook: now.webhook,
                    timing: now.timing)
            }
            _ = try Self.store(db, scope: "user", owner: user, choices, now: context.now)
            let result = try Self.resolve(db, user: user, organization: organization)
            return Audited(
                result, target: "notification_preferences", id: String(user), change: Self.change(choices))
        }
    }
}
