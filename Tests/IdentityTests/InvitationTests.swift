import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

/// Invitations: who may invite whom, the single-use expiring token, and what is stored.
struct InvitationTests {
    func admin(_ world: World, _ organization: Organization, _ username: String) async throws -> Actor {
        let (_, token) = try await world.signIn(.orgAdmin, in: organization, username: username)
        return try await world.verifier.verify(token).actor(requestID: "t")
    }

    @Test func anInviteeSetsTheirOwnPasswordOnceAndSignsIn() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let actor = try await admin(world, enterprise, "xn.admin")
        let invitations = InvitationService(database: world.database, passwords: world.passwords)
        let issued = try await invitations.invite(
            in: enterprise.id, NewInvitation(email: "Chen.Jing@Example.cn", displayName: "陈静", role: .orgMember),
            by: actor)
        #expect(issued.token.hasPrefix("inv_") && issued.invitation.status == .pending)
        #expect(issued.invitation.email == "chen.jing@example.cn")
        #expect(issued.invitation.expiresAt == world.clock.now().addingTimeInterval(72 * 3_600))
        // Only a hash of the token is stored.
        let stored = try world.database.testWriter.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE id = ?", arguments: [issued.invitation.id])
        }
        #expect((stored?["token_hash"] as Data?)?.count == 32)
        #expect(!(stored?.description.contains(issued.token) ?? true))

        let preview = try await invitations.preview(token: issued.token)
        #expect(preview.organizationName == enterprise.name && preview.role == .orgMember)
        let user = try await invitations.accept(
            InvitationAcceptance(token: issued.token, username: "chen.jing", password: "river stone lantern 7"),
            requestID: "t")
        #expect(user.organizationId == enterprise.id && user.role == .orgMember && user.displayName == "陈静")
        _ = try await world.auth.login(username: "chen.jing", password: "river stone lantern 7", requestID: "t")

        // The token works once.
        await #expect(throws: DomainError.self) {
            _ = try await invitations.accept(
                InvitationAcceptance(token: issued.token, username: "chen.jing2", password: "river stone lantern 8"),
                requestID: "t")
        }
        let listed = try await invitations.list(in: enterprise.id, by: actor)
        #expect(listed.first?.status == .accepted && listed.first?.userId == user.id)
    }

    @Test func expiredAndRevokedInvitationsAreRefused() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let actor = try await admin(world, enterprise, "xn.admin")
        let invitations = InvitationService(database: world.database, passwords: world.passwords)
        let first = try await invitations.invite(
            in: enterprise.id, NewInvitation(email: "a@example.cn", displayName: "A", role: .orgMember), by: actor)
        let second = try await invitations.invite(
            in: enterprise.id, NewInvitation(email: "b@example.cn", displayName: "B", role: .expert), by: actor)
        let revoked = try await invitations.revoke(second.invitation.id, by: actor)
        #expect(revoked.status == .revoked)
        try await expectCode("invitation_not_pending") {
            _ = try await invitations.accept(
                InvitationAcceptance(token: second.token, username: "bee.user", password: "river stone lantern 7"),
                requestID: "t")
        }
        world.clock.advance(by: 72 * 3_600 + 1)
        try await expectCode("invitation_expired") {
            _ = try await invitations.accept(
                InvitationAcceptance(token: first.token, username: "aye.user", password: "river stone lantern 7"),
                requestID: "t")
        }
        try await expectCode("invitation_not_found") { _ = try await invitations.preview(token: "inv_guess") }
        #expect(try world.count("users") == 1)
    }

    @Test func onlyTheOrganisationsAdministratorsInviteAndNeverAboveTheirRole() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let other = try await world.organization(.enterprise, .wuhan)
        let invitations = InvitationService(database: world.database, passwords: world.passwords)
        let input = { (role: Role) in NewInvitation(email: "x@example.cn", displayName: "X", role: role) }
        // Another organisation's administrator, a member of this one.
        await #expect(throws: DomainError.forbidden) {
            _ = try await invitations.invite(
                in: enterprise.id, input(.orgMember), by: world.actor(.orgAdmin, in: other))
        }
        await #expect(throws: DomainError.forbidden) {
            _ = try await invitations.invite(
                in: enterprise.id, input(.orgMember), by: world.actor(.orgMember, in: enterprise))
        }
        let admin = world.actor(.orgAdmin, in: enterprise)
        _ = try await invitations.invite(in: enterprise.id, input(.orgAdmin), by: admin)
        for role in [Role.platformAdmin, .cityAdmin, .auditor] {
            try await expectCode("role_not_grantable") {
                _ = try await invitations.invite(in: enterprise.id, input(role), by: admin)
            }
        }
        try await expectCode("control_characters") {
            _ = try await invitations.invite(
                in: enterprise.id, NewInvitation(email: "x@y.cn\r\nBcc: z@w.cn", displayName: "X", role: .orgMember),
                by: admin)
        }
        try await expectCode("control_characters") {
            _ = try await invitations.invite(
                in: enterprise.id, NewInvitation(email: "x@y.cn", displayName: "X\u{7}", role: .orgMember), by: admin)
        }
    }

    @Test func sixtyFourConcurrentAcceptsMakeExactlyOneUser() async throws {
        let world = try World()
        let enterprise = try await world.organization(.enterprise, .xianning)
        let invitations = InvitationService(database: world.database, passwords: world.passwords)
        let issued = try await invitations.invite(
            in: enterprise.id, NewInvitation(email: "race@example.cn", displayName: "R", role: .orgMember),
            by: world.actor(.orgAdmin, in: enterprise))
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    (try? await invitations.accept(
                        InvitationAcceptance(
                            token: issued.token, username: "racer\(index)", password: "river stone lantern 7"),
                        requestID: "t")) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
        #expect(try world.count("users") == 1)
    }
}

func expectCode(
    _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
)
    async throws
{
    do {
        try await body()
        Issue.record("expected \(code)", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.code == code, sourceLocation: sourceLocation)
    }
}
