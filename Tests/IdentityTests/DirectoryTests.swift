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

/// Whom a module tells when something needs an organisation or a city (the outbox's recipients).
struct RecipientLookupTests {
    @Test func membersAreTheActiveUsersOfTheOrganisationInTheRoles() async throws {
        let world = try World()
        let university = try await world.organization(.university, .wuhan)
        let other = try await world.organization(.enterprise, .wuhan)
        let (admin, _) = try await world.signIn(.orgAdmin, in: university, username: "tto-admin")
        let (member, _) = try await world.signIn(.orgMember, in: university, username: "tto-member")
        let (leaver, _) = try await world.signIn(.orgMember, in: university, username: "tto-leaver")
        let (stranger, _) = try await world.signIn(.orgAdmin, in: other, username: "elsewhere")
        _ = try await world.auth.disable(userID: leaver.id, by: world.actor(.orgAdmin, in: university, user: admin.id))
        let (everyone, admins) = try await world.database.testWriter.read { db in
            (
                try UserDirectory.members(db, organization: university.id),
                try UserDirectory.members(db, organization: university.id, roles: [.orgAdmin])
            )
        }
        #expect(everyone.contains(admin.id) && everyone.contains(member.id))
        #expect(!everyone.contains(leaver.id), "a disabled account hears nothing")
        #expect(!everyone.contains(stranger.id))
        #expect(admins.contains(admin.id) && !admins.contains(member.id))
        #expect(everyone == everyone.sorted())
    }

    @Test func staffAreTheUsersInTheRolesOfTheCitysOrganisations() async throws {
        let world = try World()
        let wuhan = try await world.organization(.government, .wuhan)
        let xianning = try await world.organization(.government, .xianning)
        let wuhanEnterprise = try await world.organization(.enterprise, .wuhan)
        let (wuhanClerk, _) = try await world.signIn(.cityAdmin, in: wuhan, username: "wuhan-clerk")
        let (xianningClerk, _) = try await world.signIn(.cityAdmin, in: xianning, username: "xianning-clerk")
        let (wuhanMember, _) = try await world.signIn(.orgAdmin, in: wuhanEnterprise, username: "wuhan-member")
        let (clerks, none) = try await world.database.testWriter.read { db in
            (
                try UserDirectory.staff(db, city: .wuhan, roles: [.cityAdmin]),
                try UserDirectory.staff(db, city: .wuhan, roles: [])
            )
        }
        #expect(clerks.contains(wuhanClerk.id))
        #expect(!clerks.contains(xianningClerk.id) && !clerks.contains(wuhanMember.id))
        #expect(none.isEmpty)
    }
}
