import Foundation
import GRDB
import Identity
import Kernel
import Store

/// How the e-mail channel sends: from which address, with which links, how patiently.
public struct MailSettings: Sendable {
    public var from: MailAddress
    /// The public https origin links point to (for example `https://corridor.example.cn`).
    public var publicBase: String
    /// The key unsubscribe links are signed with (derived from the server's secret).
    public var unsubscribeKey: [UInt8]
    public var firstRetryDelay: TimeInterval
    public var maxRetryDelay: TimeInterval
    public var maxAttempts: Int
    /// The words of each kind of event, Chinese then English (the console's labels).
    public var title: @Sendable (String) -> (zh: String, en: String)
    /// The console path of an event's object (type, id), when the same for everyone told.
    public var link: @Sendable (String, String) -> String?

    public init(
        from: MailAddress, publicBase: String, unsubscribeKey: [UInt8], firstRetryDelay: TimeInterval = 60,
        maxRetryDelay: TimeInterval = 3_600, maxAttempts: Int = 8,
        title: @escaping @Sendable (String) -> (zh: String, en: String),
        link: @escaping @Sendable (String, String) -> String? = { _, _ in nil }
    ) {
        self.link = link
        self.from = from
        self.publicBase = publicBase
        self.unsubscribeKey = unsubscribeKey
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.maxAttempts = maxAttempts
        self.title = title
    }
}

/// Sends what `MailFanOut` queued once it is due: one message per event at once, or one daily
/// digest per person with every digest event due. Sent rows are marked sent; a transient
/// refusal is retried with back-off until `maxAttempts`, a permanent one fails; a person who
/// has no address any more (or was disabled) is dropped. At least once: a crash between the
/// server's acceptance and the mark sends that message again.
public struct MailDelivery: Sendable {
    let database: AppDatabase
    let settings: MailSettings
    let transport: any MailTransport

    public init(database: AppDatabase, settings: MailSettings, transport: any MailTransport) {
        self.database = database
        self.settings = settings
        self.transport = transport
    }

    struct Row_: Sendable {
        var id: Int64
        var user: Int64
        var outbox: Int64
        var eventID: String
        var category: EventKind.Category
        var digest: Bool
        var attempts: Int
    }

    /// One message to send: its rows, its events and its person.
    struct Letter: Sendable {
        var rows: [Row_]
        var events: [StoredOutboxEvent]
        var recipient: MailRecipient?
    }

    /// Sends every message due now (at most `limit` rows read); returns how many messages it tried.
    @discardableResult
    public func sendDue(limit: Int = 200) async throws -> Int {
        try await batch(limit: limit).letters
    }

    /// Sends due messages batch after batch until a batch reads fewer than `limit` rows (at most
    /// `batches` of them, so that a shutdown waits for a bounded run), so a backlog drains at the
    /// relay's pace instead of one batch per run; returns how many messages it tried.
    @discardableResult
    public func sendAllDue(limit: Int = 200, batches: Int = 10) async throws -> Int {
        var tried = 0
        for _ in 0..<max(1, batches) {
            let (rows, letters) = try await batch(limit: limit)
            tried += letters
            if rows < limit || letters == 0 { break }
        }
        return tried
    }

    func batch(limit: Int) async throws -> (rows: Int, letters: Int) {
        let now = database.clock.now()
        let (read, letters): (Int, [Letter]) = try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM notification_mail WHERE status = 'pending' AND due_at <= ?
                    ORDER BY due_at, id LIMIT ?
                    """, arguments: [Timestamp.millis(now), limit]
            ).map(Self.decode)
            let recipients = try UserDirectory.mailRecipients(db, ids: rows.map(\.user))
            var letters: [Letter] = []
            var digests: [Int64: Int] = [:]
            for row in rows {
                guard let event = try AppDatabase.outboxEvent(db, id: row.outbox) else { continue }
                if row.digest, let index = digests[row.user] {
                    letters[index].rows.append(row)
                    letters[index].events.append(event)
                    continue
                }
                if row.digest { digests[row.user] = letters.count }
                letters.append(Letter(rows: [row], events: [event], recipient: recipients[row.user]))
            }
            return (rows.count, letters)
        }
        for letter in letters {
            try await send(letter)
        }
        return (read, letters.count)
    }

    func send(_ letter: Letter) async throws {
        let ids = letter.rows.map(\.id)
        guard let recipient = letter.recipient, let message = try? compose(letter, to: recipient) else {
            try await mark(ids, status: "dropped", error: "no address", attempts: 0, retryAt: nil)
            return
        }
        do {
            try await transport.deliver(message)
            try await mark(ids, status: "sent", error: nil, attempts: 1, retryAt: nil)
        } catch {
            let attempts = (letter.rows.map(\.attempts).max() ?? 0) + 1
            let transient = (error as? MailError)?.isTransient ?? true
            let giveUp = !transient || attempts >= settings.maxAttempts
            let delay = min(settings.maxRetryDelay, settings.firstRetryDelay * pow(2, Double(min(attempts - 1, 30))))
            try await mark(
                ids, status: giveUp ? "failed" : "pending", error: String(String(describing: error).prefix(300)),
                attempts: 1, retryAt: giveUp ? nil : database.clock.now().addingTimeInterval(delay))
        }
    }

    func mark(_ ids: [Int64], status: String, error: String?, attempts: Int, retryAt: Date?) async throws {
        let placeholders = ids.map { _ in "?" }.joined(separator: ",")
        let now = Timestamp.millis(database.clock.now())
        try await database.deliveryWrite { db in
            try db.execute(
                sql: """
                    UPDATE notification_mail SET status = ?, last_error = ?, attempts = attempts + ?,
                        due_at = COALESCE(?, due_at), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                    WHERE status = 'pending' AND id IN (\(placeholders))
                    """,
                arguments: [status, error, attempts, retryAt.map(Timestamp.millis), status, now]
                    + StatementArguments(ids))
        }
    }

    static func decode(_ row: Row) -> Row_ {
        Row_(
            id: row["id"], user: row["user_id"], outbox: row["outbox_id"], eventID: row["event_id"],
            category: EventKind.Category(rawValue: row["category"]) ?? .workflow, digest: row["digest"],
            attempts: row["attempts"])
    }
}
