import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The organisation's declared relations (its controlling holder, related parties), as
/// `/v1/organizations/{id}/relations`: its administrator lists, declares and withdraws them; the
/// fraud rules read them when a redemption's parties are related.
struct RelationPages {
    let site: Site

    struct View: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var items: [Item]
        var hasItems: Bool
        var kinds: [Check]
        var creditCode: String
        var note: String
    }

    struct Item: Sendable {
        let id: Int64
        let kind: String
        let creditCode: String
        let note: String?
        let declared: String
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("relations") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init).flatMap {
                    ["declared", "withdrawn"].contains($0) ? visit.text("relations.done.\($0)") : nil
                }
                return try await page(visit, notice: done)
            }
        }
        console.post("relations") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                return try await EnterpriseForms.attempt(visit) {
                    let kind = try EnterpriseForms.choice(
                        form["kind"], field: "kind", as: OrganizationRelation.Kind.self)
                    _ = try await site.services.relations.declare(
                        principal.organizationID,
                        NewOrganizationRelation(
                            kind: kind, relatedCreditCode: form["relatedCreditCode"] ?? "", note: form.text("note")),
                        by: actor)
                    return site.redirect("/console/relations?done=declared")
                } form: { failure, status in
                    try await page(
                        visit, failure: failure, kind: form["kind"] ?? "", creditCode: form["relatedCreditCode"] ?? "",
                        note: form["note"] ?? "", status: status)
                }
            }
        }
        console.post("relations/:id/withdraw") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                _ = try await site.services.relations.withdraw(principal.organizationID, relation: id, by: actor)
                return site.redirect("/console/relations?done=withdrawn")
            }
        }
    }

    func page(
        _ visit: Visit, notice: String? = nil, failure: FormFailure? = nil, kind: String = "controlling_holder",
        creditCode: String = "", note: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        let relations = try await site.services.relations.list(principal.organizationID, by: actor)
        let items = relations.map { relation in
            Item(
                id: relation.id, kind: visit.text("relations.kind.\(relation.kind.rawValue)"),
                creditCode: relation.relatedCreditCode, note: relation.note,
                declared: Display.dateTime(relation.createdAt))
        }
        let kinds = OrganizationRelation.Kind.allCases.map {
            Check(value: $0.rawValue, label: visit.text("relations.kind.\($0.rawValue)"), checked: kind == $0.rawValue)
        }
        return site.page(
            visit, template: "relations", title: visit.text("relations.title"),
            View(
                notice: notice, formError: failure?.formError, errors: failure?.errors, items: items,
                hasItems: !items.isEmpty, kinds: kinds, creditCode: creditCode, note: note),
            status: status)
    }
}
