import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Listings
import Store

/// Saved searches: each signed-in user keeps up to `maxPerUser`; only its owner lists, changes
/// or deletes one (anyone else is told it does not exist). Its private feed's token is shown once
/// and stored only as its SHA-256.
public struct SavedSearchService: Sendable {
    let database: AppDatabase
    let search: SearchService
    public static let maxPerUser = 50
    static let feedPrefix = "/v1/feeds/saved/"

    public init(database: AppDatabase, search: SearchService) {
        self.database = database
        self.search = search
    }

    public func create(_ input: NewSavedSearch, by actor: Actor) async throws -> SavedSearchWithFeed {
        guard let user = actor.userID else { throw DomainError.unauthenticated }
        let name = try Self.name(input.name)
        let query = try Self.checked(input.query)
        let text = try DocumentJSON.text(query)
        return try await database.write(as: actor, action: "saved_search.create") { db, context in
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM saved_searches WHERE user_id = ? AND deleted_at IS NULL",
                    arguments: [user]) ?? 0
            guard count < Self.maxPerUser else { throw NotificationsError.savedSearchLimit(Self.maxPerUser) }
            let token = input.feed ? Self.newToken() : nil
            try db.execute(
                sql: """
                    INSERT INTO saved_searches (user_id, organization_id, name, query, feed_token_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user, actor.organizationID, name, text, token.map(Self.hash), Timestamp.millis(context.now),
                ])
            let saved = SavedSearch(
                id: db.lastInsertedRowID, name: name, query: query, hasFeed: token != nil, matches: 0,
                lastMatchedAt: nil, createdAt: Timestamp.date(millis: Timestamp.millis(context.now)))
            return Audited(
                SavedSearchWithFeed(search: saved, feedPath: token.map { Self.feedPrefix + $0 }),
                target: "saved_search", id: String(saved.id),
                change: ["name": .string(name), "query": .string(text), "feed": .bool(token != nil)])
        }
    }

    /// The caller's saved searches, newest first.
    public func list(viewer: Actor) async throws -> [SavedSearch] {
        guard let user = viewer.userID else { throw DomainError.unauthenticated }
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM saved_searches WHERE user_id = ? AND deleted_at IS NULL ORDER BY id DESC",
                arguments: [user]
            ).map(Self.saved)
        }
    }

    public func delete(_ id: Int64, by actor: Actor) async throws -> SavedSearch {
        try await database.write(as: actor, action: "saved_search.delete") { db, context in
            let saved = try Self.owned(db, id: id, by: actor)
            try db.execute(
                sql: "UPDATE saved_searches SET deleted_at = ?, feed_token_sha256 = NULL WHERE id = ?",
                arguments: [Timestamp.millis(context.now), id])
            return Audited(saved, target: "saved_search", id: String(id), change: ["deleted": true])
        }
    }

    /// A new feed token (the old one stops working at once); `revoke` turns the feed off.
    public func renewFeed(_ id: Int64, revoke: Bool = false, by actor: Actor) async throws -> SavedSearchWithFeed {
        try await database.write(as: actor, action: revoke ? "saved_search.revoke_feed" : "saved_search.renew_feed") {
            db, _ in
            var saved = try Self.owned(db, id: id, by: actor)
            let token = revoke ? nil : Self.newToken()
            try db.execute(
                sql: "UPDATE saved_searches SET feed_token_sha256 = ? WHERE id = ?",
                arguments: [token.map(Self.hash), id])
            saved.hasFeed = token != nil
            return Audited(
                SavedSearchWithFeed(search: saved, feedPath: token.map { Self.feedPrefix + $0 }),
                target: "saved_search", id: String(id), change: ["feed": .bool(token != nil)])
        }
    }

    /// The feed behind a token: the search's name and its newest public matches (the feed is
    /// readable by whoever holds the link, so it shows only what anyone may see).
    public func feed(token: String) async throws -> (name: String, hits: [SearchResult.Hit]) {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { throw NotificationsError.savedSearchNotFound }
        let found = try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM saved_searches WHERE feed_token_sha256 = ? AND deleted_at IS NULL",
                arguments: [Self.hash(token)]
            ).map(Self.saved)
        }
        guard let saved = found else { throw NotificationsError.savedSearchNotFound }
        var query = saved.query.search
        query.limit = 50
        return (saved.name, try await search.search(query, viewer: nil).items)
    }

    // MARK: - rules and rows

    static func name(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw DomainError.invalid("required", field: "name", zh: "请填写名称", en: "Give the search a name")
        }
        guard name.count <= 100 else {
            throw DomainError.invalid("too_long", field: "name", zh: "名称不超过 100 字", en: "At most 100 characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError.invalid(
                "control_characters", field: "name", zh: "名称不能含控制字符", en: "The name contains control characters")
        }
        return name
    }

    /// The query as a search would take it (a text without terms is refused as search refuses it).
    static func checked(_ query: SavedSearch.Query) throws -> SavedSearch.Query {
        if let text = query.text,
            text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            throw DomainError.invalid(
                "control_characters", field: "text", zh: "检索词不能含控制字符", en: "The text contains control characters")
        }
        let checked = try query.search.checked()
        return SavedSearch.Query(text: checked.text, kinds: query.kinds, fields: query.fields, city: query.city)
    }

    static func owned(_ db: Database, id: Int64, by actor: Actor) throws -> SavedSearch {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM saved_searches WHERE id = ? AND user_id = ? AND deleted_at IS NULL",
                arguments: [id, actor.userID ?? -1])
        else { throw NotificationsError.savedSearchNotFound }
        return try saved(row)
    }

    static func saved(_ row: Row) throws -> SavedSearch {
        SavedSearch(
            id: row["id"], name: row["name"],
            query: try DocumentJSON.decode(SavedSearch.Query.self, row["query"] as String),
            hasFeed: (row["feed_token_sha256"] as String?) != nil, matches: row["matches"],
            lastMatchedAt: (row["last_matched_at"] as Int64?).map(Timestamp.date(millis:)),
            createdAt: Timestamp.date(millis: row["created_at"]))
    }

    static func newToken() -> String { SecureRandom.bytes(32).hexString }
    static func hash(_ token: String) -> String { Digest.sha256(token).hexString }
}
