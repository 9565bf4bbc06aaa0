import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// The city's voucher policies (every version) and the editor: a new policy for a year, or an
/// amendment making the next version. The rules are `PolicyService`'s; the page reads what
/// was typed and shows the domain's refusal next to its field.
extension CityPages {
    /// What the editor holds, as typed (strings), so a refused form comes back unchanged.
    struct PolicyForm {
        var year = ""
        var budget = ""
        var unit = ""
        var cap = ""
        var ratios: [ServiceCategory: String] = [:]
        var anyOf: Set<VoucherPolicy.Qualification> = []
        var maxRevenueBand = ""
        var validUntil = ""
        var modes = Set(RedemptionMode.allCases)
        var providerCities = Set(CityCode.allCases)
        var holdHours = ""
        var contractRule = VoucherPolicy.ContractRule.terms.rawValue

        init(year: Int) {
            self.year = String(year)
        }

        init(_ form: Form) {
            year = form["year"] ?? ""
            budget = form["budget"] ?? ""
            unit = form["unit"] ?? ""
            cap = form["cap"] ?? ""
            for category in ServiceCategory.allCases { ratios[category] = form["ratio_\(category.rawValue)"] ?? "" }
            anyOf = Set(form.all("eligibility").compactMap(VoucherPolicy.Qualification.init(rawValue:)))
            maxRevenueBand = form["maxRevenueBand"] ?? ""
            validUntil = form["validUntil"] ?? ""
            modes = Set(form.all("modes").compactMap(RedemptionMode.init(rawValue:)))
            providerCities = Set(form.all("providerCities").compactMap(CityCode.init(rawValue:)))
            holdHours = form["holdHours"] ?? ""
            contractRule = form["contractRule"] ?? VoucherPolicy.ContractRule.terms.rawValue
        }

        init(_ policy: VoucherPolicy) {
            year = String(policy.year)
            budget = CityInput.plainYuan(policy.budgetFen)
            unit = CityInput.plainYuan(policy.unitFen)
            cap = CityInput.plainYuan(policy.yearlyCapFen)
            for rule in policy.categories { ratios[rule.category] = CityInput.plainPercent(rule.ratioPermille) }
            anyOf = Set(policy.eligibility.anyOf)
            maxRevenueBand = policy.eligibility.maxRevenueBand?.rawValue ?? ""
            validUntil = CityInput.day(endingAt: policy.validUntil)
            modes = Set(policy.modes)
            providerCities = Set(policy.providerCities)
            holdHours = String(policy.holdHours)
            contractRule = policy.contractRule.rawValue
        }

        /// The domain's input; only what cannot be read at all is refused here.
        func input() throws -> NewVoucherPolicy {
            guard let year = try CityInput.integer(year, field: "year") else {
                throw DomainError.invalid("required", field: "year", zh: "请填写年度", en: "Enter the year")
            }
            var categories: [VoucherPolicy.CategoryRule] = []
            for category in ServiceCategory.allCases {
                if let permille = try CityInput.percent(ratios[category], field: "categories") {
                    categories.append(.init(category: category, ratioPermille: permille))
                }
            }
            let band = maxRevenueBand.isEmpty ? nil : RevenueBand(rawValue: maxRevenueBand)
            return NewVoucherPolicy(
                year: year, budgetFen: try CityInput.requiredYuan(budget, field: "budgetFen"),
                unitFen: try CityInput.requiredYuan(unit, field: "unitFen"),
                yearlyCapFen: try CityInput.requiredYuan(cap, field: "yearlyCapFen"),
                categories: categories,
                eligibility: VoucherPolicy.Eligibility(
                    anyOf: VoucherPolicy.Qualification.allCases.filter(anyOf.contains), maxRevenueBand: band),
                validUntil: try CityInput.endOfDay(validUntil, field: "validUntil"),
                modes: RedemptionMode.allCases.filter(modes.contains),
                providerCities: CityCode.allCases.filter(providerCities.contains),
                holdHours: try CityInput.integer(holdHours, field: "holdHours"),
                contractRule: try rule()
            )
        }

