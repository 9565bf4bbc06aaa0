// Benchmarks of the listings module; see Scripts/bench-search.sh.
import Foundation

/// `corridor-bench search|match --rows N --data-dir DIR --papers PATH [options]`
struct Options {
    var rows = 100_000
    var dataDir = ""
    var papers = "../shared/eval/csl/papers.jsonl"
    var repo = FileManager.default.currentDirectoryPath
    var queries = 100
    /// Needs created and matched by `match`.
    var needs = 100
    var rounds = 3
    var seed: UInt64 = 42
    var fileRows = 100_000
    /// Reuse a database already loaded in DIR (skip the load).
    var reuse = false
    /// Time the search's parts separately (match count, ranked page, facets, hits).
    var components = true
    /// Measure candidate fixes on the same data (SQL-level prototypes; writes side tables).
    var experiments = false
    /// Space per table and index (dbstat; reads the whole file).
    var dbstat = false
    /// Seconds one measured section (a search variant, a component pass, an experiment) may take.
    var budget = 300.0
    /// Stop after the load and the size report.
    var loadOnly = false
    /// `instructions`: build the fixed database instead of measuring.
    var prepare = false
    /// `instructions`: the operation, and how many times it runs after `warmup` unmeasured runs.
    var operation = ""
    var repeats = 10
    var warmup = 3

    static let usage = """
        usage: corridor-bench search --rows N --data-dir DIR [--papers PATH] [--repo DIR] [--queries 100]
                                    [--rounds 3] [--seed 42] [--file-rows 100000] [--reuse]
                                    [--no-components] [--experiments] [--dbstat] [--budget 300]
                                    [--load-only]
               corridor-bench match --rows N --data-dir DIR [--papers PATH] [--repo DIR] [--needs 100]
                                    [--rounds 3] [--seed 42] [--file-rows 100000] [--reuse]
                                    [--no-components] [--budget 300] [--load-only]

          Loads the CSL papers as achievements and generated patents (PatentImport, CSV files of
          --file-rows rows) up to --rows listings in a fresh database in DIR, then measures search.
          --repo is the repository root holding Seeds/ (default: the current directory).
          --budget caps each measured section in seconds: fewer rounds when the warm-up is slow, and
          only the queries reached when even the warm-up overruns (then reported as cold, partial).
          match loads the same way, creates --needs needs owned by the seeded enterprises
          (NeedService.create), then times MatchService.forNeed (kind patent and organisation)
          against SearchService.search in the same run, and the parts of one match.
               corridor-bench audit --rows N --data-dir DIR [--reuse] [--seed 42]

          audit fills the audit log and its Merkle tree to 1k, 1M, 10M … N leaves and at each size
          times the tree's append, a whole audited write, inclusion and consistency proofs and a
          signed checkpoint; and Ed25519 / SM2 signing and verifying of a checkpoint.
               corridor-bench contracts --rows N --data-dir DIR [--repo DIR] [--rounds 3] [--seed 42]

          contracts seeds N signed technology contracts and times the turnover statistics over the
          whole period, a year, 90 and 30 days, against the cheapest read (SELECT 1) in the same run.
               corridor-bench saved-searches --rows N --data-dir DIR [--papers PATH] [--repo DIR] [--rounds 3]

          saved-searches loads 5,000 CSL achievements, saves N searches, imports 1,000 new patents
          and times matching every saved search against them, then one whole evaluation run.
               corridor-bench instructions --prepare --data-dir DIR [--repo DIR]
               corridor-bench instructions --op write|read|search|match --data-dir DIR [--repeat 10] [--warmup 3]

          instructions (issue 19; run under callgrind by Scripts/bench-instructions.sh): --prepare
          builds a small fixed database from Seeds/ in DIR; --op runs one operation through the
          API's router in process on a copy of it, --warmup times unmeasured, then --repeat times
          between two calls of callgrindDumpPoint (where callgrind dumps its counters).
        """

    static func parse(_ arguments: [String]) throws -> (String, Options) {
        var options = Options()
        guard let command = arguments.first, !command.hasPrefix("-") else { throw BenchError(usage) }
        var rest = arguments.dropFirst()
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst(), !next.hasPrefix("--") else {
                throw BenchError("\(name) needs a value\n\(usage)")
            }
            return next
        }
        func integer(_ name: String) throws -> Int {
            let text = try value(name).replacingOccurrences(of: "_", with: "")
            guard let number = Int(text), number >= 0 else {
                throw BenchError("\(name) takes a whole number, not \(text)")
            }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--rows": options.rows = try integer(argument)
            case "--data-dir": options.dataDir = try value(argument)
            case "--papers": options.papers = try value(argument)
            case "--repo": options.repo = try value(argument)
            case "--queries": options.queries = try integer(argument)
            case "--needs": options.needs = max(1, try integer(argument))
            case "--rounds": options.rounds = max(1, try integer(argument))
            case "--seed": options.seed = UInt64(try integer(argument))
            case "--file-rows": options.fileRows = max(1, try integer(argument))
            case "--reuse": options.reuse = true
            case "--no-components": options.components = false
            case "--experiments": options.experiments = true
            case "--dbstat": options.dbstat = true
            case "--budget": options.budget = Double(try integer(argument))
            case "--load-only": options.loadOnly = true
            case "--prepare": options.prepare = true
            case "--op": options.operation = try value(argument)
            case "--repeat": options.repeats = max(1, try integer(argument))
            case "--warmup": options.warmup = try integer(argument)
            case "-h", "--help": throw BenchError(usage)
            default: throw BenchError("unknown option \(argument)\n\(usage)")
            }
        }
        guard !options.dataDir.isEmpty else { throw BenchError("--data-dir is required\n\(usage)") }
        return (command, options)
    }
}

@main
enum CorridorBench {
    /// Not an async `main`: on Linux that parks the main thread in libdispatch's `sigsuspend`,
    /// which valgrind 3.19 (Debian 12) crashes on, and callgrind runs this binary (issue 19). The
    /// commands run on the global executor while the main thread waits.
    static func main() {
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await run()
            finished.signal()
        }
        finished.wait()
    }

    static func run() async {
        do {
            let (command, options) = try Options.parse(Array(CommandLine.arguments.dropFirst()))
            switch command {
            case "search": try await SearchBenchmark(options: options).run()
            case "match": try await MatchBenchmark(options: options).run()
            case "audit": try await AuditBenchmark(options: options).run()
            case "contracts": try await ContractStatisticsBenchmark(options: options).run()
            case "saved-searches": try await SavedSearchBenchmark(options: options).run()
            case "instructions": try await InstructionBenchmark(options: options).run()
            case "help": say(Options.usage)
            default: throw BenchError("unknown command \(command)\n\(Options.usage)")
            }
        } catch {
            FileHandle.standardError.write(Data("corridor-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
