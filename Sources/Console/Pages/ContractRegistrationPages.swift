import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// 技术合同认定登记 for the registration clerk of the seller's city (a `city_admin`): the
/// contracts awaiting registration in their city, registered with a number or sent back with a
/// reason. The service scopes the list to the clerk's city and refuses a clerk of another city.
struct ContractRegistrationPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("city/registrations") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                let notice = done.flatMap { ["register", "return_registration"].contains($0) ? $0 : nil }
                return try await queue(visit, notice: notice.map { visit.text("deal.done.\($0)") })
            }
        }
        for step in [ContractStepKind.register, .returnRegistration] {
            console.post("city/registrations/:id/\(step == .register ? "register" : "return")") { request, context in
                await site.handle(request, context) { visit in
                    let id = try DealPages.id(context)
                    let (_, actor) = try Self.clerk(visit)
                    let form = try await site.form(request, visit)
                    return try await DealPages.attempt(visit) {
                        try await ContractPages.take(step, id, form, site, by: actor)
                        return site.redirect("/console/city/registrations?done=\(step.rawValue)")
                    } form: { failure in
                        try await queue(visit, failure: failure, failedID: id)
                    }
                }
            }
        }
    }

    /// A city administrator (the registration clerk of their city); anyone else is refused (403).
    static func clerk(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .cityAdmin else { throw DomainError.forbidden }
        return (principal, actor)
    }

    func queue(
        _ visit: Visit, notice: String? = nil, failure: FormFailure? = nil, failedID: Int64? = nil
    ) async throws -> Response {
        let (_, actor) = try Self.clerk(visit)
        let contracts = site.services.contracts
        let waiting = try await contracts.list(
            viewer: actor, status: .registrationApplied, page: PageRequest(limit: 100))
        let registered = try await contracts.list(viewer: actor, status: .registered, page: PageRequest(limit: 100))
        let names = await DealPages.names(
            site, (waiting.items + registered.items).flatMap { [$0.buyerOrganizationId, $0.sellerOrganizationId] },
            actor)
        let rows = waiting.items.map { contract in
            ContractViews.QueueRow(
                id: contract.id, href: "/console/contracts/\(contract.id)", title: contract.terms.title,
                buyer: (names[contract.buyerOrganizationId] ?? "") + " · " + visit.language.city(contract.buyerCity),
                seller: (names[contract.sellerOrganizationId] ?? "") + " · " + visit.language.city(contract.sellerCity),
                type: ContractPages.type(contract.terms.type, visit), value: Language.yuan(contract.terms.valueFen),
                appliedAt: contract.registration.appliedAt.map(Display.dateTime) ?? "—",
                termsHash: contract.termsHash)
        }
        let done = registered.items.reversed().map { contract in
            ContractPages.row(
                contract, visit, party: names[contract.sellerOrganizationId] ?? "",
                other: names[contract.buyerOrganizationId] ?? "")
        }
        return site.page(
            visit, template: "city-registrations", title: visit.text("deal.registrations.title"),
            ContractViews.Queue(
                items: rows, hasItems: !rows.isEmpty, registered: done, hasRegistered: !done.isEmpty, notice: notice,
                formError: failure?.formError, errors: failure?.errors, failedID: failedID))
    }
}