        /// The chosen contract rule; a value the form never offers is refused.
        func rule() throws -> VoucherPolicy.ContractRule {
            guard let rule = VoucherPolicy.ContractRule(rawValue: contractRule) else {
                throw DomainError.invalid(
                    "invalid_choice", field: "contractRule", zh: "请选择合同要求", en: "Choose what a redemption pays into")
            }
            return rule
        }

        /// The editor's view model: what is typed, the choices, and the refusal if any.
        func view(_ visit: Visit, failure: FormFailure?, action: String, amendingNote: String?) -> PolicyEditorView {
            PolicyEditorView(
                year: year, budget: budget, unit: unit, cap: cap, validUntil: validUntil, holdHours: holdHours,
                categories: ServiceCategory.allCases.map { category in
                    CategoryRatio(
                        value: category.rawValue, label: visit.text("city.category.\(category.rawValue)"),
                        ratio: ratios[category] ?? "")
                },
                qualifications: VoucherPolicy.Qualification.allCases.map { qualification in
                    Check(
                        value: qualification.rawValue,
                        label: visit.text("city.qualification.\(qualification.rawValue)"),
                        checked: anyOf.contains(qualification))
                },
                bands: RevenueBand.allCases.map { band in
                    Choice(
                        value: band.rawValue, label: visit.text("city.band.\(band.rawValue)"),
                        selected: band.rawValue == maxRevenueBand)
                },
                modes: RedemptionMode.allCases.map { mode in
                    Check(
                        value: mode.rawValue, label: visit.text("city.mode.\(mode.rawValue)"),
                        checked: modes.contains(mode))
                },
                contractRules: VoucherPolicy.ContractRule.allCases.map { rule in
                    Choice(
                        value: rule.rawValue, label: visit.text("city.contract_rule.\(rule.rawValue)"),
                        selected: rule.rawValue == contractRule)
                },
                cities: CityCode.allCases.map { city in
                    Check(
                        value: city.rawValue, label: visit.language.city(city), checked: providerCities.contains(city))
                },
                formError: failure?.formError, errors: failure?.errors, action: action,
                amending: amendingNote != nil, amendingNote: amendingNote)
        }
    }

