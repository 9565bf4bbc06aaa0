import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// Opening a redemption on a voucher: a listed provider from any of the five cities (filtered
/// by city and category), the contract, and 通兑 or 通用 — as `POST /v1/redemptions` does.
struct EnterpriseRedeemPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("vouchers/:id/redeem") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                let (_, actor) = try EnterprisePages.enterprise(visit, .voucherApply)
                let parameters = request.uri.queryParameters
                let filter = (
                    city: parameters["city"].map(String.init), category: parameters["category"].map(String.init)
                )
                return try await page(
                    id, visit, actor, filter: filter, values: ["category": filter.category ?? "", "mode": "tongdui"],
                    errors: [:])
            }
        }
        console.post("vouchers/:id/redeem") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await open(id, request, visit)
            }
        }
    }

    func page(
        _ id: Int64, _ visit: Visit, _ actor: Actor, filter: (city: String?, category: String?), values: [String: Any],
        errors: [String: Any],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let services = site.services
        let language = visit.language
        let voucher = try await services.vouchers.voucher(id, viewer: actor)
        guard voucher.enterpriseOrganizationId == actor.organizationID else { throw DomainError.forbidden }
        let city = filter.city.flatMap(CityCode.init(rawValue:))
        let category = filter.category.flatMap(ServiceCategory.init(rawValue:))
        let providers = try await services.providers.list(
            city: city, category: category, status: nil, page: PageRequest(limit: 100), viewer: actor
        ).items
        let names = try await services.database.read { db in
            try OrganizationDirectory.summaries(db, ids: providers.map(\.organizationId))
        }
        let chosen = values["provider"] as? String
        let providerOptions: [[String: Any]] = providers.map { provider in
            let categories = provider.categories.map { visit.text("enterprise.category.\($0.rawValue)") }.joined(
                separator: language == .zh ? "、" : ", ")
            return [
                "value": String(provider.organizationId), "selected": chosen == String(provider.organizationId),
                "label":
                    "\(names[provider.organizationId]?.name ?? "#\(provider.organizationId)") · \(language.city(provider.city)) · \(categories)",
            ]
        }
        func categories(selected: String?) -> [[String: Any]] {
            EnterpriseForms.options(
                ServiceCategory.allCases.map { ($0.rawValue, visit.text("enterprise.category.\($0.rawValue)")) },
                selected: selected)
        }
        let modes: [[String: Any]] = RedemptionMode.allCases.map { mode in
            [
                "value": mode.rawValue, "label": visit.text("enterprise.redeemMode.\(mode.rawValue)"),
                "checked": (values["mode"] as? String ?? "tongdui") == mode.rawValue,
            ]
        }
        var context = values.merging(errors) { $1 }
        context["action"] = "/console/vouchers/\(id)/redeem"
        context["voucher"] = voucher.number
        context["available"] = Language.yuan(voucher.balances.availableFen)
        context["cities"] = EnterpriseForms.options(
            CityCode.allCases.map { ($0.rawValue, language.city($0)) }, selected: city?.rawValue)
        context["filterCategories"] = categories(selected: category?.rawValue)
        context["filterCity"] = city?.rawValue ?? ""
        context["filterCategory"] = category?.rawValue ?? ""
        context["categories"] = categories(selected: values["category"] as? String)
        context["providers"] = providerOptions
        context["modes"] = modes
        if context["key"] == nil { context["key"] = EnterpriseForms.newKey() }
        return site.page(
            visit, template: "enterprise-redeem", title: visit.text("enterprise.redeem.title"), context, status: status)
    }

    func open(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, _) = try EnterprisePages.enterprise(visit, .voucherApply)
        let form = try await site.form(request, visit)
        let values: [String: Any] = [
            "provider": form["provider"] ?? "", "contractNumber": form["contractNumber"] ?? "",
            "category": form["category"] ?? "",
            "contractValue": form["contractValue"] ?? "", "mode": form["mode"] ?? "tongdui",
            "invoice": form["invoice"] ?? "",
            "key": form["key"] ?? EnterpriseForms.newKey(),
        ]
        let placing = [
            "exceeds_available_balance": "contractFen", "provider_not_listed": "providerOrganizationId",
            "provider_city_not_accepted": "providerOrganizationId", "voucher_expired": "voucher",
        ]
        return try await EnterpriseForms.attempt(visit, placing: placing) {
            guard let provider = form["provider"].flatMap(Int64.init) else {
                throw EnterpriseForms.invalid(
                    "invalid_choice", field: "providerOrganizationId", key: "enterprise.choice.invalid")
            }
            let input = NewRedemption(
                voucherId: id, providerOrganizationId: provider, contractNumber: form["contractNumber"] ?? "",
                category: try EnterpriseForms.choice(form["category"], field: "category", as: ServiceCategory.self),
                contractFen: try EnterpriseForms.fen(form["contractValue"], field: "contractFen") ?? 0,
                mode: try EnterpriseForms.choice(form["mode"], field: "mode", as: RedemptionMode.self),
                invoiceNumber: form.text("invoice")
            )
            let claim = EnterpriseForms.claim(
                key: form["key"],
                [
                    String(id), String(provider), input.contractNumber, input.category.rawValue,
                    String(input.contractFen),
                    input.mode?.rawValue ?? "", input.invoiceNumber ?? "",
                ])
            _ = try await site.services.redemptions.open(
                input, by: principal.actor(requestID: visit.requestID, idempotency: claim))
            return site.redirect("/console/vouchers?done=opened")
        } form: { errors, status in
            try await page(
                id, visit, principal.actor(requestID: visit.requestID),
                filter: (form["filterCity"], form["filterCategory"]),
                values: values, errors: errors, status: status
            )
        }
    }
}
