import Foundation
import GRDB
import Identity
import Kernel
import Listings
import Store
import Tabular

/// An organisation that may own listings.
struct Owner: Sendable {
    var id: Int64
    var name: String
    var city: CityCode
}

/// Creates the benchmark database: seeds, the CSL papers as achievements, generated patents
/// through the real import path.
struct Loader {
    let options: Options
    let corpus: Corpus
    let database: AppDatabase

    struct Figures {
        var achievements = 0
        var achievementSeconds = 0.0
        var patents = 0
        var importSeconds = 0.0
        var generateSeconds = 0.0
        var csvBytes: Int64 = 0
        var fileRates: [Double] = []
    }

    static let system = Kernel.Actor.system("bench", requestID: "bench")

    /// Universities, institutes and labs, interleaved so consecutive owners are in different cities.
    func owners() async throws -> [Owner] {
        let rows = try await database.read { db in
            try OrganizationDirectory.summaries(db, kinds: [.university, .institute, .lab])
                .map { Owner(id: $0.id, name: $0.name, city: $0.city) }
        }
        var byCity = CityCode.allCases.map { city in rows.filter { $0.city == city } }
        var result: [Owner] = []
        while byCity.contains(where: { !$0.isEmpty }) {
            for index in byCity.indices where !byCity[index].isEmpty { result.append(byCity[index].removeFirst()) }
        }
        guard !result.isEmpty else { throw BenchError("no universities, institutes or labs were seeded") }
        return result
    }

    func load(target rows: Int) async throws -> Figures {
        var figures = Figures()
        let owners = try await owners()
        say("owners: \(owners.count) universities/institutes/labs in \(Set(owners.map(\.city)).count) cities")

        // 1. The papers as achievements, one audited write each, as the API makes them.
        let achievements = AchievementService(database: database)
        let count = min(rows, corpus.papers.count)
        var random = SeededGenerator(seed: options.seed &+ 7)
        let modes: [CooperationMode] = [
            .transfer, .licence, .equity, .jointDevelopment, .commissionedDevelopment, .consulting,
        ]
        // The request bodies are built first, so that only AchievementService.create is timed.
        var inputs: [NewAchievement] = []
        inputs.reserveCapacity(count)
        for index in 0..<count {
            let paper = corpus.papers[index]
            let owner = owners[index % owners.count]
            var price = PriceRange(negotiable: true)
            if random.chance(60) {
                let low = (1 + random.below(300)) * 1_000_000
                price = PriceRange(
                    minFen: Int64(low), maxFen: Int64(low + random.below(200) * 1_000_000), negotiable: false)
            }
            var chosen = [random.pick(modes)]
            if random.chance(40) {
                let more = random.pick(modes)
                if !chosen.contains(more) { chosen.append(more) }
            }
            inputs.append(
                NewAchievement.make(
                    title: String(paper.title.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)),
                    summary: String(paper.abstract.prefix(5_000)), trl: 1 + random.below(9),
                    fields: [corpus.fields[index]], keywords: corpus.keywords[index], cooperationModes: chosen,
                    price: price, externalRef: paper.id, status: .listed, ownerOrganizationId: owner.id))
        }
        let start = now()
        for (index, input) in inputs.enumerated() {
            do {
                _ = try await achievements.create(input, by: Self.system)
            } catch {
                throw BenchError("achievement \(corpus.papers[index].id) refused: \(error)")
            }
        }
        figures.achievements = count
        figures.achievementSeconds = now() - start
        say(
            String(
                format:
                    "achievements: %@ through AchievementService.create (one audited transaction each, synchronous=FULL) in %.1f s = %@ rows/s",
                grouped(count), figures.achievementSeconds, grouped(Int(Double(count) / figures.achievementSeconds))
            ))

        // 2. Generated patents through PatentImport, one all-or-nothing file per owner in turn.
        let patents = max(0, rows - count)
        let generator = PatentGenerator(corpus: corpus, seed: options.seed)
        let importer = PatentImport(database: database)
        let files = (patents + options.fileRows - 1) / options.fileRows
        var first = 0
        for file in 0..<files {
            let range = first..<min(patents, first + options.fileRows)
            first = range.upperBound
            let owner = owners[file % owners.count]
            let url = URL(fileURLWithPath: options.dataDir).appendingPathComponent("patents-\(file).csv")
            let generateStart = now()
            let bytes = try generator.write(range, applicant: owner.name, to: url)
            figures.generateSeconds += now() - generateStart
            figures.csvBytes += bytes
            let importStart = now()
            let report = try await importer.run(
                file: url, format: .csv, encoding: .utf8, mode: .allOrNothing, owner: owner.id, by: Self.system
            )
            let seconds = now() - importStart
            try? FileManager.default.removeItem(at: url)
            guard report.committed, report.created == range.count, report.invalid == 0 else {
                let errors = report.errors.prefix(5).map {
                    "row \($0.row) \($0.field ?? "") \($0.code): \($0.messageEn)"
                }
                throw BenchError(
                    "import of file \(file) refused: \(report.invalid) invalid rows; \(errors.joined(separator: "; "))")
            }
            figures.patents += report.created
            figures.importSeconds += seconds
            let rate = Double(range.count) / seconds
            figures.fileRates.append(rate)
            let memory = memory()
            say(
                String(
                    format:
                        "import file %d/%d: %@ rows (%@ CSV, owner %@ %@) in %.1f s = %@ rows/s; listings now %@; RSS %.0f MiB (peak %.0f)",
                    file + 1, files, grouped(range.count), mib(bytes), String(owner.id), owner.city.rawValue, seconds,
                    grouped(Int(rate)), grouped(count + figures.patents), memory.current, memory.peak
                ))
        }
        return figures
    }
}
