import Foundation
import GRDB
import Kernel
import Store

/// A message in an accepted connection's thread: text, an attachment, or both.
public struct ThreadMessage: Codable, Sendable, Equatable {
    public struct Attachment: Codable, Sendable, Equatable {
        public var sha256: String
        public var size: Int
        public var type: AttachmentType
        public var name: String
    }

    public var id: Int64
    public var connectionId: Int64
    public var authorOrganizationId: Int64
    public var authorUserId: Int64?
    public var body: String?
    public var attachment: Attachment?
    public var createdAt: Date
}

/// A message to post: text (as given, newlines allowed) and/or a file with its name.
public struct NewMessage: Sendable {
    public var body: String?
    public var attachmentName: String?
    public var attachmentData: Data?

    public init(body: String? = nil, attachmentName: String? = nil, attachmentData: Data? = nil) {
        self.body = body
        self.attachmentName = attachmentName
        self.attachmentData = attachmentData
    }
}

/// An attachment's bytes with what the thread recorded of it.
public struct AttachmentContent: Sendable {
    public var name: String
    public var type: AttachmentType
    public var data: Data
}

/// The message thread of an accepted connection: only its two sides post, read and download.
public struct ThreadService: Sendable {
    let database: AppDatabase
    let attachments: AttachmentStore
    static let bodyMax = 4_000

    public init(database: AppDatabase, attachments: AttachmentStore) {
        self.database = database
        self.attachments = attachments
    }

    /// The largest attachment accepted, in bytes.
    public var attachmentLimit: Int { attachments.maxBytes }

    public func post(_ connectionId: Int64, _ input: NewMessage, by actor: Actor) async throws -> ThreadMessage {
        let body = try input.body.map { try ConnectionRules.message($0, max: Self.bodyMax, field: "body") }
        let name = try input.attachmentName.map(Self.attachmentName)
        guard body != nil || input.attachmentData != nil else { throw DealsError.messageEmpty }
        if input.attachmentData != nil, name == nil { throw DealsError.attachmentName }
        // Who and the state are checked before any file is written.
        _ = try await database.read { db in try Self.party(db, connectionId, actor, posting: true) }
        let stored = try input.attachmentData.map { try attachments.store($0) }
        return try await database.write(as: actor, action: "connection.message") { db, context in
            let party = try Self.party(db, connectionId, context.actor, posting: true)
            guard let connection = try ConnectionStore.find(db, id: connectionId) else {
                throw DealsError.connectionNotFound
            }
            let other =
                party == connection.requesterOrganizationId
                ? connection.receiverOrganizationId : connection.requesterOrganizationId
            let now = ContractService.instant(context.now)
            try db.execute(
                sql: """
                    INSERT INTO deal_messages (connection_id, author_org_id, author_user_id, body, attachment_sha256,
                        attachment_size, attachment_type, attachment_name, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    connectionId, party, context.actor.userID, body, stored?.sha256, stored?.size,
                    stored?.type.rawValue, stored == nil ? nil : name, Timestamp.millis(now),
                ])
            let message = ThreadMessage(
                id: db.lastInsertedRowID, connectionId: connectionId, authorOrganizationId: party,
                authorUserId: context.actor.userID, body: body,
                attachment: stored.map { .init(sha256: $0.sha256, size: $0.size, type: $0.type, name: name ?? "") },
                createdAt: now)
            return Audited(
                message, target: "connection", id: String(connectionId),
                change: [
                    "messageId": .int(message.id), "bodyLength": .int(Int64(body?.count ?? 0)),
                    "attachment": stored.map { file -> JSONValue in
                        [
                            "sha256": .string(file.sha256), "size": .int(Int64(file.size)),
                            "type": .string(file.type.rawValue), "name": .optional(name),
                        ]
                    } ?? .null,
                ]
            ).notifying(try DealsNotices.connection(db, connection, kind: .connectionMessage, to: other))
        }
    }

    /// The thread, oldest first after the cursor, to the two sides and auditors.
    public func messages(_ connectionId: Int64, viewer: Actor, page: PageRequest) async throws -> Page<ThreadMessage> {
        let limit = page.limit
        let after = page.after ?? 0
        let items = try await database.read { db in
            _ = try Self.party(db, connectionId, viewer, posting: false)
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM deal_messages WHERE connection_id = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [connectionId, after, limit + 1]
            ).map(Self.message)
        }
        return page.page(items, id: \.id)
    }

    /// An attachment of the thread, to the two sides and auditors.
    public func attachment(_ connectionId: Int64, sha256: String, viewer: Actor) async throws -> AttachmentContent {
        let found = try await database.read { db -> (name: String, type: String)? in
            _ = try Self.party(db, connectionId, viewer, posting: false)
            return try Row.fetchOne(
                db,
                sql: """
                    SELECT attachment_name, attachment_type FROM deal_messages
                    WHERE connection_id = ? AND attachment_sha256 = ? ORDER BY id LIMIT 1
                    """,
                arguments: [connectionId, sha256.lowercased()]
            ).map { ($0["attachment_name"], $0["attachment_type"]) }
        }
        guard let found, let type = AttachmentType(rawValue: found.type) else {
            throw DealsError.attachmentNotFound
        }
        return AttachmentContent(
            name: found.name, type: type, data: try attachments.load(sha256.lowercased()))
    }

    /// The actor's organisation when it is one of the two sides (posting: of an accepted connection).
    static func party(_ db: Database, _ id: Int64, _ actor: Actor, posting: Bool) throws -> Int64 {
        guard let connection = try ConnectionStore.find(db, id: id) else { throw DealsError.connectionNotFound }
        switch ConnectionMachine.role(of: actor, on: connection) {
        case .stranger: throw DealsError.connectionNotFound
        // Auditors (and the platform) read every thread; only the two sides post.
        case .reader: if posting { throw DealsError.notAParty }
        case .requester, .receiver: break
        }
        if posting, connection.status != .accepted { throw DealsError.threadClosed }
        return actor.organizationID ?? 0
    }

    static func attachmentName(_ name: String) throws -> String {
        let checked = try Validate.text(name, field: "attachment.name", max: Limits.name)
        guard !checked.contains("/"), !checked.contains("\\"), checked != ".", checked != ".." else {
            throw DealsError.attachmentName
        }
        return checked
    }

    static func message(_ row: Row) -> ThreadMessage {
        let sha: String? = row["attachment_sha256"]
        return ThreadMessage(
            id: row["id"], connectionId: row["connection_id"], authorOrganizationId: row["author_org_id"],
            authorUserId: row["author_user_id"], body: row["body"],
            attachment: sha.map {
                .init(
                    sha256: $0, size: row["attachment_size"],
                    type: AttachmentType(rawValue: row["attachment_type"]) ?? .zip, name: row["attachment_name"])
            },
            createdAt: Timestamp.date(millis: row["created_at"]))
    }
}
