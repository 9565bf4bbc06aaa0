import Foundation
import Hummingbird
import NIOCore

/// A submitted `application/x-www-form-urlencoded` form.
struct Form: Sendable {
    private(set) var values: [String: [String]] = [:]

    static let limit = 1 << 20

    init(values: [String: [String]] = [:]) {
        self.values = values
    }

    init(_ request: Request) async throws {
        let buffer = try await request.body.collect(upTo: Self.limit)
        self.init(encoded: String(buffer: buffer))
    }

    init(encoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    subscript(_ key: String) -> String? {
        values[key]?.first
    }

    /// The trimmed value, nil when absent or blank.
    func text(_ key: String) -> String? {
        guard let value = self[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ key: String) -> [String] {
        values[key] ?? []
    }
}
