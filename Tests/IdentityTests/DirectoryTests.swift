import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

/// The read interfaces other modules use instead of Identity's tables (issue 15).
struct DirectoryTests {
    @Test func aSummaryIsTheOrganisationsKindNameAndCity() async throws {
        let world = try World()
        let university = try await world.organization(.university, .wuhan)
        let (summary, missing) = try await world.database.testWriter.read { db in
            (
                try OrganizationDirectory.summary(db, id: university.id),
                try OrganizationDirectory.summary(db, id: 9_999_999)
            )
        }
        #expect(summary?.id == university.id && summary?.kind == .university)
        #expect(summary?.name == university.name && summary?.city == .wuhan)
        #expect(missing == nil)
    }

    @Test func idsByCreditCodeNameEveryOrganisation() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .wuhan)
        let ids = try await world.database.testWriter.read { db in try OrganizationDirectory.idsByCreditCode(db) }
        #expect(ids[enterprise.creditCode] == enterprise.id)
        #expect(ids.count == (try world.count("organizations")))
    }

    @Test func summariesOfKindsComeInIdOrderAndOnlyOfThoseKinds() async throws {
        let world = try World()
        let (research, none, two) = try await world.database.testWriter.read { db in
            (
                try OrganizationDirectory.summaries(db, kinds: [.university, .institute]),
                try OrganizationDirectory.summaries(db, kinds: []),
                try OrganizationDirectory.summaries(db, kinds: [.university, .institute], limit: 2)
            )
        }
        #expect(!research.isEmpty)
        #expect(research.allSatisfy { $0.kind == .university || $0.kind == .institute })
        #expect(research.map(\.id) == research.map(\.id).sorted())
        #expect(Set(research.map(\.kind)) == [.university, .institute])
        #expect(none.isEmpty && two.map(\.id) == Array(research.prefix(2).map(\.id)))
    }

    @Test func aUserIsKnownByOrganisationAndRole() async throws {
        let world = try World()
        let institute = try await world.organization(.institute, .wuhan)
        let created = try await world.users.create(
            in: institute.id,
            NewUser(username: "expert.d", displayName: "专家", role: .expert, password: "correct horse battery"),
            by: world.system
        )
        let (user, missing) = try await world.database.testWriter.read { db in
            (try UserDirectory.user(db, id: created.user.id), try UserDirectory.user(db, id: 9_999_999))
        }
        #expect(user == UserSummary(id: created.user.id, organizationId: institute.id, role: .expert))
        #expect(missing == nil)
    }
}
