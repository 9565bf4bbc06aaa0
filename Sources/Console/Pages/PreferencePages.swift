import Foundation
import Hummingbird
import Identity
import Kernel
import Notifications
import Platform

/// Notification preferences in the console (issue 17): each person chooses, per category of
/// events, the channels and whether at once or in the daily digest; an organisation's
/// administrator also sets the defaults its people start from.
struct PreferencePages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("notifications/preferences") { request, context in
            await site.handle(request, context) { visit in
                try await page(
                    visit, notice: request.uri.queryParameters["done"] != nil ? visit.text("preferences.saved") : nil)
            }
        }
        console.post("notifications/preferences") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.preferences.setOwn(PreferenceRow.choices(form), by: actor)
                    return site.redirect("/console/notifications/preferences?done=1")
                } form: { failure, status in
                    try await page(visit, formError: failure.formError, status: status)
                }
            }
        }
        console.post("notifications/defaults") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    _ = try await site.services.preferences.setOrganizationDefaults(
                        principal.organizationID, PreferenceRow.choices(form), by: actor)
                    return site.redirect("/console/notifications/preferences?done=1")
                } form: { failure, status in
                    try await page(visit, formError: failure.formError, status: status)
                }
            }
        }
    }

    func page(
        _ visit: Visit, notice: String? = nil, formError: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        let own = try await site.services.preferences.effective(for: actor)
        var defaults: [PreferenceRow] = []
        var showDefaults = false
        if Authorization.allows(
            actor, .notificationDefaults, on: AccessTarget(organizationID: principal.organizationID, city: nil))
        {
            showDefaults = true
            defaults = try await site.services.preferences.organizationDefaults(principal.organizationID, by: actor)
                .map { PreferenceRow($0, visit: visit) }
        }
        let view = PreferencesView(
            notice: notice, formError: formError, own: own.map { PreferenceRow($0, visit: visit) },
            showDefaults: showDefaults,
            defaults: defaults)
        return site.page(
            visit, template: "notification-preferences", title: visit.text("preferences.title"), view, status: status)
    }
}
