import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Store

/// Drafting a contract from an accepted connection, and changing its terms: a draft's through
/// `amend` (both confirm again), a signed contract's through `proposeAmendment` (the signed
/// version stands until the other party confirms). Amounts are typed in yuan and sent in fen.
struct ContractFormPages {
    let site: Site
    static let instalmentRows = 4

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("contracts/new") { request, context in
            await site.handle(request, context) { visit in
                guard let id = request.uri.queryParameters["connection"].flatMap({ Int64(String($0)) }) else {
                    throw PublicPages.notFound
                }
                let (_, actor) = try DealPages.party(visit)
                let origin = try await origin(id, actor)
                return await form(visit, origin: origin, typed: nil, failure: nil)
            }
        }
        console.post("contracts") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try DealPages.party(visit)
                let form = try await site.form(request, visit)
                guard let id = form["connection"].flatMap({ Int64($0) }) else { throw PublicPages.notFound }
                let origin = try await origin(id, actor)
                return try await DealPages.attempt(visit) {
                    var terms = try Self.terms(form)
                    (terms.listingIds, terms.needId, terms.challengeId, terms.connectionId) = (
                        origin.listingIds, origin.needId, origin.challengeId, id
                    )
                    let contract = try await site.services.contracts.create(
                        NewContract(
                            buyerOrganizationId: origin.buyer, sellerOrganizationId: origin.seller, terms: terms),
                        by: actor)
                    return site.redirect("/console/contracts/\(contract.id)?done=created")
                } form: { failure in
                    await self.form(visit, origin: origin, typed: form, failure: failure)
                }
            }
        }
        console.get("contracts/:id/amend") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try DealPages.party(visit)
                let contract = try await site.services.contracts.get(try DealPages.id(context), viewer: actor)
                return await amendForm(visit, contract, actor, typed: nil, failure: nil)
            }
        }
        console.post("contracts/:id/amend") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try DealPages.party(visit)
                let id = try DealPages.id(context)
                let form = try await site.form(request, visit)
                let contract = try await site.services.contracts.get(id, viewer: actor)
                return try await DealPages.attempt(visit) {
                    var terms = try Self.terms(form)
                    let kept = contract.terms
                    (terms.listingIds, terms.needId, terms.challengeId, terms.connectionId) = (
                        kept.listingIds, kept.needId, kept.challengeId, kept.connectionId
                    )
                    let step: ContractStepKind
                    if contract.status == .draft {
                        (_, step) = (try await site.services.contracts.amend(id, terms: terms, by: actor), .amend)
                    } else {
                        (_, step) = (
                            try await site.services.contracts.proposeAmendment(id, terms: terms, by: actor),
                            .proposeAmendment
                        )
                    }
                    return site.redirect("/console/contracts/\(id)?done=\(step.rawValue)")
                } form: { failure in
                    await amendForm(visit, contract, actor, typed: form, failure: failure)
                }
            }
        }
    }

    /// Who buys and who sells, and what the contract is about, from an accepted connection: the
    /// owner of the patent or achievement sells; the owner of the need or challenge buys.
    struct Origin: Sendable {
        var buyer: Int64
        var seller: Int64
        var listingIds: [Int64] = []
        var needId: Int64?
        var challengeId: Int64?
        var connection: Int64
        var type: ContractType
    }

    func origin(_ id: Int64, _ actor: Actor) async throws -> Origin {
        let connection = try await site.services.connections.get(id, viewer: actor)
        guard connection.status == .accepted else { throw DealsError.threadClosed }
        let requester = connection.requesterOrganizationId, receiver = connection.receiverOrganizationId
        switch connection.subject {
        case .patent(let listing):
            return Origin(
                buyer: requester, seller: receiver, listingIds: [listing], connection: id, type: .patentLicence)
        case .achievement(let listing):
            return Origin(
                buyer: requester, seller: receiver, listingIds: [listing], connection: id, type: .technicalSecretLicence
            )
        case .need(let need):
            return Origin(
                buyer: receiver, seller: requester, needId: need, connection: id, type: .commissionedDevelopment)
        case .challenge(let challenge):
            return Origin(
                buyer: receiver, seller: requester, challengeId: challenge, connection: id,
                type: .commissionedDevelopment)
        case .match(let need, let listing):
            let owner = try await site.services.needs.get(need, viewer: actor).ownerOrganizationId
            return Origin(
                buyer: owner, seller: owner == requester ? receiver : requester, listingIds: [listing], needId: need,
                connection: id, type: .patentLicence)
        }
    }

    /// The terms as typed; what cannot be read is refused next to its field before the domain
    /// checks the rest (blank instalment rows are skipped).
    static func terms(_ form: Form) throws -> ContractTerms {
        let type = try EnterpriseForms.choice(form["type"], field: "type", as: ContractType.self)
        let dues = form.all("dueOn"), amounts = form.all("amount")
        var instalments: [ContractTerms.Instalment] = []
        for index in 0..<min(max(dues.count, amounts.count), 60) {
            let due = index < dues.count ? dues[index] : "", amount = index < amounts.count ? amounts[index] : ""
            if due.trimmingCharacters(in: .whitespaces).isEmpty, amount.trimmingCharacters(in: .whitespaces).isEmpty {
                continue
            }
            instalments.append(
                ContractTerms.Instalment(
                    dueOn: try DealInput.day(due, field: "instalments"),
                    amountFen: try EnterpriseForms.fen(amount, field: "instalments") ?? 0))
        }
        return ContractTerms(
            type: type, exclusive: form["exclusive"] != nil, title: form["title"] ?? "",
            valueFen: try EnterpriseForms.fen(form["value"], field: "valueFen") ?? 0, instalments: instalments,
            termStart: try DealInput.day(form["termStart"], field: "termStart"),
            termEnd: try DealInput.day(form["termEnd"], field: "termEnd"), fileSha256: form.text("fileSha256"))
    }

    // MARK: - The form

    func form(_ visit: Visit, origin: Origin, typed: Form?, failure: FormFailure?) async -> Response {
        let actor = visit.actor ?? .system("console", requestID: visit.requestID)
        let names = await DealPages.names(site, [origin.buyer, origin.seller], actor)
        var references: [String] = []
        for listing in origin.listingIds { references.append(await DealPages.supply(site, listing, actor).title) }
        if let need = origin.needId, let title = try? await site.services.needs.get(need, viewer: actor).title {
            references.append(title)
        }
        let today = Display.date(site.services.database.clock.now())
        var view = Self.view(
            visit, typed: typed, type: origin.type.rawValue, action: "/console/contracts",
            heading: visit.text("deal.contract.new"), submit: visit.text("deal.contract.create"),
            cancel: "/console/connections/\(origin.connection)", connection: origin.connection,
            buyer: names[origin.buyer] ?? "", seller: names[origin.seller] ?? "",
            references: references.isEmpty ? nil : references.joined(separator: "；"))
        if typed == nil { (view.termStart, view.value) = (today, nil) }
        view.formError = failure?.formError
        view.errors = failure?.errors
        return site.page(
            visit, template: "contract-form", title: view.heading, view,
            status: failure == nil ? .ok : .unprocessableContent)
    }

    func amendForm(
        _ visit: Visit, _ contract: Contract, _ actor: Actor, typed: Form?, failure: FormFailure?
    ) async
        -> Response
    {
        let names = await DealPages.names(site, [contract.buyerOrganizationId, contract.sellerOrganizationId], actor)
        let terms = contract.amendment?.terms ?? contract.terms
        var current = Form()
        if typed == nil {
            var values: [String: [String]] = [
                "title": [terms.title], "type": [terms.type.rawValue], "value": [Self.yuan(terms.valueFen)],
                "termStart": [Display.date(terms.termStart)], "termEnd": [Display.date(terms.termEnd)],
                "fileSha256": [terms.fileSha256 ?? ""], "dueOn": terms.instalments.map { Display.date($0.dueOn) },
                "amount": terms.instalments.map { Self.yuan($0.amountFen) },
            ]
            if terms.exclusive { values["exclusive"] = ["1"] }
            current = Form(values: values)
        }
        var view = Self.view(
            visit, typed: typed ?? current, type: terms.type.rawValue,
            action: "/console/contracts/\(contract.id)/amend",
            heading: visit.text("deal.contract.amendTitle"), submit: visit.text("deal.contract.save"),
            cancel: "/console/contracts/\(contract.id)", connection: nil,
            buyer: names[contract.buyerOrganizationId] ?? "", seller: names[contract.sellerOrganizationId] ?? "",
            references: nil)
        view.formError = failure?.formError
        view.errors = failure?.errors
        return site.page(
            visit, template: "contract-form", title: view.heading, view,
            status: failure == nil ? .ok : .unprocessableContent)
    }

    /// Fen as yuan typed back into a field: "300000" or "1234.5".
    static func yuan(_ fen: Int64) -> String {
        fen % 100 == 0 ? String(fen / 100) : String(format: "%lld.%02lld", fen / 100, fen % 100)
    }

    static func view(
        _ visit: Visit, typed: Form?, type: String, action: String, heading: String, submit: String, cancel: String,
        connection: Int64?, buyer: String, seller: String, references: String?
    ) -> ContractViews.Form {
        let chosen = typed?["type"] ?? type
        let dues = typed?.all("dueOn") ?? [], amounts = typed?.all("amount") ?? []
        let rows = max(Self.instalmentRows, dues.count, amounts.count)
        return ContractViews.Form(
            action: action, heading: heading, submit: submit, cancel: cancel, connection: connection, buyer: buyer,
            seller: seller, references: references, title: typed?["title"],
            types: ContractType.allCases.map { option in
                Choice(
                    value: option.rawValue, label: ContractPages.type(option, visit),
                    selected: option.rawValue == chosen)
            },
            exclusive: typed?["exclusive"] != nil, value: typed?["value"],
            instalments: (0..<min(rows, 60)).map { index in
                ContractViews.Instalment(
                    number: index + 1, dueOn: index < dues.count ? dues[index] : "",
                    amount: index < amounts.count ? amounts[index] : "")
            },
            termStart: typed?["termStart"], termEnd: typed?["termEnd"], fileSha256: typed?["fileSha256"])
    }
}
