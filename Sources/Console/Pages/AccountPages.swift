import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The signed-in person's own account: change the password (every other session ends), and for
/// an organisation's administrator, the accounts of the organisation locked after repeated
/// failed sign-ins (with the address the guesses came from).
struct AccountPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("account") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"] != nil
                return try await page(visit, notice: done ? visit.text("account.changed") : nil)
            }
        }
        console.post("account/users/:id/disable") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.auth.disable(userID: id, by: actor)
                    return site.redirect("/console/account?done=1")
                } form: { failure, status in
                    try await page(visit, failure: failure, status: status)
                }
            }
        }
        console.post("account/password") { request, context in
            await site.handle(request, context) { visit in
                let (principal, _) = try visit.signedIn()
                let form = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    let change = PasswordChange(
                        currentPassword: form["currentPassword"] ?? "", newPassword: form["newPassword"] ?? "")
                    _ = try await site.services.auth.changePassword(principal, change, requestID: visit.requestID)
                    return site.redirect("/console/account?done=1")
                } form: { failure, status in
                    try await page(visit, failure: failure, status: status)
                }
            }
        }
    }

    /// The account page (account.mustache).
    struct View: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var username: String
        var showAlerts = false
        var alerts: [Alert] = []
        var showUsers = false
        var users: [User] = []
    }

    /// An account locked after failed sign-ins.
    struct Alert: Sendable {
        let username: String
        let address: String
        let minutes: Int64
        let at: String
    }

    /// A user of the organisation, for the administrator.
    struct User: Sendable {
        let id: Int64
        let username: String
        let displayName: String
        let role: String
        let disabled: Bool
        let canDisable: Bool
    }

    func page(
        _ visit: Visit, notice: String? = nil, failure: FormFailure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        var context = View(
            notice: notice, formError: failure?.formError, errors: failure?.errors, username: principal.username)
        if Authorization.allows(
            actor, .userList, on: AccessTarget(organizationID: principal.organizationID, city: principal.city))
        {
            let alerts = try await site.services.auth.signInAlerts(organizationID: principal.organizationID, by: actor)
            context.showAlerts = true
            context.alerts = alerts.map { alert in
                Alert(
                    username: alert.username, address: alert.address ?? "—",
                    minutes: max(1, alert.lockedSeconds / 60), at: Display.dateTime(alert.at))
            }
        }
        let own = AccessTarget(organizationID: principal.organizationID, city: principal.city)
        if Authorization.allows(actor, .userDisable, on: own) {
            let users = try await site.services.users.list(
                in: principal.organizationID, page: PageRequest(limit: 100), by: actor
            ).items
            context.showUsers = true
            context.users = users.map { user in
                User(
                    id: user.id, username: user.username, displayName: user.displayName,
                    role: visit.text("account.role.\(user.role.rawValue)"),
                    disabled: user.disabledAt != nil,
                    canDisable: user.disabledAt == nil && user.id != principal.userID
                        && (actor.role == .platformAdmin || (actor.role?.grantableRoles.contains(user.role) ?? false)))
            }
        }
        return site.page(visit, template: "account", title: visit.text("account.title"), context, status: status)
    }
}
