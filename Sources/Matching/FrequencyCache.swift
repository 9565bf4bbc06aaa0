import GRDB
import Listings
import Synchronization

/// Document frequencies remembered across matches. Half the look-ups of a batch of needs
/// repeat a token, and each look-up walks the token's posting list. Frequencies drift as
/// listings come and go; the cache empties itself when the index has grown or shrunk by more
/// than 1 % since it was filled, and when it holds too many tokens.
final class FrequencyCache: Sendable {
    static let capacity = 200_000

    private struct State {
        var total = 0
        var frequencies: [String: Int] = [:]
    }

    private let state = Mutex(State())

    /// The indexed row count and the frequencies of `tokens`, from memory where it can.
    func lookup(_ db: Database, tokens: [String]) throws -> (total: Int, frequencies: [String: Int]) {
        let total = try ListingIndex.indexedCount(db)
        var known: [String: Int] = [:]
        var missing: [String] = []
        state.withLock { state in
            if state.frequencies.count > Self.capacity || abs(total - state.total) * 100 > max(state.total, 1) {
                state = State(total: total, frequencies: [:])
            }
            for token in tokens {
                if let frequency = state.frequencies[token] { known[token] = frequency } else { missing.append(token) }
            }
        }
        if !missing.isEmpty {
            let fetched = try ListingIndex.documentFrequencies(db, tokens: missing)
            known.merge(fetched) { $1 }
            state.withLock { state in
                if state.total == total { state.frequencies.merge(fetched) { $1 } }
            }
        }
        return (total, known)
    }
}
