import Foundation

/// One page of a list, with the opaque cursor of the next page (nil on the last).
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case items, nextCursor
    }

    /// `nextCursor` is always present, `null` on the last page, as the OpenAPI document says.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// A validated page request: at most `limit` items after the row with id `after`.
public struct PageRequest: Sendable, Equatable {
    public var limit: Int
    public var after: Int64?

    public init(limit: Int = Limits.pageSizeDefault, after: Int64? = nil) {
        self.limit = limit
        self.after = after
    }

    /// Checks `limit` (1...max) and decodes `cursor`; throws a precise error for either.
    public init(limit: Int?, cursor: String?, maxLimit: Int = Limits.pageSizeMax) throws {
        let limit = limit ?? Limits.pageSizeDefault
        guard (1...maxLimit).contains(limit) else {
            throw DomainError.invalid(
                "limit_out_of_range", field: "limit",
                zh: "limit 必须在 1 到 \(maxLimit) 之间", en: "limit must be between 1 and \(maxLimit)"
            )
        }
        self.limit = limit
        self.after = try cursor.map(Cursor.decode)
    }

    /// The page for rows fetched with `LIMIT limit + 1`.
    public func page<Item>(_ rows: [Item], id: (Item) -> Int64) -> Page<Item> {
        if rows.count > limit {
            let items = Array(rows.prefix(limit))
            return Page(items: items, nextCursor: items.last.map { Cursor.encode(id($0)) })
        }
        return Page(items: rows, nextCursor: nil)
    }

    /// The same page with only the rows `keep` allows (a read check per item); the cursor still
    /// follows the rows read, so a page filtered down does not end the list early.
    public func page<Item>(_ rows: [Item], id: (Item) -> Int64, keeping keep: (Item) -> Bool) -> Page<Item> {
        let read = Array(rows.prefix(limit))
        return Page(
            items: read.filter(keep), nextCursor: rows.count > limit ? read.last.map { Cursor.encode(id($0)) } : nil)
    }
}

/// Opaque cursors: the last id seen, wrapped so clients do not build them.
public enum Cursor {
    public static func encode(_ id: Int64) -> String {
        Data("c1:\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) throws -> Int64 {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.count <= 64, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8), text.hasPrefix("c1:"),
            let id = Int64(text.dropFirst(3)), id >= 0
        else {
            throw DomainError.invalid(
                "invalid_cursor", field: "cursor",
                zh: "分页游标无效", en: "The cursor is not valid; use nextCursor from a previous page"
            )
        }
        return id
    }
}
