import Kernel
import Synchronization

/// Documents that many writes read and few change (policies, providers), decoded once per
/// distinct text: the key is the stored text itself, so a changed document is simply another
/// entry and nothing can go stale. Bounded: emptied when it reaches `limit` entries.
final class DecodedDocuments<Value: Decodable & Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])
    private let limit: Int

    init(limit: Int = 256) {
        self.limit = limit
    }

    func decode(_ text: String) throws -> Value {
        if let value = entries.withLock({ $0[text] }) { return value }
        let value = try VoucherCoding.decode(Value.self, text)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[text] = value
        }
        return value
    }
}
