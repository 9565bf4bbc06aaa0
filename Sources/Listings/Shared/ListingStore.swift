import Foundation
import GRDB
import Kernel
import TextAnalysis

/// SQL for the `listings` table and its full-text index; the only writer of both.
enum ListingStore {
    /// Documents keep times as whole milliseconds since 1970 (integers: no floating point).
    static let encoder = MillisJSON.makeEncoder()
    static let decoder = MillisJSON.makeDecoder()
    /// Documents already decoded, found by their stored bytes (never stale).
    static let decoded = DecodedDocuments(capacity: 4_096, byteBudget: 32 << 20)

    /// A stored document, decoded (or the same bytes' decoding from before).
    static func decode<Document: ListingDocument>(_ type: Document.Type, from data: Data) throws -> Document {
        try decoded.document(type, from: data, decoder: decoder)
    }

    /// The document as JSON text (the column is TEXT, readable with the sqlite3 shell).
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func find<Document: ListingDocument>(_ db: Database, _ type: Document.Type, id: Int64) throws -> Document? {
        guard
            let data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT document FROM listings WHERE id = ? AND kind = ?"),
                arguments: [id, Document.kind.rawValue]
            )
        else { return nil }
        return try decode(Document.self, from: data)
    }

    static func find<Document: ListingDocument>(
        _ db: Database, _ type: Document.Type, externalKey: String, owner: Int64? = nil
    ) throws -> Document? {
        let data: Data?
        if let owner {
            data = try Data.fetchOne(
                db.cachedStatement(
                    sql: "SELECT document FROM listings WHERE kind = ? AND external_key = ? AND owner_org_id = ?"),
                arguments: [Document.kind.rawValue, externalKey, owner]
            )
        } else {
            data = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT document FROM listings WHERE kind = ? AND external_key = ?"),
                arguments: [Document.kind.rawValue, externalKey]
            )
        }
        return try data.map { try decode(Document.self, from: $0) }
    }

    /// Throws 409 when the owner already used this external reference for this kind.
    static func ensureReferenceFree<Document: ListingDocument>(
        _ db: Database, _ type: Document.Type, _ reference: String?, owner: Int64
    ) throws {
        guard let reference, try find(db, type, externalKey: reference, owner: owner) != nil else { return }
        throw ListingsError.externalRefTaken
    }

    static func documents<Document: ListingDocument>(
        _ db: Database, _ type: Document.Type, sql: String, arguments: StatementArguments
    ) throws -> [Document] {
        try Data.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map {
            try decode(Document.self, from: $0)
        }
    }

    /// Inserts a new listing (its `id` is assigned) and indexes it.
    static func insert<Document: ListingDocument>(_ db: Database, _ document: inout Document) throws {
        let columns = document.columns
        // The id is known before the insert (one writer, inside its transaction), so the document
        // that carries it is written once.
        document.id = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM listings")) ?? 0) + 1
        try db.cachedStatement(
            sql: """
                INSERT INTO listings (id, kind, owner_org_id, city, status, visibility, hidden_reason, searchable, trl,
                    price_min, price_max, fields_mask, deadline, year, external_key, title, document, created_at,
                    updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            document.id, Document.kind.rawValue, document.ownerOrganizationId, document.city.rawValue, columns.status,
            columns.visibility.rawValue, document.moderation?.reason, document.isPubliclyVisible, columns.trl,
            columns.priceMin, columns.priceMax, ListingRules.mask(columns.fields),
            columns.deadline.map(Timestamp.millis), columns.year, columns.externalKey, document.title,
            try text(document), Timestamp.millis(document.createdAt), Timestamp.millis(document.updatedAt),
            document.version,
        ])
        if document.isPubliclyVisible { try index(db, document) }
    }

    /// Rewrites a listing from its new document, keeping the index in step with it.
    static func update<Document: ListingDocument>(_ db: Database, old: Document, new document: Document) throws {
        let columns = document.columns
        try db.cachedStatement(
            sql: """
                UPDATE listings SET status = ?, visibility = ?, hidden_reason = ?, searchable = ?, trl = ?, price_min = ?,
                    price_max = ?, fields_mask = ?, deadline = ?, year = ?, external_key = ?, title = ?, document = ?,
                    updated_at = ?, version = ?
                WHERE id = ? AND kind = ?
                """
        ).execute(arguments: [
            columns.status, columns.visibility.rawValue, document.moderation?.reason, document.isPubliclyVisible,
            columns.trl, columns.priceMin, columns.priceMax, ListingRules.mask(columns.fields),
            columns.deadline.map(Timestamp.millis), columns.year, columns.externalKey, document.title,
            try text(document), Timestamp.millis(document.updatedAt), document.version,
            document.id, Document.kind.rawValue,
        ])
        if old.isPubliclyVisible { try unindex(db, old) }
        if document.isPubliclyVisible { try index(db, document) }
    }

    static func tokens(_ text: SearchText) -> (String, String, String) {
        (
            Tokenizer.indexText(text.title),
            Tokenizer.indexText(text.keywords.joined(separator: " ; ")),
            Tokenizer.indexText(text.body.joined(separator: " ; "))
        )
    }

    static func index<Document: ListingDocument>(_ db: Database, _ document: Document) throws {
        let (title, keywords, body) = tokens(document.searchText)
        try db.cachedStatement(sql: "INSERT INTO listings_fts (rowid, title, keywords, body) VALUES (?, ?, ?, ?)")
            .execute(arguments: [document.id, title, keywords, body])
    }

    /// A contentless FTS5 table forgets a row only when told the exact tokens it indexed;
    /// they are recomputed from the old document.
    static func unindex<Document: ListingDocument>(_ db: Database, _ document: Document) throws {
        let (title, keywords, body) = tokens(document.searchText)
        try db.cachedStatement(
            sql: """
                INSERT INTO listings_fts (listings_fts, rowid, title, keywords, body) VALUES ('delete', ?, ?, ?, ?)
                """
        ).execute(arguments: [document.id, title, keywords, body])
    }
}