    func registerPolicies(on console: RouterGroup<AppRequestContext>) {
        console.get("city/policies") { request, context in
            await site.handle(request, context) { visit in try await policies(visit) }
        }
        console.get("city/policies/new") { request, context in
            await site.handle(request, context) { visit in
                _ = try policyManager(visit, city: nil)
                let year = CityInput.calendar.component(.year, from: site.services.database.clock.now())
                return editor(visit, form: PolicyForm(year: year), amending: nil, failure: nil)
            }
        }
        console.post("city/policies/new") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try policyManager(visit, city: nil)
                let form = PolicyForm(try await site.form(request, visit))
                return try await FormErrors.attempt(
                    visit,
                    {
                        _ = try await site.services.policies.create(try form.input(), by: actor)
                        return site.redirect("/console/city/policies")
                    },
                    form: { failure in
                        editor(visit, form: form, amending: nil, failure: failure, status: .unprocessableContent)
                    })
            }
        }
        console.get("city/policies/:id/amend") { request, context in
            await site.handle(request, context) { visit in
                _ = try admin(visit)
                let policy = try await site.services.policies.get(try Self.id(context))
                _ = try policyManager(visit, city: policy.city)
                return editor(visit, form: PolicyForm(policy), amending: policy, failure: nil)
            }
        }
        console.post("city/policies/:id/amend") { request, context in
            await site.handle(request, context) { visit in
                _ = try admin(visit)
                let policy = try await site.services.policies.get(try Self.id(context))
                let (_, actor) = try policyManager(visit, city: policy.city)
                let form = PolicyForm(try await site.form(request, visit))
                return try await FormErrors.attempt(
                    visit,
                    {
                        _ = try await site.services.policies.amend(policy.id, try form.input(), by: actor)
                        return site.redirect("/console/city/policies")
                    },
                    form: { failure in
                        editor(visit, form: form, amending: policy, failure: failure, status: .unprocessableContent)
                    })
            }
        }
    }

    /// An admin who may manage policies of the city (their own when none is given).
    func policyManager(_ visit: Visit, city: CityCode?) throws -> (Principal, Actor) {
        let (principal, actor) = try admin(visit)
        guard
            Authorization.allows(
                actor, .voucherPolicyManage, on: AccessTarget(organizationID: nil, city: city ?? actor.city))
        else {
            throw DomainError.forbidden
        }
        return (principal, actor)
    }

    func policies(_ visit: Visit) async throws -> Response {
        let (_, actor) = try admin(visit)
        let language = visit.language
        let separator = language == .zh ? "、" : ", "
        var items: [VoucherPolicy] = []
        // `list` returns each version's stored document, whose `current` stays true after an
        // amendment; `get` reads the flag from the table.
        for listed in try await site.services.policies.list(city: Self.scope(actor), year: nil, includeSuperseded: true)
        {
            items.append(try await site.services.policies.get(listed.id))
        }
        let rows = items.map { policy in
            let amendable =
                policy.current
                && Authorization.allows(
                    actor, .voucherPolicyManage, on: AccessTarget(organizationID: nil, city: policy.city))
            let eligibility =
                policy.eligibility.anyOf.map { visit.text("city.qualification.\($0.rawValue)") }
                + (policy.eligibility.maxRevenueBand.map { [visit.text("city.band.\($0.rawValue)")] } ?? [])
            return PolicyRow(
                id: policy.id, city: language.city(policy.city), year: policy.year, version: policy.version,
                current: policy.current,
                budget: Language.yuan(policy.budgetFen), unit: Language.yuan(policy.unitFen),
                cap: Language.yuan(policy.yearlyCapFen),
                categories: policy.categories.map {
                    "\(visit.text("city.category.\($0.category.rawValue)")) \(CityInput.plainPercent($0.ratioPermille))%"
                }
                .joined(separator: separator),
                eligibility: eligibility.isEmpty
                    ? visit.text("city.eligibility.any") : eligibility.joined(separator: separator),
                validUntil: CityInput.day(endingAt: policy.validUntil), holdHours: policy.holdHours,
                contractRule: visit.text("city.contract_rule.\(policy.contractRule.rawValue)"),
                modes: policy.modes.map { visit.text("city.mode.\($0.rawValue)") }.joined(separator: separator),
                providerCities: policy.providerCities.map(language.city).joined(separator: separator),
                created: Display.dateTime(policy.createdAt),
                amendHref: amendable ? "/console/city/policies/\(policy.id)/amend" : nil)
        }
        return site.page(
            visit, template: "city-policies", title: visit.text("city.policies.title"),
            PoliciesView(
                rows: rows,
                canCreate: actor.role == .cityAdmin
                    && Authorization.allows(
                        actor, .voucherPolicyManage, on: AccessTarget(organizationID: nil, city: actor.city))
            ))
    }

    func editor(
        _ visit: Visit, form: PolicyForm, amending: VoucherPolicy?, failure: FormFailure?,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let context = form.view(
            visit, failure: failure,
            action: amending.map { "/console/city/policies/\($0.id)/amend" } ?? "/console/city/policies/new",
            amendingNote: amending.map {
                "\(visit.language.city($0.city)) · \($0.year) · v\($0.version)"
            })
        let title = visit.text(amending == nil ? "city.policy.new" : "city.policy.amend")
        return site.page(visit, template: "city-policy-form", title: title, context, status: status)
    }
}
