import Foundation
import GRDB

/// A listing known by a key from outside (a patent number, a paper's id), for evaluation
/// against judgements written in those keys.
public struct ExternallyKeyedListing: Sendable, Equatable {
    public var id: Int64
    public var kind: ListingKind
    public var externalKey: String
}

extension ListingIndex {
    /// Patents and achievements that can be found (listed, not hidden) and every need, that
    /// carry an external key, in id order (Matching's read interface to them; issue 15).
    public static func externallyKeyed(_ db: Database) throws -> [ExternallyKeyedListing] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, kind, external_key FROM listings
                WHERE external_key IS NOT NULL AND (kind = 'need' OR (kind IN ('patent', 'achievement')
                    AND searchable = 1 AND hidden_reason IS NULL))
                ORDER BY id
                """
        ).compactMap { row in
            guard let kind = ListingKind(rawValue: row["kind"]) else { return nil }
            return ExternallyKeyedListing(id: row["id"], kind: kind, externalKey: row["external_key"])
        }
    }
}
