import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Matching
import Platform

/// The broker's page (issue 18): the clients whose delegations to its organisation are active,
/// their open needs and their best matches, and "act for" a client to post a need. The need is
/// written with the broker acting for the client; the write path checks the delegation inside
/// the transaction, so a revoked delegation refuses the post here exactly as on the API.
struct BrokerPages {
    let site: Site

    var delegations: DelegationService { DelegationService(database: site.services.database) }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("broker") { request, context in
            await site.handle(request, context) { visit in
                try await page(
                    visit, notice: request.uri.queryParameters["done"].map { _ in visit.text("broker.posted") })
            }
        }
        console.post("broker/needs") { request, context in
            await site.handle(request, context) { visit in try await post(request, visit) }
        }
    }

    /// A signed-in user of a registered broker organisation; others 403.
    func broker(_ visit: Visit) async throws -> (Actor, BrokerAgency) {
        let (_, actor) = try visit.signedIn()
        guard let organization = actor.organizationID,
            let agency = try await BrokerService(database: site.services.database).agency(ofOrganization: organization)
        else { throw DomainError.forbidden }
        return (actor, agency)
    }

    func post(_ request: Request, _ visit: Visit) async throws -> Response {
        let (actor, _) = try await broker(visit)
        let form = try await site.form(request, visit)
        let typed = BrokerViews.Typed(
            client: form["client"] ?? "", title: form["title"] ?? "", description: form["description"] ?? "",
            field: form["field"] ?? "", deadline: form["deadline"] ?? "", mode: form["mode"] ?? "")
        let refusals: Set<String> = [
            "not_a_broker", "delegation_missing", "delegation_not_started", "delegation_expired", "delegation_revoked",
            "delegation_out_of_scope",
        ]
        return try await EnterpriseForms.attempt(visit, placing: ["forbidden": "client"], inline: refusals) {
            guard let client = form["client"].flatMap(Int64.init), client > 0 else {
                throw EnterpriseForms.invalid("invalid_choice", field: "client", key: "enterprise.choice.invalid")
            }
            let acting = try actor.acting(for: try await ActingFor.resolve(client, database: site.services.database))
            let input = NewNeed(
                title: typed.title, description: typed.description,
                fields: [try EnterpriseForms.choice(typed.field, field: "fields", as: Field.self)], keywords: [],
                budget: PriceRange(minFen: nil, maxFen: nil, negotiable: true),
                deadline: try EnterpriseForms.endOfDay(typed.deadline, field: "deadline"),
                cooperationMode: try EnterpriseForms.choice(typed.mode, field: "mode", as: Need.Mode.self))
            _ = try await site.services.needs.create(input, by: acting)
            return site.redirect("/console/broker?done=posted")
        } form: { failure, status in
            try await page(visit, typed: typed, failure: failure, status: status)
        }
    }

    func page(
        _ visit: Visit, notice: String? = nil, typed: BrokerViews.Typed = .init(), failure: FormFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (actor, agency) = try await broker(visit)
        let language = visit.language
        let active = try await delegations.activeClients(of: actor)
        var clients: [BrokerViews.Client] = []
        for delegation in active.prefix(50) {
            // Reads as the client, for a client whose delegation to us is active right now.
            let acting = try actor.acting(
                for: try await ActingFor.resolve(delegation.clientOrganizationId, database: site.services.database))
            let needs = try await site.services.needs.owned(
                by: delegation.clientOrganizationId, page: PageRequest(limit: 20), viewer: acting
            ).items.filter { $0.status == .open || $0.status == .inTalks }
            var rows: [BrokerViews.Need] = []
            for need in needs.prefix(10) {
                let matches =
                    (try? await site.services.matches.forNeed(need.id, options: MatchOptions(limit: 3), viewer: acting))?
                    .items.map(\.title) ?? []
                rows.append(
                    BrokerViews.Need(
                        id: need.id, title: need.title, deadline: Display.date(need.deadline), matches: matches,
                        hasMatches: !matches.isEmpty))
            }
            clients.append(
                BrokerViews.Client(
                    id: delegation.clientOrganizationId, name: delegation.clientName,
                    scope: delegation.scope.map { visit.text("delegation.scope.\($0.rawValue)") }
                        .joined(separator: language == .zh ? "、" : ", "),
                    ends: Display.date(delegation.endsAt), needs: rows, hasNeeds: !rows.isEmpty))
        }
        let postable = active.filter { $0.scope.contains(.needs) }
        let clientChoices = EnterpriseForms.options(
            postable.map { (String($0.clientOrganizationId), $0.clientName) }, selected: typed.client)
        let view = BrokerViews.Page(
            notice: notice, formError: failure?.formError, errors: failure?.errors ?? .empty,
            agency: agency.organizationName, agencyKind: visit.text("broker.kind.\(agency.kind.rawValue)"),
            clients: clients, hasClients: !clients.isEmpty, clientChoices: clientChoices,
            canPost: !clientChoices.isEmpty || failure != nil, title: typed.title, description: typed.description,
            deadline: typed.deadline,
            fieldChoices: EnterpriseForms.options(
                Field.allCases.map { ($0.rawValue, Display.field($0, language)) }, selected: typed.field),
            modes: EnterpriseForms.options(
                Need.Mode.allCases.map { ($0.rawValue, visit.text("enterprise.mode.\($0.rawValue)")) },
                selected: typed.mode),
            today: Display.date(site.services.clock.now()))
        return site.page(visit, template: "broker", title: visit.text("broker.title"), view, status: status)
    }
}

enum BrokerViews {
    struct Typed: Sendable {
        var client = ""
        var title = ""
        var description = ""
        var field = ""
        var deadline = ""
        var mode = ""
    }

    struct Need: Sendable {
        let id: Int64
        let title: String
        let deadline: String
        let matches: [String]
        let hasMatches: Bool
    }

    struct Client: Sendable {
        let id: Int64
        let name: String
        let scope: String
        let ends: String
        let needs: [Need]
        let hasNeeds: Bool
    }

    struct Page: Sendable {
        let notice: String?
        let formError: String?
        let errors: FieldErrors
        let agency: String
        let agencyKind: String
        let clients: [Client]
        let hasClients: Bool
        let clientChoices: [Choice]
        let canPost: Bool
        let title: String
        let description: String
        let deadline: String
        let fieldChoices: [Choice]
        let modes: [Choice]
        let today: String
    }
}
