import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The signed-in person's organisation as the platform holds it (name, kind, city, credit code,
/// certified attributes, park, contact), and for its administrators the form that corrects the
/// contact details and park — through `OrganizationService` as `GET`/`PATCH /v1/organizations/{id}`.
/// The name and attributes change only through registration and certification.
struct OrganizationProfilePages {
    let site: Site

    struct Profile: Sendable {
        var name: String
        var kind: String
        var city: String
        var creditCode: String
        var park: String
        var attributes: String
        var contactName: String
        var contactPhone: String
        var contactEmail: String
        var contactAddress: String
        var canEdit: Bool
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
    }

    static let fields = ["contactName", "contactPhone", "contactEmail", "contactAddress", "park"]

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("organization") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"] != nil
                return try await page(visit, notice: done ? visit.text("organization.saved") : nil)
            }
        }
        console.post("organization") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                var typed: [String: String] = [:]
                for key in Self.fields { typed[key] = form[key] ?? "" }
                func blankIsNil(_ key: String) -> String? {
                    let value = typed[key]?.trimmingCharacters(in: .whitespaces) ?? ""
                    return value.isEmpty ? nil : value
                }
                let patch = OrganizationPatch(
                    contact: Organization.Contact(
                        name: blankIsNil("contactName"), phone: blankIsNil("contactPhone"),
                        email: blankIsNil("contactEmail"), address: blankIsNil("contactAddress")),
                    park: .some(blankIsNil("park")))
                do {
                    _ = try await site.services.organizations.update(principal.organizationID, patch, by: actor)
                    return site.redirect("/console/organization?done=1")
                } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
                    return try await page(
                        visit, notice: nil, failure: FormErrors.context(error, visit), typed: typed,
                        status: .unprocessableContent)
                }
            }
        }
    }

    func page(
        _ visit: Visit, notice: String?, failure: FormFailure? = nil, typed: [String: String]? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        let organization = try await site.services.organizations.get(principal.organizationID, by: actor)
        let attributes = organization.attributes
        let held = [
            attributes.highTech ? visit.text("organization.highTech") : nil,
            attributes.techSME ? visit.text("organization.techSME") : nil,
            attributes.specialized ? visit.text("organization.specialized") : nil,
        ].compactMap { $0 }
        let contact = organization.contact
        let profile = Profile(
            name: organization.name, kind: visit.text("reg.kind.\(organization.kind.rawValue)"),
            city: visit.language == .zh ? organization.city.nameZh : organization.city.nameEn,
            creditCode: organization.creditCode, park: typed?["park"] ?? organization.park ?? "",
            attributes: held.isEmpty ? "—" : held.joined(separator: " · "),
            contactName: typed?["contactName"] ?? contact.name ?? "",
            contactPhone: typed?["contactPhone"] ?? contact.phone ?? "",
            contactEmail: typed?["contactEmail"] ?? contact.email ?? "",
            contactAddress: typed?["contactAddress"] ?? contact.address ?? "",
            canEdit: Authorization.allows(actor, .organizationUpdate, on: organization.accessTarget), notice: notice,
            formError: failure?.formError, errors: failure?.errors)
        return site.page(
            visit, template: "organization", title: visit.text("organization.title"), profile, status: status)
    }
}
