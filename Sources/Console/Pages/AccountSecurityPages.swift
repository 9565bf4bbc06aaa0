import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// Invitations (for an organisation's administrators), accepting one (public), password reset
/// (public) and one's own security: one-time passwords, recovery codes, sessions (issue 18).
struct AccountSecurityPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("account/invitations") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["revoked"] != nil
                return try await invitationsPage(
                    visit, view: InvitationsView(notice: done ? visit.text("invite.revoked") : nil))
            }
        }
        console.post("account/invitations") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                var view = InvitationsView(email: form["email"] ?? "", displayName: form["displayName"] ?? "")
                view.selectedRole = form["role"].flatMap(Role.init(rawValue:)) ?? .orgMember
                return try await EnterpriseForms.attempt(visit) {
                    let input = NewInvitation(
                        email: form["email"] ?? "", displayName: form["displayName"] ?? "", role: view.selectedRole)
                    let issued = try await site.services.invitations.invite(
                        in: principal.organizationID, input, by: actor)
                    var shown = InvitationsView()
                    if site.services.accountMail.sends,
                        await site.services.accountMail.sendInvitation(
                            issued, organization: visit.organizationName ?? "")
                    {
                        shown.notice = visit.text("invite.mailed")
                    } else {
                        shown.link = AccountMailer.invitationPath(issued.token)
                    }
                    var response = try await invitationsPage(visit, view: shown)
                    response.headers[.cacheControl] = "no-store"
                    return response
                } form: { failure, status in
                    view.formError = failure.formError
                    view.errors = failure.errors
                    return try await invitationsPage(visit, view: view, status: status)
                }
            }
        }
        console.post("account/invitations/:id/revoke") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.invitations.revoke(id, by: actor)
                    return site.redirect("/console/account/invitations?revoked=1")
                } form: { failure, status in
                    var view = InvitationsView()
                    view.formError = failure.formError
                    return try await invitationsPage(visit, view: view, status: status)
                }
            }
        }
        console.get("invitation") { request, context in
            await site.handle(request, context) { visit in
                let token = request.uri.queryParameters["token"].map(String.init) ?? ""
                return try await acceptPage(visit, token: token)
            }
        }
        console.post("invitation") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let token = form["token"] ?? ""
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.invitations.accept(
                        InvitationAcceptance(
                            token: token, username: form["username"] ?? "", password: form["password"] ?? ""),
                        requestID: visit.requestID)
                    return site.redirect("/console/login?invited=1")
                } form: { failure, status in
                    try await acceptPage(
                        visit, token: token, username: form["username"] ?? "", failure: failure, status: status)
                }
            }
        }
        console.get("password-reset") { request, context in
            await site.handle(request, context) { visit in
                var view = ResetView()
                view.token = request.uri.queryParameters["token"].map(String.init)
                view.notice = request.uri.queryParameters["sent"] != nil ? visit.text("reset.sent") : nil
                return resetPage(visit, view)
            }
        }
        console.post("password-reset") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                do {
                    if let issued = try await site.services.auth.requestPasswordReset(
                        identifier: form["identifier"] ?? "", requestID: visit.requestID)
                    {
                        await site.services.accountMail.sendReset(issued)
                    }
                } catch let error as DomainError where error.kind == .tooManyRequests {
                    var view = ResetView()
                    view.formError = visit.language.message(error)
                    return resetPage(visit, view, status: .tooManyRequests)
                }
                return site.redirect("/console/password-reset?sent=1")
            }
        }
        console.post("password-reset/complete") { request, context in
            await site.handle(request, context) { visit in
                let form = try await site.form(request, visit)
                let token = form["token"] ?? ""
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.auth.completePasswordReset(
                        token: token, newPassword: form["newPassword"] ?? "", requestID: visit.requestID)
                    var response = site.redirect("/console/login?reset=1")
                    response.setCookie(site.cookie(Site.sessionCookie, "", maxAge: 0))
                    return response
                } form: { failure, status in
                    var view = ResetView()
                    view.token = token
                    view.formError = failure.formError
                    view.errors = failure.errors
                    return resetPage(visit, view, status: status)
                }
            }
        }
        console.get("account/security") { request, context in
            await site.handle(request, context) { visit in
                let notice = request.uri.queryParameters["done"].map { visit.text("security.\($0)") }
                return try await securityPage(visit, view: SecurityView(notice: notice))
            }
        }
        console.post("account/security/totp/start") { request, context in
            await site.handle(request, context) { visit in
                let (principal, _) = try visit.signedIn()
                _ = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    let enrollment = try await site.services.auth.startTOTP(principal, requestID: visit.requestID)
                    var view = SecurityView()
                    view.secret = enrollment.secret
                    view.uri = enrollment.uri
                    var response = try await securityPage(visit, view: view)
                    response.headers[.cacheControl] = "no-store"
                    return response
                } form: { failure, status in
                    try await securityPage(visit, view: SecurityView(formError: failure.formError), status: status)
                }
            }
        }
        console.post("account/security/totp/confirm") { request, context in
            await site.handle(request, context) { visit in
                let (principal, _) = try visit.signedIn()
                let form = try await site.form(request, visit)
                do {
                    let codes = try await site.services.auth.confirmTOTP(
                        principal, code: form["code"] ?? "", requestID: visit.requestID)
                    var view = SecurityView()
                    view.recovery = codes.codes
                    // The session is no longer enrol-only: read it afresh.
                    var fresh = visit
                    fresh.principal?.enrollOnly = false
                    var response = try await securityPage(fresh, view: view)
                    response.headers[.cacheControl] = "no-store"
                    return response
                } catch let error as DomainError
                    where [.unauthenticated, .conflict, .tooManyRequests].contains(error.kind)
                {
                    // A wrong code: start again with a new secret (the shown one is not kept).
                    var view = SecurityView(formError: visit.language.message(error))
                    view.errors = FieldErrors(field: "code", message: visit.language.message(error))
                    return try await securityPage(visit, view: view, status: .unprocessableContent)
                }
            }
        }
        console.post("account/security/totp/disable") { request, context in
            await site.handle(request, context) { visit in
                let (principal, _) = try visit.signedIn()
                let form = try await site.form(request, visit)
                do {
                    try await site.services.auth.disableTOTP(
                        principal, password: form["password"] ?? "", code: form["code"] ?? "",
                        requestID: visit.requestID)
                    return site.redirect("/console/account/security?done=disabled")
                } catch let error as DomainError
                    where [.unauthenticated, .conflict, .forbidden, .invalid, .tooManyRequests].contains(error.kind)
                {
                    return try await securityPage(
                        visit, view: SecurityView(formError: visit.language.message(error)),
                        status: .unprocessableContent)
                }
            }
        }
        console.post("account/security/tokens/:id/revoke") { request, context in
            await site.handle(request, context) { visit in
                let (principal, _) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await EnterpriseForms.attempt(visit) {
                    try await site.services.auth.revokeOwnToken(principal, id: id, requestID: visit.requestID)
                    return site.redirect("/console/account/security?done=revoked")
                } form: { failure, status in
                    try await securityPage(visit, view: SecurityView(formError: failure.formError), status: status)
                }
            }
        }
    }

    // MARK: invitations

    struct InvitationsView: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var link: String?
        var email = ""
        var displayName = ""
        var selectedRole: Role = .orgMember
        var roles: [RoleOption] = []
        var invitations: [InvitationRow] = []
    }

    struct RoleOption: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct InvitationRow: Sendable {
        let id: Int64
        let displayName: String
        let email: String
        let role: String
        let status: String
        let expires: String
        let pending: Bool
    }

    func invitationsPage(
        _ visit: Visit, view: InvitationsView, status: HTTPResponse.Status = .ok
    ) async throws
        -> Response
    {
        let (principal, actor) = try visit.signedIn()
        var view = view
        let invitations = try await site.services.invitations.list(in: principal.organizationID, by: actor)
        let grantable = Role.allCases.filter { role in
            principal.role.grantableRoles.contains(role)
                && (visit.organizationKind.map { role.allowedOrganizationKinds.contains($0) } ?? true)
        }
        view.roles = grantable.map {
            RoleOption(value: $0.rawValue, label: visit.text("role.\($0.rawValue)"), selected: $0 == view.selectedRole)
        }
        view.invitations = invitations.map {
            InvitationRow(
                id: $0.id, displayName: $0.displayName, email: $0.email, role: visit.text("role.\($0.role.rawValue)"),
                status: visit.text("invite.status.\($0.status.rawValue)"), expires: Display.dateTime($0.expiresAt),
                pending: $0.status == .pending)
        }
        return site.page(visit, template: "invitations", title: visit.text("invite.title"), view, status: status)
    }

    // MARK: accepting an invitation

    struct AcceptView: Sendable {
        var formError: String?
        var errors: FieldErrors?
        var token: String
        var organization: String
        var displayName: String
        var role: String
        var username: String
    }

    func acceptPage(
        _ visit: Visit, token: String, username: String = "", failure: FormFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let preview = try await site.services.invitations.preview(token: token)
        let view = AcceptView(
            formError: failure?.formError, errors: failure?.errors, token: token,
            organization: preview.organizationName, displayName: preview.displayName,
            role: visit.text("role.\(preview.role.rawValue)"), username: username)
        var response = site.page(
            visit, template: "invitation-accept", title: visit.text("accept.title"), view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: password reset

    struct ResetView: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var token: String?
    }

    func resetPage(_ visit: Visit, _ view: ResetView, status: HTTPResponse.Status = .ok) -> Response {
        var response = site.page(
            visit, template: "password-reset", title: visit.text("reset.title"), view, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    // MARK: one's own security

    struct SecurityView: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var username = ""
        var enabled = false
        var required = false
        var mandatory = false
        var enrollOnly = false
        var recoveryLeft = 0
        var secret: String?
        var secretGroups: String?
        var uri: String?
        var recovery: [String] = []
        var hasRecovery = false
        var tokens: [TokenRow] = []
    }

    struct TokenRow: Sendable {
        let id: Int64
        let kind: String
        let name: String?
        let created: String
        let expires: String
        let current: Bool
    }

    func securityPage(_ visit: Visit, view: SecurityView, status: HTTPResponse.Status = .ok) async throws -> Response {
        let (principal, _) = try visit.signedIn()
        var view = view
        let totp = try await site.services.auth.totpStatus(principal)
        view.username = principal.username
        view.enabled = totp.enabled
        view.required = totp.required && !totp.enabled
        view.mandatory = totp.required
        view.enrollOnly = principal.enrollOnly
        view.recoveryLeft = totp.recoveryCodesLeft
        view.hasRecovery = !view.recovery.isEmpty
        view.secretGroups = view.secret.map { secret in
            stride(from: 0, to: secret.count, by: 4).map { offset in
                let start = secret.index(secret.startIndex, offsetBy: offset)
                return String(secret[start..<secret.index(start, offsetBy: min(4, secret.count - offset))])
            }.joined(separator: " ")
        }
        if !principal.enrollOnly {
            view.tokens = try await site.services.auth.ownTokens(principal).map {
                TokenRow(
                    id: $0.id, kind: visit.text("security.kind.\($0.kind.rawValue)"), name: $0.name,
                    created: Display.dateTime($0.createdAt), expires: Display.dateTime($0.expiresAt),
                    current: $0.current)
            }
        }
        return site.page(visit, template: "account-security", title: visit.text("security.title"), view, status: status)
    }
}
