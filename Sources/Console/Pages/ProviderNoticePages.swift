import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// The registry's public notice (公示): providers the cities approved, each until its notice ends,
/// and an objection form for anyone signed in — as `POST /v1/providers/{id}/objections`.
struct ProviderNoticePages {
    let site: Site

    struct View: Sendable {
        var notice: String?
        var items: [Item]
        var hasItems: Bool
    }

    struct Item: Sendable {
        let id: Int64
        let name: String
        let city: String
        let categories: String
        let ends: String
        let objections: Int
        var reason = ""
        var error: String?
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("providers/notice") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"] == "objected" ? visit.text("notice.objected") : nil
                return try await page(visit, notice: done)
            }
        }
        console.post("providers/:id/objection") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                do {
                    _ = try await site.services.providers.object(
                        id, NewObjection(reason: form["reason"] ?? ""), by: actor)
                    return site.redirect("/console/providers/notice?done=objected")
                } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
                    return try await page(
                        visit, failed: (id, form["reason"] ?? "", visit.language.message(error)),
                        status: error.kind == .conflict ? .conflict : .unprocessableContent)
                }
            }
        }
    }

    func page(
        _ visit: Visit, notice: String? = nil, failed: (Int64, String, String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let language = visit.language
        let providers = try await site.services.providers.list(
            city: nil, category: nil, status: .inNotice, page: PageRequest(limit: 100), viewer: actor
        ).items
        let names = try await site.services.database.read { db in
            try OrganizationDirectory.summaries(db, ids: providers.map(\.organizationId))
        }
        let items = providers.map { provider in
            var item = Item(
                id: provider.id, name: names[provider.organizationId]?.name ?? "#\(provider.organizationId)",
                city: language.city(provider.city),
                categories: provider.categories.map { visit.text("city.category.\($0.rawValue)") }.joined(
                    separator: language == .zh ? "、" : ", "),
                ends: provider.noticeEndsAt.map(Display.dateTime) ?? "",
                objections: provider.objections.filter { $0.resolution == nil }.count)
            if let failed, failed.0 == provider.id { (item.reason, item.error) = (failed.1, failed.2) }
            return item
        }
        return site.page(
            visit, template: "provider-notice", title: visit.text("notice.title"),
            View(notice: notice, items: items, hasItems: !items.isEmpty), status: status)
    }
}
