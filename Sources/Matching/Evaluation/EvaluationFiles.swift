import Foundation
import Kernel

/// A failure of the evaluation harness: a file that cannot be read or does not fit.
public struct EvaluationError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The script a query is written in.
public enum QueryScript: String, Codable, CaseIterable, Sendable {
    case simplified
    case traditional
}

/// One evaluation query, a line of queries.jsonl:
/// `{"id", "text", "script": "simplified"|"traditional", "fields": [Field raw values], "source": paper id}`
/// and, for generated queries, `"kind"` (`keywords` or `title`: what it was built from).
public struct EvalQuery: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var script: QueryScript
    public var fields: [Field]
    /// The paper the query was made from, if any.
    public var source: String?
    public var kind: String?

    enum CodingKeys: String, CodingKey { case id, text, script, fields, source, kind }

    /// `fields` may be left out (no field named).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        text = try container.decode(String.self, forKey: .text)
        script = try container.decode(QueryScript.self, forKey: .script)
        fields = try container.decodeIfPresent([Field].self, forKey: .fields) ?? []
        source = try container.decodeIfPresent(String.self, forKey: .source)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
    }

    public init(
        id: String, text: String, script: QueryScript, fields: [Field] = [], source: String? = nil, kind: String? = nil
    ) {
        self.id = id
        self.text = text
        self.script = script
        self.fields = fields
        self.source = source
        self.kind = kind
    }
}

/// queries.jsonl and qrels.tsv (`query-id <TAB> doc-id <TAB> grade`, one judgement a line,
/// no header; blank lines and lines starting with `#` are skipped).
public enum EvaluationFiles {
    /// The most queries and judgements a file may hold.
    public static let maxQueries = 100_000
    public static let maxJudgements = 5_000_000

    public static func readQueries(_ url: URL) throws -> [EvalQuery] {
        let decoder = JSONDecoder()
        var queries: [EvalQuery] = []
        var ids = Set<String>()
        for (number, line) in try lines(url).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let query: EvalQuery
            do {
                query = try decoder.decode(EvalQuery.self, from: Data(trimmed.utf8))
            } catch {
                throw EvaluationError("\(url.path) line \(number + 1): not a query (\(error))")
            }
            guard ids.insert(query.id).inserted else {
                throw EvaluationError("\(url.path) line \(number + 1): query \(query.id) twice")
            }
            queries.append(query)
            guard queries.count <= maxQueries else {
                throw EvaluationError("\(url.path): more than \(maxQueries) queries")
            }
        }
        return queries
    }

    public static func queriesText(_ queries: [EvalQuery]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try queries.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    public static func readQrels(_ url: URL) throws -> [String: Grades] {
        var result: [String: Grades] = [:]
        var count = 0
        for (number, line) in try lines(url).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let columns = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3, !columns[0].isEmpty, !columns[1].isEmpty, let grade = Int(columns[2]), grade >= 0
            else {
                throw EvaluationError(
                    "\(url.path) line \(number + 1): expected query-id, doc-id, grade ≥ 0 separated by tabs")
            }
            result[String(columns[0]), default: [:]][String(columns[1])] = grade
            count += 1
            guard count <= maxJudgements else {
                throw EvaluationError("\(url.path): more than \(maxJudgements) judgements")
            }
        }
        return result
    }

    /// The judgements in the order of `queries`, then by grade (highest first) and document id.
    public static func qrelsText(_ qrels: [String: Grades], queries: [EvalQuery]) -> String {
        var text = ""
        for query in queries {
            guard let grades = qrels[query.id] else { continue }
            for (doc, grade) in grades.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                text += "\(query.id)\t\(doc)\t\(grade)\n"
            }
        }
        return text
    }

    /// A short digest of a query set (FNV-1a, 64 bits, over the queries and judgements as
    /// written), to tell whether figures were measured on the same set.
    public static func fingerprint(_ queries: [EvalQuery], _ qrels: [String: Grades]) throws -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let text = try queriesText(queries) + qrelsText(qrels, queries: queries)
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func lines(_ url: URL) throws -> [Substring] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EvaluationError("cannot read \(url.path)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }
}

/// SplitMix64: a small generator whose output depends only on the seed, so that the same seed
/// builds the same queries on every platform and Swift version.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0), by the high half of a 128-bit product.
    mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Fisher–Yates, with `below` (not the standard library's shuffle, whose algorithm may change).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }
}
