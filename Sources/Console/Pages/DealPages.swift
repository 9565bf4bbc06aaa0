import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// The deal pages (issue 16): connection requests and their threads (ConnectionPages), technology
/// contracts (ContractPages) and the city's registration queue (ContractRegistrationPages). The
/// rules are the Deals module's; these pages only show what its services answer.
struct DealPages {
    let site: Site

    /// The organisations whose people connect and sign contracts.
    static let kinds: Set<OrganizationKind> = [.enterprise, .university, .institute, .lab, .provider]

    func register(on console: RouterGroup<AppRequestContext>) {
        ConnectionPages(site: site).register(on: console)
        ContractPages(site: site).register(on: console)
        ContractRegistrationPages(site: site).register(on: console)
    }

    /// An organisation administrator or member of an enterprise, university, institute, lab or
    /// provider; anyone else is refused (403), anonymous visitors go to sign in.
    static func party(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .orgAdmin || principal.role == .orgMember, kinds.contains(principal.organizationKind)
        else { throw DomainError.forbidden }
        return (principal, actor)
    }

    /// Who may read a thread: its parties' people, and auditors (who read, never act).
    static func reader(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        if principal.role == .auditor { return (principal, actor) }
        return try party(visit)
    }

    static func id<Context: RequestContext>(_ context: Context) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw PublicPages.notFound }
        return id
    }

    /// Organisation names for the ids (anyone signed in reads names).
    static func names(_ site: Site, _ ids: some Sequence<Int64>, _ actor: Actor) async -> [Int64: String] {
        var result: [Int64: String] = [:]
        for id in Set(ids) {
            result[id] = (try? await site.services.organizations.get(id, by: actor).name) ?? "#\(id)"
        }
        return result
    }

    /// What a connection is about, as a label, a title and the public page of the item.
    struct Subject: Sendable {
        let label: String
        let title: String
        let href: String?
    }

    static func subject(_ site: Site, _ subject: ConnectionSubject, _ visit: Visit) async -> Subject {
        let actor = visit.actor
        let label = visit.text("deal.subject.\(subject.kind.rawValue)")
        switch subject {
        case .patent(let id):
            let title = (try? await site.services.patents.get(id, viewer: actor).title) ?? "#\(id)"
            return Subject(label: label, title: title, href: "/console/patents/\(id)")
        case .achievement(let id):
            let title = (try? await site.services.achievements.get(id, viewer: actor).title) ?? "#\(id)"
            return Subject(label: label, title: title, href: "/console/achievements/\(id)")
        case .need(let id):
            let title = (try? await site.services.needs.get(id, viewer: actor).title) ?? "#\(id)"
            return Subject(label: label, title: title, href: "/console/needs/\(id)")
        case .challenge(let id):
            let title = (try? await site.services.challenges.get(id, viewer: actor).title) ?? "#\(id)"
            return Subject(label: label, title: title, href: "/console/challenges/\(id)")
        case .match(let needId, let listingId):
            let need = (try? await site.services.needs.get(needId, viewer: actor).title) ?? "#\(needId)"
            let supply = await supply(site, listingId, actor)
            return Subject(label: label, title: "\(need) ↔ \(supply.title)", href: supply.href)
        }
    }

    /// A patent or achievement's title and page, whichever it is.
    static func supply(_ site: Site, _ id: Int64, _ actor: Actor?) async -> (title: String, href: String?) {
        if let patent = try? await site.services.patents.get(id, viewer: actor) {
            return (patent.title, "/console/patents/\(id)")
        }
        if let achievement = try? await site.services.achievements.get(id, viewer: actor) {
            return (achievement.title, "/console/achievements/\(id)")
        }
        return ("#\(id)", nil)
    }

    /// Runs a form action: invalid input or a conflict shows the page again with the domain's
    /// message (422, 409, or the status of the kinds added); an eligibility refusal goes to the error page as everywhere.
    static func attempt(
        _ visit: Visit, also kinds: Set<DomainError.Kind> = [], _ action: () async throws -> Response,
        form: (_ failure: FormFailure) async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError
            where [.invalid, .conflict, .malformed].contains(error.kind) || kinds.contains(error.kind)
        {
            var failure = FormErrors.context(error, visit)
            if let field = error.field.map({ String($0.prefix { $0 != "[" }) }) {
                failure.errors = FieldErrors(field: field, message: visit.language.message(error))
            }
            var response = try await form(failure)
            response.status = error.kind.status
            return response
        }
    }
}

/// Reading what people type on the deal forms: dates as the start of that day in China.
enum DealInput {
    static func day(_ text: String?, field: String) throws -> Date {
        let parts = (text ?? "").trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Display.china
        guard parts.count == 3, (1...9999).contains(parts[0]),
            let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            calendar.component(.day, from: date) == parts[2]
        else { throw EnterpriseForms.invalid("date_invalid", field: field, key: "enterprise.date.invalid") }
        return date
    }
}
