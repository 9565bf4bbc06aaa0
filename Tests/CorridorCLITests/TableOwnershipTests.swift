import Foundation
import Testing

/// DESIGN.md: no module reads another module's tables — it asks the owner's read interface.
/// The owner of a table is the module whose sources create it; every `FROM`, `JOIN`, `INTO` or
/// `UPDATE` of that table in another module's sources is a leak.
@Suite struct TableOwnershipTests {
    static let sources = CommandLineTests.root.appendingPathComponent("Sources")

    /// Benchmark experiments that compare query plans over Listings' and the audit log's own
    /// SQL: they measure the owner's storage on purpose and never run in the server.
    static let measuredOnPurpose: Set<String> = [
        "corridor-bench/Experiments.swift", "corridor-bench/SearchBenchmark.swift",
        "corridor-bench/MatchBenchmark.swift", "corridor-bench/AuditBenchmark.swift",
    ]

    static func swiftFiles(in module: String) throws -> [(path: String, text: String)] {
        let folder = sources.appendingPathComponent(module)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" && !url.path.contains("/Generated/") {
            files.append(
                (module + "/" + url.path.dropFirst(folder.path.count + 1), try String(contentsOf: url, encoding: .utf8))
            )
        }
        return files
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test func everyTableIsReadAndWrittenOnlyByTheModuleThatCreatesIt() throws {
        let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).sorted()
        var owner: [String: String] = [:]
        var filesByModule: [String: [(path: String, text: String)]] = [:]
        for module in modules {
            let files = try Self.swiftFiles(in: module)
            filesByModule[module] = files
            for file in files {
                for table in try Self.matches(#"CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_]+)"#, in: file.text)
                {
                    owner[table] = module
                }
            }
        }
        #expect(owner["organizations"] == "Identity", "the scan found the tables' owners")
        #expect(owner["vouchers"] == "Vouchers")
        var leaks: [String] = []
        for (module, files) in filesByModule {
            for file in files where !Self.measuredOnPurpose.contains(file.path) {
                for table in try Self.matches(#"\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_]+)\b"#, in: file.text) {
                    if let tableOwner = owner[table], tableOwner != module {
                        leaks.append("\(file.path) uses \(table), which \(tableOwner) owns")
                    }
                }
            }
        }
        #expect(leaks.isEmpty, "\(Set(leaks).sorted().joined(separator: "\n"))")
    }
}
