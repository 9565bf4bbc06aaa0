import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Loads Seeds/listings/ idempotently through the same services as the API, acting as the
/// system: patents keyed by number, the others by their seed reference. Challenges are driven
/// through their real lifecycle to the state each seed asks for.
public struct ListingSeeder: Sendable {
    public struct Report: Codable, Sendable, Equatable {
        public var added = 0
        public var present = 0
    }

    let database: AppDatabase
    /// Waits until a deadline has passed (a real sleep in production, a clock step in tests).
    let wait: @Sendable (TimeInterval) async throws -> Void

    public init(
        database: AppDatabase,
        wait: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        }
    ) {
        self.database = database
        self.wait = wait
    }

    public func load(directory: URL) async throws -> Report {
        let actor = Actor.system("seed", requestID: "seed-listings")
        let organizations = try await database.read { db in try OrganizationDirectory.idsByCreditCode(db) }
        func owner(_ code: String) throws -> Int64 {
            guard let id = organizations[code] else {
                throw SeedError(file: "Seeds/listings", reason: "unknown owner \(code)")
            }
            return id
        }
        var report = Report()
        let patents = PatentService(database: database)
        var patentIDs: [String: Int64] = [:]
        for seed in try ListingSeedFiles.read(directory, "patents.json", as: [ListingSeedFiles.PatentSeed].self) {
            let number = try PatentNumber(seed.number, currentYear: 9_999).value
            if let existing = try await database.read({ db in
                try ListingStore.find(db, Patent.self, externalKey: number)
            }) {
                patentIDs[number] = existing.id
                report.present += 1
                continue
            }
            let input = NewPatent(
                number: seed.number, title: seed.title, abstract: seed.abstract, claimsSummary: seed.claimsSummary,
                ipcCodes: seed.ipcCodes, applicants: seed.applicants, inventors: seed.inventors,
                legalStatus: seed.legalStatus,
                fields: seed.fields, keywords: seed.keywords, trl: seed.trl, transferModes: seed.transferModes,
                askingPrice: seed.askingPrice, status: seed.status, ownerOrganizationId: try owner(seed.owner)
            )
            patentIDs[number] = try await patents.create(input, by: actor).id
            report.added += 1
        }
        let achievements = AchievementService(database: database)
        for seed in try ListingSeedFiles.read(
            directory, "achievements.json", as: [ListingSeedFiles.AchievementSeed].self)
        {
            let ownerID = try owner(seed.owner)
            if try await exists(Achievement.self, ref: seed.ref, owner: ownerID) {
                report.present += 1
                continue
            }
            let input = NewAchievement(
                title: seed.title, summary: seed.summary, trl: seed.trl, fields: seed.fields, keywords: seed.keywords,
                cooperationModes: seed.cooperationModes, price: seed.price,
                patentIds: try seed.patentNumbers.map { number in
                    guard let id = patentIDs[try PatentNumber(number, currentYear: 9_999).value] else {
                        throw SeedError(file: "achievements.json", reason: "\(seed.ref): unknown patent \(number)")
                    }
                    return id
                },
                teamMembers: seed.teamMembers, externalRef: seed.ref, status: seed.status, ownerOrganizationId: ownerID
            )
            _ = try await achievements.create(input, by: actor)
            report.added += 1
        }
        let needs = NeedService(database: database)
        for seed in try ListingSeedFiles.read(directory, "needs.json", as: [ListingSeedFiles.NeedSeed].self) {
            let ownerID = try owner(seed.owner)
            if try await exists(Need.self, ref: seed.ref, owner: ownerID) {
                report.present += 1
                continue
            }
            let input = NewNeed(
                title: seed.title, description: seed.description, fields: seed.fields, keywords: seed.keywords,
                budget: seed.budget,
                deadline: database.clock.now().addingTimeInterval(Double(seed.deadlineDays) * 86_400),
                cooperationMode: seed.cooperationMode, visibility: seed.visibility, externalRef: seed.ref,
                ownerOrganizationId: ownerID
            )
            let need = try await needs.create(input, by: actor)
            if seed.status == .inTalks {
                var patch = NeedPatch()
                patch.status = .inTalks
                _ = try await needs.update(need.id, patch, by: actor)
            }
            report.added += 1
        }
        let challengeSeeds = try ListingSeedFiles.read(
            directory, "challenges.json", as: [ListingSeedFiles.ChallengeSeed].self)
        let added = try await ChallengeSeeding(database: database, actor: actor, wait: wait).load(
            challengeSeeds, owner: owner)
        report.added += added
        report.present += challengeSeeds.count - added
        return report
    }

    func exists<Document: ListingDocument>(_ type: Document.Type, ref: String, owner: Int64) async throws -> Bool {
        try await database.read { db in try ListingStore.find(db, Document.self, externalKey: ref, owner: owner) != nil
        }
    }
}
