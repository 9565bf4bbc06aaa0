import GRDB
import Store

/// Notifications' tables: each user's inbox, filed from the outbox, and how far each consumer
/// of the outbox has read it.
public enum NotificationsMigrations {
    public static let all = ModuleMigrations(module: "notifications") { migrator in
        migrator.registerMigration("notifications-001-inbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification_inbox (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL,
                        event_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        target_type TEXT NOT NULL,
                        target_id TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        read_at INTEGER,
                        UNIQUE (user_id, event_id)
                    ) STRICT;
                    CREATE INDEX notification_inbox_user ON notification_inbox (user_id, id);
                    CREATE INDEX notification_inbox_unread ON notification_inbox (user_id) WHERE read_at IS NULL;
                    CREATE TABLE notification_positions (
                        consumer TEXT PRIMARY KEY,
                        outbox_id INTEGER NOT NULL
                    ) STRICT;
                    """)
        }

        // 002: organisations' webhook endpoints (no secret stored: the signing key is derived
        // from the server's webhook key and the endpoint's salt) and their deliveries.
        migrator.registerMigration("notifications-002-webhooks") { db in
            try db.execute(
                sql: """
                    CREATE TABLE webhook_endpoints (
                        id INTEGER PRIMARY KEY,
                        organization_id INTEGER NOT NULL,
                        url TEXT NOT NULL,
                        salt BLOB NOT NULL CHECK (length(salt) = 16),
                        created_at INTEGER NOT NULL,
                        rotated_at INTEGER,
                        disabled_at INTEGER
                    ) STRICT;
                    CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, id);
                    CREATE TABLE webhook_deliveries (
                        id INTEGER PRIMARY KEY,
                        endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id),
                        outbox_id INTEGER NOT NULL,
                        event_id TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER NOT NULL,
                        last_status INTEGER,
                        last_error TEXT,
                        created_at INTEGER NOT NULL,
                        delivered_at INTEGER,
                        UNIQUE (endpoint_id, event_id)
                    ) STRICT;
                    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
                    CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
                    """)
        }
        // Saved searches (issue 17): a user's query, its private feed's token (only its hash),
        // and how far the incremental evaluation has read the listings.
        migrator.registerMigration("notifications-010-saved-searches") { db in
            try db.execute(
                sql: """
                    CREATE TABLE saved_searches (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL,
                        organization_id INTEGER,
                        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
                        query TEXT NOT NULL,
                        feed_token_sha256 TEXT UNIQUE CHECK (feed_token_sha256 IS NULL OR length(feed_token_sha256) = 64),
                        created_at INTEGER NOT NULL,
                        last_matched_at INTEGER,
                        matches INTEGER NOT NULL DEFAULT 0,
                        deleted_at INTEGER
                    ) STRICT;
                    CREATE INDEX saved_searches_user ON saved_searches (user_id, id) WHERE deleted_at IS NULL;
                    CREATE TABLE saved_search_position (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        listing_id INTEGER NOT NULL
                    ) STRICT;
                    """)
        }
        // Match subscriptions (issue 17): new needs for a research organisation's portfolio, new
        // supply for an enterprise's need, above a score; and how far their run has read.
        migrator.registerMigration("notifications-020-match-subscriptions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE match_subscriptions (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL,
                        organization_id INTEGER NOT NULL,
                        subject TEXT NOT NULL CHECK (subject IN ('portfolio', 'need')),
                        need_id INTEGER,
                        min_score INTEGER NOT NULL CHECK (min_score BETWEEN 0 AND 1000),
                        created_at INTEGER NOT NULL,
                        deleted_at INTEGER,
                        CHECK ((subject = 'need') = (need_id IS NOT NULL))
                    ) STRICT;
                    CREATE INDEX match_subscriptions_user ON match_subscriptions (user_id, id) WHERE deleted_at IS NULL;
                    CREATE TABLE match_subscription_position (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        listing_id INTEGER NOT NULL
                    ) STRICT;
                    """)
        }

        // 030: notification preferences per category of events, a person's own or their
        // organisation's defaults (owner_id: the user's or the organisation's id).
        migrator.registerMigration("notifications-030-preferences") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification_preferences (
                        id INTEGER PRIMARY KEY,
                        scope TEXT NOT NULL CHECK (scope IN ('user', 'organization')),
                        owner_id INTEGER NOT NULL,
                        category TEXT NOT NULL CHECK (category IN ('money', 'workflow', 'discovery')),
                        inbox INTEGER NOT NULL CHECK (inbox IN (0, 1)),
                        email INTEGER NOT NULL CHECK (email IN (0, 1)),
                        webhook INTEGER NOT NULL CHECK (webhook IN (0, 1)),
                        timing TEXT NOT NULL CHECK (timing IN ('immediate', 'daily_digest')),
                        updated_at INTEGER NOT NULL,
                        UNIQUE (scope, owner_id, category)
                    ) STRICT;
                    """)
        }
        // 040: e-mail to people. One row per person and event whose preferences ask for
        // e-mail: due at once, or at the next daily digest (08:00 China time), when all of a
        // person's due digest rows go in one message. Only ids are kept: the words are made
        // from the outbox event when sent, to the address the person has then.
        migrator.registerMigration("notifications-040-mail") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notification_mail (
                        id INTEGER PRIMARY KEY,
                        user_id INTEGER NOT NULL,
                        outbox_id INTEGER NOT NULL,
                        event_id TEXT NOT NULL,
                        category TEXT NOT NULL CHECK (category IN ('money', 'workflow', 'discovery')),
                        digest INTEGER NOT NULL CHECK (digest IN (0, 1)),
                        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
                        due_at INTEGER NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        sent_at INTEGER,
                        created_at INTEGER NOT NULL,
                        UNIQUE (user_id, event_id)
                    ) STRICT;
                    CREATE INDEX notification_mail_due ON notification_mail (status, due_at, user_id);
                    """)
        }
    }
}
