import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

struct AuthTests {
    @Test func loginIssuesATokenThatVerifiesAndLogoutRevokesIt() async throws {
        let world = try World()
        let university = try await world.organization(.university, .wuhan)
        let (user, token) = try await world.signIn(.orgMember, in: university, username: "li.ming")
        #expect(token.hasPrefix("cor_") && token.count == 47)
        let principal = try await world.verifier.verify(token)
        #expect(principal.userID == user.id && principal.organizationID == university.id && principal.city == .wuhan)
        // The token is stored only as a hash.
        let stored = try await world.database.testWriter.read { db in
            try Data.fetchOne(db, sql: "SELECT token_hash FROM tokens WHERE id = ?", arguments: [principal.tokenID])
        }
        #expect(stored?.count == 32)
        try await world.auth.logout(principal, requestID: "t")
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(token) }
    }

    @Test func wrongPasswordsAndUnknownUsersGetTheSameAnswer() async throws {
        let world = try World()
        let university = try await world.organization(.university, .wuhan)
        _ = try await world.signIn(.orgMember, in: university, username: "li.ming")
        for (username, password) in [("li.ming", "wrong password"), ("nobody", "correct horse battery")] {
            do {
                _ = try await world.auth.login(username: username, password: password, requestID: "t")
                Issue.record("signed in")
            } catch let error as DomainError {
                #expect(error.code == "invalid_credentials" && error.kind == .unauthenticated)
            }
        }
    }

    @Test func tokensExpireByTheInjectedClock() async throws {
        let world = try World()
        let university = try await world.organization(.university, .wuhan)
        let (_, token) = try await world.signIn(.orgMember, in: university, username: "li.ming")
        _ = try await world.verifier.verify(token)
        world.clock.advance(by: 3_601)
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(token) }
    }

    @Test(arguments: ["", "Bearer", "cor_short", "cor_" + String(repeating: "A", count: 43)])
    func malformedOrUnknownTokensAreRefused(_ token: String) async throws {
        let world = try World()
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(token) }
    }

    @Test func orgAdminsIssueAndRevokeAPITokensForTheirOwnOrganisationOnly() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let (admin, adminToken) = try await world.signIn(.orgAdmin, in: enterprise, username: "hs.admin")
        let actor = try await world.verifier.verify(adminToken).actor(requestID: "t")
        let issued = try await world.auth.issueAPIToken(NewAPIToken(name: "ERP 对接", expiresInDays: 30), by: actor)
        #expect(issued.user.id == admin.id)
        let principal = try await world.verifier.verify(issued.token)
        #expect(principal.organizationID == enterprise.id)
        let listed = try await world.auth.listAPITokens(organizationID: enterprise.id, page: PageRequest(), by: actor)
        #expect(listed.items.map(\.id) == [issued.id])

        let other = try await world.organization(.enterprise, .wuhan)
        await #expect(throws: DomainError.forbidden) {
            try await world.auth.revokeAPIToken(issued.id, by: world.actor(.orgAdmin, in: other))
        }
        try await world.auth.revokeAPIToken(issued.id, by: actor)
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(issued.token) }
        do {
            try await world.auth.revokeAPIToken(issued.id, by: actor)
            Issue.record("revoked twice")
        } catch let error as DomainError {
            #expect(error.code == "token_already_revoked")
        }
    }

    @Test func usersGetOnlyRolesTheirOrganisationMayHold() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .huangshi)
        let platform = try await world.organization(.platform, .wuhan)
        let admin = world.actor(.platformAdmin, in: platform)
        do {
            _ = try await world.users.create(
                in: enterprise.id,
                NewUser(username: "bad.city", displayName: "x", role: .cityAdmin, password: "a long password 1"),
                by: admin)
            Issue.record("city admin in an enterprise")
        } catch let error as DomainError {
            #expect(error.code == "role_not_allowed_for_kind" && error.field == "role")
        }
        do {
            _ = try await world.users.create(
                in: enterprise.id,
                NewUser(username: "x.y", displayName: "x", role: .platformAdmin, password: "a long password 1"),
                by: world.actor(.orgAdmin, in: enterprise))
            Issue.record("escalated")
        } catch let error as DomainError {
            #expect(error.code == "role_not_grantable")
        }
        // No password, no user: none is generated (people set their own).
        do {
            _ = try await world.users.create(
                in: enterprise.id, NewUser(username: "no.password", displayName: "x", role: .orgMember), by: admin)
            Issue.record("a password was generated")
        } catch let error as DomainError {
            #expect(error.code == "password_required" && error.field == "password")
        }
        let created = try await world.users.create(
            in: enterprise.id,
            NewUser(username: "Wang.Wei", displayName: "王伟", role: .orgMember, password: "wang wei password"),
            by: world.actor(.orgAdmin, in: enterprise)
        )
        #expect(created.user.username == "wang.wei")
        do {
            _ = try await world.users.create(
                in: enterprise.id,
                NewUser(username: "wang.wei", displayName: "x", role: .orgMember, password: "another password"),
                by: admin)
            Issue.record("duplicate")
        } catch let error as DomainError {
            #expect(error.code == "username_taken" && error.kind == .conflict)
        }
        do {
            _ = try await world.users.create(
                in: enterprise.id, NewUser(username: "short.pw", displayName: "x", role: .orgMember, password: "123"),
                by: admin)
            Issue.record("short password")
        } catch let error as DomainError {
            #expect(error.code == "password_too_short" && error.field == "password")
        }
    }

    @Test func platformBootstrapCreatesAnAdministratorWithAWorkingToken() async throws {
        let world = try World()
        let result = try PlatformBootstrap.createAdministrator(
            database: world.database, username: "admin", displayName: "管理员", password: nil,
            passwords: world.passwords, tokenLifetime: 600
        )
        #expect(result.generatedPassword != nil)
        let principal = try await world.verifier.verify(result.token.token)
        #expect(principal.role == .platformAdmin && principal.organizationKind == .platform)
        let relogin = try await world.auth.login(username: "admin", password: result.generatedPassword!, requestID: "t")
        #expect(relogin.user.id == result.user.id)
    }
}
