import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Notification preferences (issue 17): each person's per category of events, and their
/// organisation's defaults, set by its administrators. Reads resolve person → organisation →
/// platform. (Channels other than the inbox are not sent yet: e-mail waits for users' addresses.)
public struct PreferenceService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The preferences in force for the viewer, one per category.
    public func effective(for viewer: Actor) async throws -> [NotificationPreference] {
        let user = try InboxService.user(viewer)
        let organization = viewer.organizationID
        return try await database.read { db in
            try Self.resolve(db, user: user, organization: organization)
        }
    }

    /// Sets the viewer's own choices (categories left out keep theirs); answers what is in force.
    public func setOwn(_ choices: [PreferenceChoice], by viewer: Actor) async throws -> [NotificationPreference] {
        let user = try InboxService.user(viewer)
        try Self.check(choices)
        let organization = viewer.organizationID
        return try await database.write(as: viewer, action: "notification.preferences") { db, context in
            let changed = try Self.store(db, scope: "user", owner: user, choices, now: context.now)
            let result = try Self.resolve(db, user: user, organization: organization)
            guard changed else { return .unchanged(result) }
            return Audited(result, target: "notification_preferences", id: String(user), change: Self.change(choices))
        }
    }

    /// The organisation's defaults, one per category (the platform's where it set none).
    public func organizationDefaults(_ organization: Int64, by actor: Actor) async throws -> [NotificationPreference] {
        try Self.authorize(actor, organization)
        return try await database.read { db in try Self.resolve(db, user: nil, organization: organization) }
    }

    /// Sets the organisation's defaults (its administrators, the platform's).
    public func setOrganizationDefaults(
        _ organization: Int64, _ choices: [PreferenceChoice], by actor: Actor
    ) async throws -> [NotificationPreference] {
        try Self.authorize(actor, organization)
        try Self.check(choices)
        return try await database.write(as: actor, action: "notification.defaults") { db, context in
            let changed = try Self.store(db, scope: "organization", owner: organization, choices, now: context.now)
            let result = try Self.resolve(db, user: nil, organization: organization)
            guard changed else { return .unchanged(result) }
            return Audited(
                result, target: "organization", id: String(organization), change: Self.change(choices))
        }
    }

    static func authorize(_ actor: Actor, _ organization: Int64) throws {
        try Authorization.check(
            actor, .notificationDefaults, on: AccessTarget(organizationID: organization, city: nil))
    }

    /// Each category at most once, and at least one channel for each.
    static func check(_ choices: [PreferenceChoice]) throws {
        guard Set(choices.map(\.category)).count == choices.count else {
            throw NotificationsError.preferenceRepeated
        }
        if let silent = choices.first(where: { !$0.inbox && !$0.email && !$0.webhook }) {
            throw NotificationsError.preferenceNoChannel(silent.category.rawValue)
        }
    }

    /// Writes the choices that differ from what is stored; true when any did.
    static func store(
        _ db: Database, scope: String, owner: Int64, _ choices: [PreferenceChoice], now: Date
    ) throws -> Bool {
        var changed = false
        for choice in choices {
            let values: [any DatabaseValueConvertible] = [
                choice.inbox, choice.email, choice.webhook, choice.timing.rawValue,
            ]
            let stored = try Row.fetchOne(
                db,
                sql: """
                    SELECT inbox, email, webhook, timing FROM notification_preferences
                    WHERE scope = ? AND owner_id = ? AND category = ?
                    """, arguments: [scope, owner, choice.category.rawValue])
            if let stored, stored[0] as Bool == choice.inbox, stored[1] as Bool == choice.email,
                stored[2] as Bool == choice.webhook, stored[3] as String == choice.timing.rawValue
            {
                continue
            }
            try db.execute(
                sql: """
                    INSERT INTO notification_preferences (scope, owner_id, category, inbox, email, webhook, timing, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (scope, owner_id, category) DO UPDATE SET inbox = excluded.inbox,
                        email = excluded.email, webhook = excluded.webhook, timing = excluded.timing,
                        updated_at = excluded.updated_at
                    """,
                arguments: StatementArguments(
                    [scope, owner, choice.category.rawValue] + values + [Timestamp.millis(now)]))
            changed = true
        }
        return changed
    }

    /// Person → organisation → platform, for each category.
    static func resolve(_ db: Database, user: Int64?, organization: Int64?) throws -> [NotificationPreference] {
        var found: [String: NotificationPreference] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM notification_preferences
                WHERE (scope = 'organization' AND owner_id = ?) OR (scope = 'user' AND owner_id = ?)
                """, arguments: [organization ?? 0, user ?? 0])
        // Organisation rows first, so that a person's own row replaces them.
        for row in rows.sorted(by: { ($0["scope"] as String) < ($1["scope"] as String) }) {
            guard let category = EventKind.Category(rawValue: row["category"]),
                let timing = NotificationTiming(rawValue: row["timing"])
            else { continue }
            found[category.rawValue] = NotificationPreference(
                category: category, inbox: row["inbox"], email: row["email"], webhook: row["webhook"],
                timing: timing, source: row["scope"] == "user" ? .user : .organization)
        }
        return EventKind.Category.allCases.map { found[$0.rawValue] ?? .platform($0) }
    }

    static func change(_ choices: [PreferenceChoice]) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: choices.map { choice in
                    (
                        choice.category.rawValue,
                        JSONValue.object([
                            "inbox": .bool(choice.inbox), "email": .bool(choice.email),
                            "webhook": .bool(choice.webhook), "timing": .string(choice.timing.rawValue),
                        ])
                    )
                }))
    }
}
