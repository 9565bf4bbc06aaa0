import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Kernel
import Listings
import Platform
import Store

/// A public Atom feed (RFC 4287) of the newest public listings, optionally of one city, field
/// or kind: what an anonymous search without text answers, newest first.
enum ListingFeed {
    struct Entry {
        var kind: ListingKind
        var id: Int64
        var title: String
        var city: CityCode
        var fields: [Field]
        var published: Date
    }

    /// A feed's answer for search hits: each entry dated by its listing's creation.
    static func response(
        _ hits: [SearchResult.Hit], services: AppServices, selfURL: String, title: String, private: Bool = false
    ) async throws -> Response {
        let published = try await services.database.read { db in
            try ListingDirectory.createdAt(db, ids: hits.map(\.id))
        }
        let now = services.database.clock.now()
        let entries = hits.map { hit in
            Entry(
                kind: hit.kind, id: hit.id, title: hit.title, city: hit.city, fields: hit.fields,
                published: published[hit.id] ?? now)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/atom+xml; charset=utf-8"
        if `private` { headers[.cacheControl] = "private, no-store" }
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml(entries, selfURL: selfURL, title: title, now: now))))
    }

    static func xml(_ entries: [Entry], selfURL: String, title: String, now: Date) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(escape(title))</title>
            <id>urn:corridor:feed:\(escape(selfURL))</id>
            <link rel="self" href="\(escape(selfURL))"/>
            <updated>\(Timestamp.format(entries.map(\.published).max() ?? now))</updated>
            <author><name>光谷科技创新大走廊技术转移平台 Corridor</name></author>

            """
        for entry in entries {
            let path = "/v1/\(entry.kind.rawValue)s/\(entry.id)"
            out += """
                <entry>
                <id>urn:corridor:\(entry.kind.rawValue):\(entry.id)</id>
                <title>\(escape(entry.title))</title>
                <link href="\(path)"/>
                <updated>\(Timestamp.format(entry.published))</updated>
                <published>\(Timestamp.format(entry.published))</published>
                <category term="\(entry.kind.rawValue)"/>
                <category term="city:\(entry.city.rawValue)"/>
                \(entry.fields.map { #"<category term="field:\#($0.rawValue)"/>"# }.joined())
                </entry>

                """
        }
        return out + "</feed>\n"
    }

    /// XML text: markup characters escaped, and characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\u{9}", "\u{A}", "\u{D}": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value >= 0x20 && !(0xFFFE...0xFFFF).contains(value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
