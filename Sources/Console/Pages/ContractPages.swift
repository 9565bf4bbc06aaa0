import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// Technology contracts: the organisation's list, one contract with its terms, hash, payments
/// and history, and the steps the viewer may take on it (`ContractService.availableSteps` says
/// which; the service decides each again). Drafting and amending: ContractFormPages.
struct ContractPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("contracts") { request, context in
            await site.handle(request, context) { visit in try await list(request, visit) }
        }
        ContractFormPages(site: site).register(on: console)
        console.get("contracts/:id") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                let notice = done.flatMap { ContractStepKind(rawValue: $0) != nil || $0 == "created" ? $0 : nil }
                return try await detail(
                    try DealPages.id(context), visit,
                    notice: notice.map { visit.text($0 == "created" ? "deal.contract.created" : "deal.done.\($0)") })
            }
        }
        console.post("contracts/:id/steps/:step") { request, context in
            await site.handle(request, context) { visit in
                let id = try DealPages.id(context)
                guard let step = context.parameters.get("step").flatMap(ContractStepKind.init(rawValue:)) else {
                    throw PublicPages.notFound
                }
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                let typed = Self.typed(form)
                return try await DealPages.attempt(visit) {
                    try await Self.take(step, id, form, site, by: actor)
                    return site.redirect("/console/contracts/\(id)?done=\(step.rawValue)")
                } form: { failure in
                    try await detail(id, visit, failure: failure, typed: typed)
                }
            }
        }
    }

    static func typed(_ form: Form) -> ContractViews.Typed {
        ContractViews.Typed(amount: form["amount"] ?? "", paidOn: form["paidOn"] ?? "", reason: form["reason"] ?? "")
    }

    /// One step through the service, with what its form carries. Amending has its own form.
    static func take(_ step: ContractStepKind, _ id: Int64, _ form: Form, _ site: Site, by actor: Actor) async throws {
        let contracts = site.services.contracts
        switch step {
        case .confirm: _ = try await contracts.confirm(id, termsHash: form["termsHash"] ?? "", by: actor)
        case .cancel: _ = try await contracts.cancel(id, by: actor)
        case .applyRegistration: _ = try await contracts.applyForRegistration(id, by: actor)
        case .register: _ = try await contracts.register(id, by: actor)
        case .returnRegistration:
            _ = try await contracts.returnRegistration(id, reason: form["reason"] ?? "", by: actor)
        case .recordPayment:
            let amount = try EnterpriseForms.fen(form["amount"], field: "amountFen") ?? 0
            let paidOn = try DealInput.day(form["paidOn"], field: "paidOn")
            let instalment = form.text("instalment").flatMap { Int($0) }
            _ = try await contracts.recordPayment(
                id, NewPayment(amountFen: amount, paidOn: paidOn, instalment: instalment), by: actor)
        case .complete: _ = try await contracts.complete(id, by: actor)
        case .terminate: _ = try await contracts.terminate(id, reason: form["reason"] ?? "", by: actor)
        case .confirmAmendment:
            _ = try await contracts.confirmAmendment(id, termsHash: form["termsHash"] ?? "", by: actor)
        case .amend, .proposeAmendment:
            throw PublicPages.notFound
        }
    }

    // MARK: - List

    func list(_ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, actor) = try DealPages.party(visit)
        let cursor = request.uri.queryParameters["after"].map(String.init)
        let page = try await site.services.contracts.list(
            viewer: actor, page: try PageRequest(limit: 100, cursor: cursor))
        let names = await DealPages.names(
            site, page.items.flatMap { [$0.buyerOrganizationId, $0.sellerOrganizationId] }, actor)
        let rows = page.items.reversed().map { contract in
            let buyer = contract.buyerOrganizationId == principal.organizationID
            let other = buyer ? contract.sellerOrganizationId : contract.buyerOrganizationId
            return Self.row(
                contract, visit, party: visit.text(buyer ? "deal.party.buyer" : "deal.party.seller"),
                other: names[other] ?? "#\(other)")
        }
        return site.page(
            visit, template: "contracts", title: visit.text("deal.contracts.title"),
            ContractViews.List(
                items: rows, hasItems: !rows.isEmpty, next: page.nextCursor.map { "/console/contracts?after=\($0)" }))
    }

    static func row(_ contract: Contract, _ visit: Visit, party: String, other: String) -> ContractViews.Row {
        ContractViews.Row(
            id: contract.id, href: "/console/contracts/\(contract.id)", title: contract.terms.title, party: party,
            other: other, type: type(contract.terms.type, visit), value: Language.yuan(contract.terms.valueFen),
            status: visit.text("deal.contract.status.\(contract.status.rawValue)"),
            statusValue: contract.status.rawValue, number: contract.registration.number,
            updated: Display.date(contract.updatedAt))
    }

    static func type(_ type: ContractType, _ visit: Visit) -> String {
        visit.language == .zh ? type.nameZh : type.nameEn
    }

    // MARK: - Detail

    func detail(
        _ id: Int64, _ visit: Visit, notice: String? = nil, failure: FormFailure? = nil,
        typed: ContractViews.Typed = ContractViews.Typed()
    ) async throws -> Response {
        let (_, actor) = try visit.signedIn()
        let contract = try await site.services.contracts.get(id, viewer: actor)
        let names = await DealPages.names(site, [contract.buyerOrganizationId, contract.sellerOrganizationId], actor)
        let available = ContractService.availableSteps(contract, for: actor)
        let terms = contract.terms
        let offered = available.subtracting([.amend, .proposeAmendment])
        // A draft the actor could confirm but for the missing file hash: said, not offered.
        let blocked =
            contract.status == .draft && terms.fileSha256 == nil && available.contains(.amend)
        let steps = ContractViews.Steps(
            confirm: available.contains(.confirm),
            amend: available.contains(.amend) ? "/console/contracts/\(id)/amend" : nil,
            cancel: available.contains(.cancel), applyRegistration: available.contains(.applyRegistration),
            register: available.contains(.register), returnRegistration: available.contains(.returnRegistration),
            recordPayment: available.contains(.recordPayment), complete: available.contains(.complete),
            terminate: available.contains(.terminate),
            proposeAmendment: available.contains(.proposeAmendment) ? "/console/contracts/\(id)/amend" : nil,
            confirmAmendment: available.contains(.confirmAmendment), notSignable: blocked)
        func confirmations(
            _ buyer: Contract.Confirmation?, _ seller: Contract.Confirmation?, hash: String
        )
            -> [ContractViews.Confirmation]
        {
            [(ContractParty.buyer, buyer), (.seller, seller)].map { party, confirmation in
                let current = confirmation?.termsHash == hash
                return ContractViews.Confirmation(
                    party: visit.text("deal.party.\(party.rawValue)"), confirmed: current,
                    at: current ? confirmation.map { Display.dateTime($0.at) } : nil)
            }
        }
        let view = ContractViews.Detail(
            id: id, title: terms.title, buyer: names[contract.buyerOrganizationId] ?? "",
            seller: names[contract.sellerOrganizationId] ?? "", type: Self.type(terms.type, visit),
            exclusive: terms.exclusive, value: Language.yuan(terms.valueFen), paid: Language.yuan(contract.paidFen),
            status: visit.text("deal.contract.status.\(contract.status.rawValue)"),
            statusValue: contract.status.rawValue, version: contract.version, termsHash: contract.termsHash,
            term: "\(Display.date(terms.termStart)) – \(Display.date(terms.termEnd))", fileSha256: terms.fileSha256,
            instalments: terms.instalments.enumerated().map { index, instalment in
                ContractViews.Instalment(
                    number: index + 1, dueOn: Display.date(instalment.dueOn),
                    amount: Language.yuan(instalment.amountFen))
            },
            payments: contract.payments.map { payment in
                ContractViews.Payment(
                    paidOn: Display.date(payment.paidOn), amount: Language.yuan(payment.amountFen),
                    instalment: payment.instalment.map(String.init) ?? "—")
            },
            hasPayments: !contract.payments.isEmpty, registrationNumber: contract.registration.number,
            registeredAt: contract.registration.registeredAt.map(Display.dateTime),
            appliedAt: contract.registration.appliedAt.map(Display.dateTime),
            returnedReason: contract.registration.returnedReason,
            confirmations: confirmations(
                contract.buyerConfirmation, contract.sellerConfirmation, hash: contract.termsHash),
            amendment: contract.amendment.map { amendment in
                ContractViews.Amendment(
                    termsHash: amendment.termsHash,
                    proposedBy: visit.text("deal.party.\(amendment.proposedBy.rawValue)"),
                    value: Language.yuan(amendment.terms.valueFen), title: amendment.terms.title,
                    confirmations: confirmations(
                        amendment.buyerConfirmation, amendment.sellerConfirmation, hash: amendment.termsHash))
            },
            terminationReason: contract.terminationReason,
            history: contract.history.reversed().map { event in
                ContractViews.Event(
                    step: visit.text("deal.step.\(event.step)"),
                    party: event.party.map { visit.text("deal.party.\($0)") } ?? "—", version: event.version,
                    at: Display.dateTime(event.at), reason: event.reason)
            },
            origin: terms.connectionId.map { "/console/connections/\($0)" }, steps: steps,
            hasSteps: !offered.isEmpty || steps.amend != nil || steps.proposeAmendment != nil, notice: notice,
            formError: failure?.formError, errors: failure?.errors, typed: typed)
        return site.page(visit, template: "contract", title: terms.title, view)
    }
}
