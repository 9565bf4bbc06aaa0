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
                return try await page(visit, actor, done ? ["notice": visit.text("cert.requested")] : [:])
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
                } form: { errors, status in
                    var extra = errors
                    extra["typed"] = [
                        "certificateNumber": form["certificateNumber"] ?? "", "validUntil": form["validUntil"] ?? "",
                    ]
                    return try await page(visit, actor, extra, status: status)
                }
            }
        }
    }

    func page(
        _ visit: Visit, _ actor: Actor, _ extra: [String: Any], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let organization = actor.organizationID else { throw DomainError.forbidden }
        let history = try await site.services.certifications.list(organization, by: actor)
        let rows: [[String: Any]] = history.map { certification in
            [
                "attribute": visit.text("cert.attribute.\(certification.attribute.rawValue)"),
                "value": CityPages.certificationValue(certification, visit),
                "number": certification.certificateNumber ?? "",
                "validUntil": certification.validUntil.map(Display.date) ?? "",
                "status": visit.text("cert.status.\(certification.status.rawValue)"),
                "reason": certification.reason ?? "", "requested": Display.date(certification.requestedAt),
            ]
        }
        var context = extra
        context["rows"] = rows
        context["attributes"] = Certification.Attribute.allCases.map {
            ["value": $0.rawValue, "label": visit.text("cert.attribute.\($0.rawValue)")]
        }
        context["bands"] = RevenueBand.allCases.map {
            ["value": $0.rawValue, "label": visit.text("cert.band.\($0.rawValue)")]
        }
        return site.page(
            visit, template: "enterprise-certifications", title: visit.text("cert.title"), context, status: status)
    }
}
