import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The enterprise's certified attributes: what its city verified and until when, its pending
/// requests, and the form to ask for a verification (with the certificate).
struct EnterpriseCertificationPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("certifications") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try EnterprisePages.enterprise(visit, .certificationRequest)
                let done = request.uri.queryParameters["done"] != nil
                return try await page(visit, actor, View(notice: done ? visit.text("cert.requested") : nil))
            }
        }
        console.post("certifications") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try EnterprisePages.enterprise(visit, .certificationRequest)
                let form = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    guard let attribute = form["attribute"].flatMap(Certification.Attribute.init(rawValue:)) else {
                        throw CityInput.unreadable("attribute", zh: "请选择资质", en: "Choose an attribute")
                    }
                    let validUntil = try form["validUntil"].flatMap {
                        $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0
                    }
                    .map { try CityInput.endOfDay($0, field: "validUntil") }
                    let input = NewCertification(
                        attribute: attribute, holds: attribute == .revenueBand ? nil : form["holds"] != "no",
                        revenueBand: form["revenueBand"].flatMap(RevenueBand.init(rawValue:)),
                        certificateNumber: form.text("certificateNumber"),
                        validUntil: validUntil
                    )
                    _ = try await site.services.certifications.request(principal.organizationID, input, by: actor)
                    return site.redirect("/console/certifications?done=1")
                } form: { failure, status in
                    let typed = Typed(
                        certificateNumber: form["certificateNumber"] ?? "", validUntil: form["validUntil"] ?? "")
                    let view = View(formError: failure.formError, errors: failure.errors, typed: typed)
                    return try await page(visit, actor, view, status: status)
                }
            }
        }
    }

    /// The certifications page (enterprise-certifications.mustache).
    struct View: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        /// What was typed into a refused request.
        var typed: Typed?
        var rows: [Row] = []
        var attributes: [Option] = []
        var bands: [Option] = []
    }

    struct Typed: Sendable {
        let certificateNumber: String
        let validUntil: String
    }

    /// A certification, verified or asked for.
    struct Row: Sendable {
        let attribute: String
        let value: String
        let number: String
        let validUntil: String
        let status: String
        let reason: String
        let requested: String
    }

    /// An option of a select with nothing chosen in advance.
    struct Option: Sendable {
        let value: String
        let label: String
    }

    func page(
        _ visit: Visit, _ actor: Actor, _ view: View, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let organization = actor.organizationID else { throw DomainError.forbidden }
        let history = try await site.services.certifications.list(organization, by: actor)
        var context = view
        context.rows = history.map { certification in
            Row(
                attribute: visit.text("cert.attribute.\(certification.attribute.rawValue)"),
                value: CityPages.certificationValue(certification, visit),
                number: certification.certificateNumber ?? "",
                validUntil: certification.validUntil.map(Display.date) ?? "",
                status: visit.text("cert.status.\(certification.status.rawValue)"),
                reason: certification.reason ?? "", requested: Display.date(certification.requestedAt))
        }
        context.attributes = Certification.Attribute.allCases.map {
            Option(value: $0.rawValue, label: visit.text("cert.attribute.\($0.rawValue)"))
        }
        context.bands = RevenueBand.allCases.map {
            Option(value: $0.rawValue, label: visit.text("cert.band.\($0.rawValue)"))
        }
        return site.page(
            visit, template: "enterprise-certifications", title: visit.text("cert.title"), context, status: status)
    }
}
