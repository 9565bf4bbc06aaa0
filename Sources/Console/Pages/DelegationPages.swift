import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// A client's delegations to brokers (issue 18): its administrator grants a broker organisation
/// a scope until a date, and revokes it at any time (effective at once).
struct DelegationPages {
    let site: Site

    var delegations: DelegationService { DelegationService(database: site.services.database) }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("delegations") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await page(visit, notice: done.map { visit.text("delegation.done.\($0)") })
            }
        }
        console.post("delegations") { request, context in
            await site.handle(request, context) { visit in try await grant(request, visit) }
        }
        console.post("delegations/:id/revoke") { request, context in
            await site.handle(request, context) { visit in
                let actor = try client(visit)
                _ = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                _ = try await delegations.revoke(id, by: actor)
                return site.redirect("/console/delegations?done=revoked")
            }
        }
        // The client's confirmation of one payment its broker may then record on a contract.
        console.post("delegations/:id/confirm") { request, context in
            await site.handle(request, context) { visit in
                let actor = try client(visit)
                let form = try await site.form(request, visit)
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await EnterpriseForms.attempt(visit) {
                    guard let contract = form["contract"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }),
                        contract > 0
                    else {
                        throw EnterpriseForms.invalid(
                            "invalid_choice", field: "contract", key: "enterprise.choice.invalid")
                    }
                    _ = try await delegations.confirmPayment(id, contractID: contract, by: actor)
                    return site.redirect("/console/delegations?done=confirmed")
                } form: { failure, status in
                    try await page(visit, failure: failure, status: status)
                }
            }
        }
    }

    /// The administrator of an enterprise or university; others 403.
    func client(_ visit: Visit) throws -> Actor {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .orgAdmin, [.enterprise, .university].contains(principal.organizationKind) else {
            throw DomainError.forbidden
        }
        return actor
    }

    func grant(_ request: Request, _ visit: Visit) async throws -> Response {
        let actor = try client(visit)
        let form = try await site.form(request, visit)
        let typed = DelegationViews.Typed(
            agency: form["agency"] ?? "", scope: form.all("scope"), ends: form["ends"] ?? "")
        return try await EnterpriseForms.attempt(visit, placing: ["delegation_scope_empty": "scope"]) {
            guard let agency = form["agency"].flatMap(Int64.init), agency > 0 else {
                throw EnterpriseForms.invalid("invalid_choice", field: "agencyId", key: "enterprise.choice.invalid")
            }
            let scope = try typed.scope.map { try EnterpriseForms.choice($0, field: "scope", as: DelegationScope.self) }
            _ = try await delegations.grant(
                NewDelegation(
                    clientOrganizationId: actor.organizationID ?? 0, agencyId: agency, scope: scope, startsAt: nil,
                    endsAt: try EnterpriseForms.endOfDay(typed.ends, field: "endsAt")),
                by: actor)
            return site.redirect("/console/delegations?done=granted")
        } form: { failure, status in
            try await page(visit, typed: typed, failure: failure, status: status)
        }
    }

    func page(
        _ visit: Visit, notice: String? = nil, typed: DelegationViews.Typed = .init(), failure: FormFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let actor = try client(visit)
        let now = site.services.clock.now()
        let language = visit.language
        let rows = try await delegations.list(asBroker: false, viewer: actor).map { delegation in
            let state = delegation.status(at: now)
            return DelegationViews.Row(
                id: delegation.id, agency: delegation.agencyName,
                scope: delegation.scope.map { visit.text("delegation.scope.\($0.rawValue)") }
                    .joined(separator: language == .zh ? "、" : ", "),
                period: "\(Display.date(delegation.startsAt)) – \(Display.date(delegation.endsAt))",
                status: visit.text("delegation.status.\(state.rawValue)"),
                revocable: state == .active || state == .pending,
                confirmable: state == .active && delegation.scope.contains(.money))
        }
        let agencies = try await BrokerService(database: site.services.database).agencies()
            .filter { $0.organizationId != actor.organizationID }
        let view = DelegationViews.Page(
            notice: notice, formError: failure?.formError, errors: failure?.errors ?? .empty, rows: rows,
            hasRows: !rows.isEmpty,
            agencies: EnterpriseForms.options(
                agencies.map { (String($0.id), "\($0.organizationName)（\(language.city($0.city))）") },
                selected: typed.agency),
            hasAgencies: !agencies.isEmpty,
            scopes: DelegationScope.allCases.map {
                Check(
                    value: $0.rawValue, label: visit.text("delegation.scope.\($0.rawValue)"),
                    checked: typed.scope.contains($0.rawValue))
            },
            ends: typed.ends, today: Display.date(now))
        return site.page(visit, template: "delegations", title: visit.text("delegation.title"), view, status: status)
    }
}

enum DelegationViews {
    struct Typed: Sendable {
        var agency = ""
        var scope: [String] = []
        var ends = ""
    }

    struct Row: Sendable {
        let id: Int64
        let agency: String
        let scope: String
        let period: String
        let status: String
        let revocable: Bool
        /// Money is in scope: the client confirms each payment the broker may record.
        let confirmable: Bool
    }

    struct Page: Sendable {
        let notice: String?
        let formError: String?
        let errors: FieldErrors
        let rows: [Row]
        let hasRows: Bool
        let agencies: [Choice]
        let hasAgencies: Bool
        let scopes: [Check]
        let ends: String
        let today: String
    }
}
