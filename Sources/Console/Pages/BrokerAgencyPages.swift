import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The register of broker organisations (技术经理人 agencies and sub-markets): every agency for
/// anyone signed in; a city's administrator (or the platform's) registers an organisation of
/// the city as one; an agency's administrator (or its city's) registers its people as brokers —
/// through `BrokerService` as `/v1/broker-agencies…` calls it.
struct BrokerAgencyPages {
    let site: Site

    struct Register: Sendable {
        var agencies: [AgencyRow]
        var mayRegister: Bool
        var own: OwnAgency?
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var organization: String
        var certificate: String
    }

    struct AgencyRow: Sendable {
        var name: String
        var city: String
        var kind: String
        var since: String
    }

    struct OwnAgency: Sendable {
        var id: Int64
        var brokers: [BrokerRow]
        var action: String
    }

    struct BrokerRow: Sendable {
        var name: String
        var certificate: String
        var since: String
    }

    var brokers: BrokerService { BrokerService(database: site.services.database) }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("broker-agencies") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"] != nil
                return try await page(visit, notice: done ? visit.text("agency.saved") : nil)
            }
        }
        console.post("broker-agencies") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                let organization = form["organization"] ?? ""
                let kind = BrokerAgency.Kind(rawValue: form["kind"] ?? "") ?? .agency
                return try await attempt(visit, typed: (organization, "")) {
                    // A number that is no organisation is refused by the service, as the API's.
                    let id = Int64(organization.trimmingCharacters(in: .whitespaces)) ?? 0
                    _ = try await brokers.registerAgency(organizationID: id, kind: kind, by: actor)
                }
            }
        }
        console.post("broker-agencies/:id/brokers") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let form = try await site.form(request, visit)
                guard let agency = context.parameters.get("id").flatMap(Int64.init) else { throw PublicPages.notFound }
                let user = form["user"] ?? "", certificate = form["certificate"] ?? ""
                return try await attempt(visit, typed: (user, certificate)) {
                    let id = Int64(user.trimmingCharacters(in: .whitespaces)) ?? 0
                    let number = certificate.trimmingCharacters(in: .whitespaces)
                    _ = try await brokers.addBroker(
                        agencyID: agency, NewBroker(userId: id, certificateNumber: number.isEmpty ? nil : number),
                        by: actor)
                }
            }
        }
    }

    /// Runs a registration; a refusal (not found, conflict, invalid) shows on the page with what
    /// was typed and nothing written; 403 stays 403.
    func attempt(
        _ visit: Visit, typed: (String, String), _ action: () async throws -> Void
    ) async throws -> Response {
        do {
            try await action()
            return site.redirect("/console/broker-agencies?done=1")
        } catch let error as DomainError where [.invalid, .conflict, .notFound].contains(error.kind) {
            return try await page(
                visit, notice: nil, failure: FormErrors.context(error, visit), typed: typed,
                status: error.kind == .conflict ? .conflict : .unprocessableContent)
        }
    }

    func page(
        _ visit: Visit, notice: String?, failure: FormFailure? = nil, typed: (String, String) = ("", ""),
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (principal, actor) = try visit.signedIn()
        let zh = visit.language == .zh
        let agencies = try await brokers.agencies()
        var own: OwnAgency?
        if principal.role == .orgAdmin,
            let mine = agencies.first(where: { $0.organizationId == principal.organizationID })
        {
            let people = try await brokers.brokers(agencyID: mine.id, viewer: actor)
            own = OwnAgency(
                id: mine.id,
                brokers: people.map {
                    BrokerRow(
                        name: $0.displayName, certificate: $0.certificateNumber ?? "—",
                        since: Display.date($0.registeredAt))
                },
                action: "/console/broker-agencies/\(mine.id)/brokers")
        }
        let register = Register(
            agencies: agencies.map {
                AgencyRow(
                    name: $0.organizationName, city: zh ? $0.city.nameZh : $0.city.nameEn,
                    kind: visit.text("agency.kind.\($0.kind.rawValue)"), since: Display.date($0.registeredAt))
            },
            mayRegister: [.cityAdmin, .platformAdmin].contains(principal.role), own: own, notice: notice,
            formError: failure?.formError, errors: failure?.errors, organization: typed.0, certificate: typed.1)
        return site.page(
            visit, template: "broker-agencies", title: visit.text("agency.title"), register, status: status)
    }
}
