import ArgumentParser
import Foundation
import HTTPAPI
import Identity
import Kernel
import Listings
import Store
import Tabular

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bulk imports.", subcommands: [Patents.self])

    struct Patents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import patents from CSV (UTF-8 or GB18030, header row) or JSON Lines for one organisation.",
            discussion:
                "Re-importing the same file changes nothing (patents are keyed by number). Prints the report as JSON."
        )
        @OptionGroup var options: CommonOptions
        @Argument(help: "The file (.csv or .jsonl).") var file: String
        @Option(help: "The owning organisation's id.") var org: Int64
        @Option(help: "all-or-nothing (default) or skip-invalid.") var mode: String = PatentImport.Mode.allOrNothing
            .rawValue
        @Option(help: "csv or jsonLines (default: from the file name and contents).") var format: String?
        @Option(help: "utf8 or gb18030 (default: detected).") var encoding: String?

        func run() async throws {
            guard let mode = PatentImport.Mode(rawValue: mode) else {
                throw ValidationError("--mode is all-or-nothing or skip-invalid")
            }
            let url = URL(fileURLWithPath: file)
            let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 4_096)) ?? Data()
            guard
                let format = format.flatMap(TabularFormat.init(rawValue:))
                    ?? TabularFormat.detect(fileName: url.lastPathComponent, contentType: nil, firstBytes: head)
            else { throw ValidationError("cannot tell the format of \(file): pass --format csv or --format jsonLines") }
            let encoding = try encoding.map { value -> TextEncoding in
                guard let encoding = TextEncoding(rawValue: value) else {
                    throw ValidationError("--encoding is utf8 or gb18030")
                }
                return encoding
            }
            let configuration = try options.configuration()
            let database = try DatabaseOpener.open(configuration)
            defer { try? database.close() }
            let report = try await PatentImport(database: database).run(
                file: url, format: format, encoding: encoding, mode: mode, owner: org,
                by: .system("cli:import", requestID: "cli-" + UUID().uuidString.lowercased())
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            if report.invalid > 0 && !report.committed { throw ExitCode(2) }
        }
    }
}
