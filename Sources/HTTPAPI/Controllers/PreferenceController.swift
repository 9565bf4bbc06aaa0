import Hummingbird
import Identity
import Kernel
import Notifications
import Platform

/// Notification preferences (issue 17): a person's own per category of events, and their
/// organisation's defaults, set by its administrators.
struct PreferenceController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("notifications/preferences", use: own)
        group.put("notifications/preferences", use: setOwn)
        group.get("organizations/:id/notification-defaults", use: defaults)
        group.put("organizations/:id/notification-defaults", use: setDefaults)
    }

    func organizationID(_ context: AppRequestContext) throws -> Int64 {
        try context.id(resource: "organization", zh: "机构")
    }

    @Sendable func own(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await services.preferences.effective(
            for: try context.requirePrincipal().actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.NotificationPreferences(found))
    }

    @Sendable func setOwn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NotificationPreferencesUpdate.self, from: request, context: context)
        let set = try await services.preferences.setOwn(wire.items.map(PreferenceChoice.init), by: actor)
        return try JSON.response(Components.Schemas.NotificationPreferences(set))
    }

    @Sendable func defaults(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await services.preferences.organizationDefaults(
            try organizationID(context), by: try context.requirePrincipal().actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.NotificationPreferences(found))
    }

    @Sendable func setDefaults(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organization = try organizationID(context)
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NotificationPreferencesUpdate.self, from: request, context: context)
        let set = try await services.preferences.setOrganizationDefaults(
            organization, wire.items.map(PreferenceChoice.init), by: actor)
        return try JSON.response(Components.Schemas.NotificationPreferences(set))
    }
}
