import Foundation
import HTTPTypes
import Kernel
import Platform
import Store

/// `corridor-bench instructions --op write|read|search|match --data-dir DIR [--repeat N] [--warmup W]`
/// (issue 19): one operation of a fixed workload, through the API's router in process, on a copy
/// of the database `--prepare` built in DIR. It runs the operation W times to warm caches, calls
/// `callgrindDumpPoint`, runs it N times, and calls it again: under
/// `valgrind --tool=callgrind --dump-before='*callgrindDumpPoint*'` the second dump holds
/// exactly the N operations (every thread's instructions), and `Scripts/bench-instructions.sh`
/// divides by N. The clock is fixed (a `ManualClock` at the fixture's time), nothing runs in the
/// background, and the inputs are the same on every run.
struct InstructionBenchmark {
    let options: Options

    enum Operation: String, CaseIterable {
        /// `POST /v1/redemptions` with an Idempotency-Key: a 通兑 redemption opened (an audited
        /// write holding voucher money), each on a new contract, enterprises and providers in turn.
        case write
        /// `GET /v1/organizations/{id}` with a bearer token: the token and organisation look-ups.
        case read
        /// `GET /v1/search?q=锂电池&limit=10`, anonymous, as in the search mix.
        case search
        /// `GET /v1/needs/{id}/matches`: supply, organisations and their explanations for one need.
        case match
    }

    func run() async throws {
        guard !options.prepare else {
            return try await InstructionFixture.prepare(folder: options.dataDir, repo: options.repo)
        }
        guard let operation = Operation(rawValue: options.operation) else {
            throw BenchError(
                "instructions: --op takes \(Operation.allCases.map(\.rawValue).joined(separator: ", ")), not '\(options.operation)'"
            )
        }
        let fixture = try InstructionFixture.load(folder: options.dataDir)
        // A copy of its own, so every run starts from the same database.
        let source = options.dataDir + "/" + InstructionFixture.databaseFile
        let copy = options.dataDir + "/run-\(ProcessInfo.processInfo.processIdentifier).sqlite"
        let removeCopy = {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        }
        removeCopy()
        defer { removeCopy() }
        try FileManager.default.copyItem(atPath: source, toPath: copy)

        let configuration = InstructionFixture.configuration(dataDir: options.dataDir + "/run-files")
        let database = try InstructionFixture.open(
            path: copy, clock: ManualClock(fixture.now), configuration: configuration)
        let services = try AppServices(database: database, configuration: configuration)
        let api = InProcessAPI(services: services, configuration: configuration)
        let step = try await Self.step(operation, api: api, fixture: fixture)

        let started = now()
        for index in 0..<options.warmup { try await step(index) }
        callgrindDumpPoint()
        let measured = now()
        for index in options.warmup..<(options.warmup + options.repeats) { try await step(index) }
        callgrindDumpPoint()
        let finished = now()
        try database.close()
        say(
            String(
                format: "instructions %@: %d warm-up + %d measured in %.2f s (%.3f ms an operation, wall clock)",
                operation.rawValue, options.warmup, options.repeats, finished - started,
                (finished - measured) * 1_000 / Double(max(1, options.repeats))))
    }

    /// The operation, given its index (0, 1, 2, …); it throws unless the answer is the expected one.
    static func step(
        _ operation: Operation, api: InProcessAPI, fixture: InstructionFixture
    ) async throws -> (Int) async throws -> Void {
        switch operation {
        case .write:
            var tokens: [String] = []
            for enterprise in fixture.enterprises {
                tokens.append(try await InstructionFixture.login(api, enterprise.username))
            }
            let enterprises = fixture.enterprises
            let providers = fixture.providers
            let allTokens = tokens
            return { index in
                // Each enterprise takes the providers in turn, so no provider's share of its
                // redemptions ever trips the concentration rule: the same path every time.
                let enterprise = index % enterprises.count
                let provider = providers[(index / enterprises.count) % providers.count].organization
                let number = String(format: "%06d", index)
                let body = try await api.expect(
                    .created, .post, "/v1/redemptions", token: allTokens[enterprise],
                    json: """
                        {"voucherId":\(enterprises[enterprise].voucher ?? 0),"providerOrganizationId":\(provider),\
                        "contractNumber":"IC-\(number)","category":"testing","contractFen":200000}
                        """,
                    idempotencyKey: "icount-open-\(number)")
                guard body["status"] as? String == "held", (body["flags"] as? [Any])?.isEmpty == true else {
                    throw BenchError(
                        "write \(index): opened as \(body["status"] ?? "?") with flags \(body["flags"] ?? "?")")
                }
            }
        case .read:
            let token = try await InstructionFixture.login(api, fixture.adminUsername)
            let path = "/v1/organizations/\(fixture.universityID)"
            return { _ in try await api.expect(.ok, .get, path, token: token) }
        case .search:
            let path = "/v1/search?q=\(Self.percentEncoded("锂电池"))&limit=10"
            let first = try await api.expect(.ok, .get, path)
            guard let items = first["items"] as? [Any], !items.isEmpty else {
                throw BenchError("search: no hits for 锂电池 in the seeds")
            }
            return { _ in try await api.expect(.ok, .get, path) }
        case .match:
            let token = try await InstructionFixture.login(api, fixture.adminUsername)
            let path = "/v1/needs/\(fixture.needID)/matches"
            let first = try await api.expect(.ok, .get, path, token: token)
            guard let items = first["items"] as? [Any], !items.isEmpty else {
                throw BenchError("match: no matches for need \(fixture.needID)")
            }
            return { _ in try await api.expect(.ok, .get, path, token: token) }
        }
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// Where the measured loop starts and ends: callgrind dumps its counters on entry
/// (`--dump-before='*callgrindDumpPoint*'`). Never inlined, and with an effect the
/// optimiser keeps, so a release build calls it too.
nonisolated(unsafe) var dumpPoints = 0

@inline(never)
func callgrindDumpPoint() {
    dumpPoints += 1
}
