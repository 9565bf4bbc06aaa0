import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// Opening a redemption on a voucher: a provider the voucher's policy accepts (searched on the
/// server by name, city or category, and filtered by city and category — no script needed), the
/// contract, and 通兑 or 通用 — as `POST /v1/redemptions` does.
struct EnterpriseRedeemPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        RedemptionPages(site: site).register(on: console)
        console.get("vouchers/:id/redeem") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                let (_, actor) = try EnterprisePages.enterprise(visit, .voucherApply)
                let parameters = request.uri.queryParameters
                let filter = ProviderFilter(
                    city: parameters["city"].map(String.init), category: parameters["category"].map(String.init),
                    query: parameters["q"].map(String.init))
                return try await page(
                    id, visit, actor, filter: filter,
                    typed: EnterpriseVoucherViews.Typed(category: filter.category ?? "", mode: "tongdui"), failure: nil)
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
        _ id: Int64, _ visit: Visit, _ actor: Actor, filter: ProviderFilter,
        typed: EnterpriseVoucherViews.Typed, failure: FormFailure?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let services = site.services
        let language = visit.language
        let voucher = try await services.vouchers.voucher(id, viewer: actor)
        guard voucher.enterpriseOrganizationId == actor.organizationID else { throw DomainError.forbidden }
        let city = filter.city.flatMap(CityCode.init(rawValue:))
        let category = filter.category.flatMap(ServiceCategory.init(rawValue:))
        let accepted = try await services.providers.accepted(forVoucher: id, category: category, viewer: actor)
            .filter { city == nil || $0.city == city }
        let names = try await services.database.read { db in
            try OrganizationDirectory.summaries(db, ids: accepted.map(\.organizationId))
        }
        let chosen = typed.provider
        let providerOptions = accepted.compactMap { provider -> Choice? in
            let categories = provider.categories.map { visit.text("enterprise.category.\($0.rawValue)") }.joined(
                separator: language == .zh ? "、" : ", ")
            let name = names[provider.organizationId]?.name ?? "#\(provider.organizationId)"
            // The search matches the name, the city and the categories in either language.
            let searched =
                [name, Language.zh.city(provider.city), Language.en.city(provider.city), provider.city.rawValue]
                + provider.categories.flatMap { category in
                    let key = "enterprise.category.\(category.rawValue)"
                    return [category.rawValue, Language.zh.text(key), Language.en.text(key)]
                }
            guard filter.matches(searched) || chosen == String(provider.organizationId) else { return nil }
            return Choice(
                value: String(provider.organizationId),
                label: "\(name) · \(language.city(provider.city)) · \(categories)",
                selected: chosen == String(provider.organizationId))
        }
        func categories(selected: String?) -> [Choice] {
            EnterpriseForms.options(
                ServiceCategory.allCases.map { ($0.rawValue, visit.text("enterprise.category.\($0.rawValue)")) },
                selected: selected)
        }
        let modes = RedemptionMode.allCases.map { mode in
            Check(
                value: mode.rawValue, label: visit.text("enterprise.redeemMode.\(mode.rawValue)"),
                checked: typed.mode == mode.rawValue)
        }
        let context = EnterpriseVoucherViews.Redeem(
            technologyContracts: try await payableContracts(visit, actor, chosen: typed.technologyContract),
            contractNumber: typed.contractNumber, contractValue: typed.contractValue, invoice: typed.invoice,
            key: typed.key ?? EnterpriseForms.newKey(), formError: failure?.formError, errors: failure?.errors,
            action: "/console/vouchers/\(id)/redeem", voucher: voucher.number,
            available: Language.yuan(voucher.balances.availableFen),
            cities: EnterpriseForms.options(
                CityCode.allCases.map { ($0.rawValue, language.city($0)) }, selected: city?.rawValue),
            filterCategories: categories(selected: category?.rawValue), filterCity: city?.rawValue ?? "",
            filterCategory: category?.rawValue ?? "", filterQuery: filter.text,
            categories: categories(selected: typed.category),
            providers: providerOptions, providerCount: providerOptions.count, modes: modes)
        return site.page(
            visit, template: "enterprise-redeem", title: visit.text("enterprise.redeem.title"), context, status: status)
    }

    /// The enterprise's signed contracts a voucher can pay into (it is their buyer), newest first.
    func payableContracts(_ visit: Visit, _ actor: Actor, chosen: String) async throws -> [Choice] {
        let payable: Set<ContractStatus> = [.signed, .registrationApplied, .registered, .performing]
        let contracts = try await site.services.contracts.list(viewer: actor, page: PageRequest(limit: 100)).items
            .filter { $0.buyerOrganizationId == actor.organizationID && payable.contains($0.status) }
        let names = try await site.services.database.read { db in
            try OrganizationDirectory.summaries(db, ids: contracts.map(\.sellerOrganizationId))
        }
        return contracts.map { contract in
            let number = contract.registration.number ?? VoucherContractRegistry.platformNumber(contract.id)
            let seller = names[contract.sellerOrganizationId]?.name ?? "#\(contract.sellerOrganizationId)"
            return Choice(
                value: String(contract.id),
                label: "\(number) · \(contract.terms.title) · \(seller) · \(Language.yuan(contract.terms.valueFen))",
                selected: chosen == String(contract.id))
        }
    }

    func open(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, _) = try EnterprisePages.enterprise(visit, .voucherApply)
        let form = try await site.form(request, visit)
        let typed = EnterpriseVoucherViews.Typed(
            provider: form["provider"] ?? "", technologyContract: form["technologyContract"] ?? "",
            contractNumber: form["contractNumber"] ?? "",
            category: form["category"] ?? "", contractValue: form["contractValue"] ?? "",
            mode: form["mode"] ?? "tongdui", invoice: form["invoice"] ?? "",
            key: form["key"] ?? EnterpriseForms.newKey())
        let placing = [
            "exceeds_available_balance": "contractFen", "provider_not_listed": "providerOrganizationId",
            "provider_city_not_accepted": "providerOrganizationId", "voucher_expired": "voucher",
        ]
        return try await EnterpriseForms.attempt(visit, placing: placing) {
            guard let provider = form["provider"].flatMap(Int64.init) else {
                throw EnterpriseForms.invalid(
                    "invalid_choice", field: "providerOrganizationId", key: "enterprise.choice.invalid")
            }
            let contract = try technologyContract(form["technologyContract"])
            // A named contract brings its own number, value and category; typed ones are ignored.
            let input = NewRedemption(
                voucherId: id, providerOrganizationId: provider,
                contractNumber: contract == nil ? form["contractNumber"] ?? "" : nil,
                category: contract == nil
                    ? try EnterpriseForms.choice(form["category"], field: "category", as: ServiceCategory.self) : nil,
                contractFen: contract == nil
                    ? try EnterpriseForms.fen(form["contractValue"], field: "contractFen") ?? 0 : nil,
                mode: try EnterpriseForms.choice(form["mode"], field: "mode", as: RedemptionMode.self),
                invoiceNumber: form.text("invoice"), technologyContractId: contract
            )
            let claim = EnterpriseForms.claim(
                key: form["key"],
                [
                    String(id), String(provider), contract.map(String.init) ?? "", input.contractNumber ?? "",
                    input.category?.rawValue ?? "",
                    String(input.contractFen ?? 0),
                    input.mode?.rawValue ?? "", input.invoiceNumber ?? "",
                ])
            _ = try await site.services.redemptions.open(
                input, by: principal.actor(requestID: visit.requestID, idempotency: claim))
            return site.redirect("/console/vouchers?done=opened")
        } form: { failure, status in
            try await page(
                id, visit, principal.actor(requestID: visit.requestID),
                filter: ProviderFilter(
                    city: form["filterCity"], category: form["filterCategory"], query: form["filterQuery"]),
                typed: typed, failure: failure, status: status
            )
        }
    }

    /// The chosen technology contract: none (typed terms), or one of the listed ids.
    func technologyContract(_ value: String?) throws -> Int64? {
        guard let value, !value.isEmpty else { return nil }
        guard let id = Int64(value), id > 0 else {
            throw EnterpriseForms.invalid(
                "invalid_choice", field: "technologyContractId", key: "enterprise.choice.invalid")
        }
        return id
    }
}

/// The redemption form's provider search: a city, a category and free text matched against the
/// provider's name, city and categories (every word must match, case folded).
struct ProviderFilter {
    let city: String?
    let category: String?
    let text: String

    init(city: String?, category: String?, query: String?) {
        self.city = city
        self.category = category
        text = String((query ?? "").filter { !$0.isNewline && !($0.asciiValue.map { $0 < 32 } ?? false) }.prefix(100))
            .trimmingCharacters(in: .whitespaces)
    }

    func matches(_ fields: [String]) -> Bool {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        let haystack = fields.joined(separator: " ").lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }
}
