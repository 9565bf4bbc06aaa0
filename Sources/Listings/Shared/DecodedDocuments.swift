import Foundation
import Synchronization

/// Listing documents decoded before, by their stored bytes (issue 19): decoding a document's
/// JSON with Foundation's decoder was the largest cost of reading a listing. An entry is found
/// only by the very bytes just read from the table, so a changed listing (whoever changed it,
/// this process or another) is simply a miss: nothing here can be stale. Bounded by entries and
/// by stored bytes (a decoded document takes about as much again): when full, it starts again
/// empty.
final class DecodedDocuments: Sendable {
    private struct Key: Hashable {
        var type: ObjectIdentifier
        var bytes: Data
    }

    private struct Entries {
        var documents: [Key: any Sendable] = [:]
        var bytes = 0
    }

    private let entries = Mutex(Entries())
    let capacity: Int
    let byteBudget: Int

    init(capacity: Int, byteBudget: Int) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    func document<Document: Decodable & Sendable>(
        _ type: Document.Type, from bytes: Data, decoder: JSONDecoder
    ) throws -> Document {
        let key = Key(type: ObjectIdentifier(type), bytes: bytes)
        if let found = entries.withLock({ $0.documents[key] }) as? Document { return found }
        let document = try decoder.decode(type, from: bytes)
        guard capacity > 0, bytes.count <= byteBudget / 16 else { return document }
        entries.withLock { entries in
            if entries.documents.count >= capacity || entries.bytes + bytes.count > byteBudget {
                entries = Entries()
            }
            if entries.documents.updateValue(document, forKey: key) == nil { entries.bytes += bytes.count }
        }
        return document
    }

    var count: Int { entries.withLock { $0.documents.count } }
}
