import Hummingbird
import Identity
import Kernel
import Platform

/// Sign-in and sign-out, the signed-in user, and API tokens for systems.
struct AuthController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("auth/login", use: login)
        group.post("auth/logout", use: logout)
        group.get("me", use: me)
        group.post("me/password", use: changePassword)
        group.post("users/:id/disable", use: disableUser)
        group.get("organizations/:id/sign-in-alerts", use: signInAlerts)
        group.post("tokens", use: createToken)
        group.get("tokens", use: listTokens)
        group.delete("tokens/:id", use: revokeToken)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await body.decode(Components.Schemas.Login.self, from: request)
        let issued = try await services.auth.login(
            username: input.username, password: input.password, code: input.code, requestID: context.requestID)
        return try JSON.response(Components.Schemas.IssuedToken(issued), headers: [.cacheControl: "no-store"])
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try await services.auth.logout(principal, requestID: context.requestID)
        return Response(status: .noContent)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = PasswordChange(try await body.decode(Components.Schemas.PasswordChange.self, from: request))
        let revoked = try await services.auth.changePassword(principal, input, requestID: context.requestID)
        return try JSON.response(Components.Schemas.SessionsRevoked(revoked))
    }

    @Sendable func disableUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "user", zh: "用户")
        let revoked = try await services.auth.disable(userID: id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.SessionsRevoked(revoked))
    }

    @Sendable func signInAlerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "organization", zh: "机构")
        let alerts = try await services.auth.signInAlerts(
            organizationID: id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.SignInAlertList(alerts))
    }

    @Sendable func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(Components.Schemas.Me(try await services.auth.me(try context.requirePrincipal())))
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewAPIToken.self, from: request, context: context)
        let issued = try await services.auth.issueAPIToken(NewAPIToken(input), by: actor)
        return try JSON.response(
            Components.Schemas.IssuedToken(issued), status: .created, headers: [.cacheControl: "no-store"])
    }

    @Sendable func listTokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = Query(request)
        let organizationID = try query.int64("organizationId") ?? principal.organizationID
        let page = try await services.auth.listAPITokens(
            organizationID: organizationID, page: try query.page(), by: principal.actor(requestID: context.requestID)
        )
        return try JSON.response(PageBody(Components.Schemas.APITokenPage(page)))
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "token", zh: "令牌")
        try await services.auth.revokeAPIToken(id, by: principal.actor(requestID: context.requestID))
        return Response(status: .noContent)
    }
}
