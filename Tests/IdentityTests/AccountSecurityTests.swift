import Foundation
import GRDB
import Identity
import Kernel
@_spi(Testing) import Store
import Testing

/// Password rules, password resets, one-time passwords and one's own sessions (issue 18).
struct AccountSecurityTests {
    @Test(arguments: [
        ("short", "password_too_short"), ("1234567890", "password_too_common"),
        ("Qwertyuiop", "password_too_common"), ("Password 123", "password_too_common"),
        ("my li.ming secret", "password_contains_username"), ("LI.MING forever 9", "password_contains_username"),
    ])
    func passwordsThatAreShortCommonOrTheUsernameAreRefused(_ password: String, _ code: String) throws {
        do {
            try Passwords.validate(password, username: "li.ming", organizationName: "咸宁光电")
            Issue.record("accepted \(password)")
        } catch let error as DomainError {
            #expect(error.code == code)
        }
    }

    @Test func passwordsContainingTheOrganisationsNameAreRefused() throws {
        #expect(throws: DomainError.self) {
            try Passwords.validate("咸宁 光电 2026 好", username: "li.ming", organizationName: "咸宁光电")
        }
        try Passwords.validate("river stone lantern 7", username: "li.ming", organizationName: "咸宁光电")
    }

    /// A user with an e-mail address (through an accepted invitation) and an open session.
    func invited(_ world: World, username: String = "chen.jing") async throws -> (User, String) {
        let enterprise = try await world.organization(.enterprise, .xianning)
        let invitations = InvitationService(database: world.database, passwords: world.passwords)
        let issued = try await invitations.invite(
            in: enterprise.id, NewInvitation(email: "\(username)@example.cn", displayName: "陈静", role: .orgMember),
            by: world.actor(.orgAdmin, in: enterprise))
        let user = try await invitations.accept(
            InvitationAcceptance(token: issued.token, username: username, password: "river stone lantern 7"),
            requestID: "t")
        let session = try await world.auth.login(username: username, password: "river stone lantern 7", requestID: "t")
        return (user, session.token)
    }

    @Test func aResetSetsThePasswordOnceAndEndsEverySessionAndToken() async throws {
        let world = try World()
        let (user, session) = try await invited(world)
        // An API token of the user's (issued as by an administrator's rights, for the test).
        let enterprise = try await world.organization(.enterprise, .xianning)
        let apiToken = try await world.auth.issueAPIToken(
            NewAPIToken(name: "erp"), by: world.actor(.orgAdmin, in: enterprise, user: user.id))
        let issued = try #require(
            try await world.auth.requestPasswordReset(identifier: "Chen.Jing@example.cn", requestID: "t"))
        #expect(issued.userId == user.id && issued.token.hasPrefix("rst_"))
        let revoked = try await world.auth.completePasswordReset(
            token: issued.token, newPassword: "meadow copper violin 4", requestID: "t")
        #expect(revoked.revokedTokens == 2)
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(session) }
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(apiToken.token) }
        _ = try await world.auth.login(username: "chen.jing", password: "meadow copper violin 4", requestID: "t")
        // Replay after use, and an expired one.
        try await expectCode("reset_token_invalid") {
            _ = try await world.auth.completePasswordReset(
                token: issued.token, newPassword: "another quiet harbour 5", requestID: "t")
        }
        let late = try #require(try await world.auth.requestPasswordReset(identifier: "chen.jing", requestID: "t"))
        world.clock.advance(by: 3_601)
        try await expectCode("reset_token_invalid") {
            _ = try await world.auth.completePasswordReset(
                token: late.token, newPassword: "another quiet harbour 5", requestID: "t")
        }
    }

    @Test func unknownAccountsGetTheSameAnswerAndRequestsAreThrottled() async throws {
        let world = try World()
        _ = try await invited(world)
        #expect(try await world.auth.requestPasswordReset(identifier: "nobody@example.cn", requestID: "t") == nil)
        #expect(try await world.auth.requestPasswordReset(identifier: "=cmd|' /C calc'!A0", requestID: "t") == nil)
        #expect(try world.count("password_resets") == 0)
        var throttled = false
        for _ in 0..<8 {
            do {
                _ = try await world.auth.requestPasswordReset(identifier: "chen.jing", requestID: "t")
            } catch let error as DomainError {
                #expect(error.code == "reset_throttled")
                throttled = true
            }
        }
        #expect(throttled)
    }

    /// Turns TOTP on for the session's user; returns the base32 secret and the recovery codes.
    func turnOn(_ world: World, _ session: String) async throws -> (String, [String]) {
        let principal = try await world.verifier.verify(session)
        let enrollment = try await world.auth.startTOTP(principal, requestID: "t")
        #expect(enrollment.uri.hasPrefix("otpauth://totp/Corridor:") && enrollment.uri.contains(enrollment.secret))
        let codes = try await world.auth.confirmTOTP(
            principal, code: AuthenticatorApp.code(enrollment.secret, at: world.clock.now()), requestID: "t")
        return (enrollment.secret, codes.codes)
    }

    @Test func withTOTPOnSignInNeedsAFreshCodeOrARecoveryCodeOnce() async throws {
        let world = try World()
        let (_, session) = try await invited(world)
        let (secret, recovery) = try await turnOn(world, session)
        #expect(recovery.count == 10 && Set(recovery).count == 10)
        // The secret is stored sealed, not in the clear.
        let sealed = try await world.database.testWriter.read { db in
            try Data.fetchOne(db, sql: "SELECT sealed_secret FROM totp_credentials")
        }
        #expect(sealed != nil && sealed != Data(AuthenticatorApp.secretBytes(secret)))

        try await expectCode("totp_code_required") {
            _ = try await world.auth.login(username: "chen.jing", password: "river stone lantern 7", requestID: "t")
        }
        // The code that confirmed is spent; the next step's works once.
        try await expectCode("totp_code_wrong") {
            _ = try await world.auth.login(
                username: "chen.jing", password: "river stone lantern 7",
                code: AuthenticatorApp.code(secret, at: world.clock.now()), requestID: "t")
        }
        world.clock.advance(by: 30)
        let code = AuthenticatorApp.code(secret, at: world.clock.now())
        _ = try await world.auth.login(
            username: "chen.jing", password: "river stone lantern 7", code: code, requestID: "t")
        try await expectCode("totp_code_wrong") {
            _ = try await world.auth.login(
                username: "chen.jing", password: "river stone lantern 7", code: code, requestID: "t")
        }
        _ = try await world.auth.login(
            username: "chen.jing", password: "river stone lantern 7", code: recovery[3].uppercased(), requestID: "t")
        try await expectCode("totp_code_wrong") {
            _ = try await world.auth.login(
                username: "chen.jing", password: "river stone lantern 7", code: recovery[3], requestID: "t")
        }
        let status = try await world.auth.totpStatus(try await world.verifier.verify(session))
        #expect(status.enabled && status.recoveryCodesLeft == 9)
    }

    @Test func sixtyFourConcurrentSignInsWithOneCodeLetOneIn() async throws {
        let world = try World()
        let (_, session) = try await invited(world)
        let (secret, _) = try await turnOn(world, session)
        world.clock.advance(by: 30)
        let code = AuthenticatorApp.code(secret, at: world.clock.now())
        let auth = world.auth
        let successes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    (try? await auth.login(
                        username: "chen.jing", password: "river stone lantern 7", code: code, requestID: "t",
                        address: "10.0.0.\(index)")) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
    }

    @Test func turningTOTPOffNeedsThePasswordAndACode() async throws {
        let world = try World()
        let (_, session) = try await invited(world)
        let (secret, recovery) = try await turnOn(world, session)
        let principal = try await world.verifier.verify(session)
        try await expectCode("current_password_wrong") {
            try await world.auth.disableTOTP(
                principal, password: "guess guess guess", code: recovery[0], requestID: "t")
        }
        try await expectCode("totp_code_wrong") {
            try await world.auth.disableTOTP(
                principal, password: "river stone lantern 7", code: "000000", requestID: "t")
        }
        world.clock.advance(by: 30)
        try await world.auth.disableTOTP(
            principal, password: "river stone lantern 7", code: AuthenticatorApp.code(secret, at: world.clock.now()),
            requestID: "t")
        _ = try await world.auth.login(username: "chen.jing", password: "river stone lantern 7", requestID: "t")
    }

    @Test func staffWithoutTOTPGetAnEnrolOnlySessionUntilTheyConfirm() async throws {
        let world = try World()
        let auth = AuthService(
            database: world.database, passwords: world.passwords, verifier: world.verifier, sessionLifetime: 3_600,
            security: AccountSecuritySettings(requireTOTPForStaff: true))
        let bureau = try await world.organization(.government, .xianning)
        _ = try await world.users.create(
            in: bureau.id,
            NewUser(username: "xn.city", displayName: "咸宁", role: .cityAdmin, password: "river stone lantern 7"),
            by: world.system)
        let issued = try await auth.login(username: "xn.city", password: "river stone lantern 7", requestID: "t")
        #expect(issued.totpEnrollmentRequired == true)
        var principal = try await world.verifier.verify(issued.token)
        #expect(principal.enrollOnly)
        let enrollment = try await auth.startTOTP(principal, requestID: "t")
        _ = try await auth.confirmTOTP(
            principal, code: AuthenticatorApp.code(enrollment.secret, at: world.clock.now()), requestID: "t")
        principal = try await world.verifier.verify(issued.token)
        #expect(!principal.enrollOnly)
        // Staff who must use it cannot turn it off.
        try await expectCode("totp_mandatory") {
            try await auth.disableTOTP(principal, password: "river stone lantern 7", code: "123456", requestID: "t")
        }
        // A member is not staff: a full session without TOTP.
        let (_, member) = try await invited(world)
        #expect(try await world.verifier.verify(member).enrollOnly == false)
    }

    @Test func usersListAndRevokeTheirOwnSessionsOnly() async throws {
        let world = try World()
        let (_, first) = try await invited(world)
        let second = try await world.auth.login(
            username: "chen.jing", password: "river stone lantern 7", requestID: "t")
        let principal = try await world.verifier.verify(first)
        let own = try await world.auth.ownTokens(principal)
        #expect(own.count == 2 && own.filter(\.current).map(\.id) == [principal.tokenID])
        let (_, stranger) = try await invited(world, username: "wang.lei")
        let strangerPrincipal = try await world.verifier.verify(stranger)
        try await expectCode("token_not_found") {
            try await world.auth.revokeOwnToken(strangerPrincipal, id: second.id, requestID: "t")
        }
        try await world.auth.revokeOwnToken(principal, id: second.id, requestID: "t")
        await #expect(throws: DomainError.unauthenticated) { _ = try await world.verifier.verify(second.token) }
        try await expectCode("token_already_revoked") {
            try await world.auth.revokeOwnToken(principal, id: second.id, requestID: "t")
        }
    }
}
