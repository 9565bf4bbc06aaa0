import Hummingbird
import Identity
import Kernel
import Platform

/// Invitations, password resets, one-time passwords and one's own sessions (issue 18).
struct AccountController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("organizations/:id/invitations", use: invite)
        group.get("organizations/:id/invitations", use: listInvitations)
        group.post("invitations/:id/revoke", use: revokeInvitation)
        group.post("invitations/preview", use: previewInvitation)
        group.post("invitations/accept", use: acceptInvitation)
        group.post("auth/password-reset", use: requestReset)
        group.post("auth/password-reset/complete", use: completeReset)
        group.get("me/totp", use: totpStatus)
        group.post("me/totp/start", use: startTOTP)
        group.post("me/totp/confirm", use: confirmTOTP)
        group.post("me/totp/disable", use: disableTOTP)
        group.get("me/tokens", use: ownTokens)
        group.delete("me/tokens/:id", use: revokeOwnToken)
    }

    static let noStore: HTTPFields = [.cacheControl: "no-store"]

    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "organization", zh: "机构")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewInvitation.self, from: request, context: context)
        let issued = try await services.invitations.invite(in: id, NewInvitation(input), by: actor)
        var mailed = false
        if issued.alreadyShown != true, services.accountMail.sends {
            let organization = try await services.organizations.get(id, by: actor)
            mailed = await services.accountMail.sendInvitation(issued, organization: organization.name)
        }
        return try JSON.response(
            Components.Schemas.IssuedInvitation(issued, mailed: mailed), status: .created, headers: Self.noStore)
    }

    @Sendable func listInvitations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let invitations = try await services.invitations.list(in: id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.InvitationList(items: invitations.map { .init($0) }))
    }

    @Sendable func revokeInvitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "invitation", zh: "邀请")
        let invitation = try await services.invitations.revoke(id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.Invitation(invitation))
    }

    @Sendable func previewInvitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.InvitationToken.self, from: request)
        let preview = try await services.invitations.preview(token: input.token)
        return try JSON.response(Components.Schemas.InvitationPreview(preview), headers: Self.noStore)
    }

    @Sendable func acceptInvitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.InvitationAcceptance.self, from: request)
        let user = try await services.invitations.accept(
            InvitationAcceptance(token: input.token, username: input.username, password: input.password),
            requestID: context.requestID)
        return try JSON.response(Components.Schemas.User(user), status: .created, headers: Self.noStore)
    }

    /// The same answer whether or not the account exists; the link goes only to its address.
    @Sendable func requestReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.PasswordResetRequest.self, from: request)
        if let issued = try await services.auth.requestPasswordReset(
            identifier: input.identifier, requestID: context.requestID)
        {
            await services.accountMail.sendReset(issued)
        }
        return try JSON.response(Components.Schemas.ResetRequested(accepted: true), status: .accepted)
    }

    @Sendable func completeReset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.PasswordResetCompletion.self, from: request)
        let revoked = try await services.auth.completePasswordReset(
            token: input.token, newPassword: input.newPassword, requestID: context.requestID)
        return try JSON.response(Components.Schemas.SessionsRevoked(revoked))
    }

    @Sendable func totpStatus(_ request: Request, context: AppRequestContext) async throws -> Response {
        let status = try await services.auth.totpStatus(try context.requirePrincipal())
        return try JSON.response(
            Components.Schemas.TOTPStatus(
                enabled: status.enabled, enrollOnly: status.enrollOnly,
                recoveryCodesLeft: Int64(status.recoveryCodesLeft), required: status.required))
    }

    @Sendable func startTOTP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let enrollment = try await services.auth.startTOTP(principal, requestID: context.requestID)
        return try JSON.response(
            Components.Schemas.TOTPEnrollment(secret: enrollment.secret, uri: enrollment.uri), headers: Self.noStore)
    }

    @Sendable func confirmTOTP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await body.decode(Components.Schemas.TOTPCode.self, from: request)
        let codes = try await services.auth.confirmTOTP(principal, code: input.code, requestID: context.requestID)
        return try JSON.response(Components.Schemas.RecoveryCodes(codes: codes.codes), headers: Self.noStore)
    }

    @Sendable func disableTOTP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await body.decode(Components.Schemas.TOTPDisable.self, from: request)
        try await services.auth.disableTOTP(
            principal, password: input.password, code: input.code, requestID: context.requestID)
        return Response(status: .noContent)
    }

    @Sendable func ownTokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        let tokens = try await services.auth.ownTokens(try context.requirePrincipal())
        return try JSON.response(Components.Schemas.OwnTokenList(items: tokens.map { .init($0) }))
    }

    @Sendable func revokeOwnToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "token", zh: "令牌")
        try await services.auth.revokeOwnToken(principal, id: id, requestID: context.requestID)
        return Response(status: .noContent)
    }
}
