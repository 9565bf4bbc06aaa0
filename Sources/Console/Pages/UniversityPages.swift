import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Matching
import Platform

/// The pages of universities, institutes and labs: the portfolio with each listing's matches,
/// bulk import (UniversityImportPage) and challenge applications (UniversityApplicationPages).
struct UniversityPages {
    let site: Site

    static let kinds: Set<OrganizationKind> = [.university, .institute, .lab]

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("portfolio") { request, context in
            await site.handle(request, context) { visit in try await portfolio(request, visit) }
        }
        console.get("portfolio/:kind/:id/matches") { request, context in
            await site.handle(request, context) { visit in
                guard let kind = context.parameters.get("kind").flatMap(CandidateKind.init(rawValue:)),
                    kind == .patent || kind == .achievement,
                    let id = context.parameters.get("id").flatMap(Int64.init)
                else { throw PublicPages.notFound }
                return try await matches(kind, id, request, visit)
            }
        }
        UniversityImportPage(site: site).register(on: console)
        UniversityApplicationPages(site: site).register(on: console)
    }

    /// The signed-in user of a university, institute or lab; anyone else is refused (403).
    static func member(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard kinds.contains(principal.organizationKind) else { throw DomainError.forbidden }
        return (principal, actor)
    }

    /// The user's own organisation as an authorisation target.
    static func own(_ principal: Principal) -> AccessTarget {
        AccessTarget(organizationID: principal.organizationID, city: principal.city)
    }

    // MARK: - Portfolio

    func portfolio(_ request: Request, _ visit: Visit) async throws -> Response {
        let (principal, actor) = try Self.member(visit)
        let parameters = request.uri.queryParameters
        let language = visit.language
        let canMatch = Authorization.allows(actor, .matchView, on: Self.own(principal))
        let canEdit = Authorization.allows(actor, .listingUpdate, on: Self.own(principal))
        let organization = principal.organizationID
        let patents = try await site.services.patents.owned(
            by: organization, page: try PageRequest(limit: 50, cursor: parameters["patents"].map(String.init)),
            viewer: actor
        )
        let achievements = try await site.services.achievements.owned(
            by: organization, page: try PageRequest(limit: 50, cursor: parameters["achievements"].map(String.init)),
            viewer: actor
        )
        func status(_ status: SupplyStatus, hidden: Bool) -> String {
            visit.text("university.supply.\(status.rawValue)")
                + (hidden ? " · " + visit.text("university.supply.hidden") : "")
        }
        let patentRows = patents.items.map { patent in
            UniversityViews.Patent(
                href: "/console/patents/\(patent.id)", title: patent.title, number: patent.number,
                status: status(patent.status, hidden: patent.moderation != nil),
                fields: Display.fields(patent.fields, language),
                updated: Display.date(patent.updatedAt),
                matches: canMatch ? "/console/portfolio/patent/\(patent.id)/matches" : nil,
                edit: canEdit ? "/console/portfolio/patent/\(patent.id)/edit" : nil)
        }
        let achievementRows = achievements.items.map { achievement in
            UniversityViews.Achievement(
                href: "/console/achievements/\(achievement.id)", title: achievement.title, trl: achievement.trl,
                status: status(achievement.status, hidden: achievement.moderation != nil),
                fields: Display.fields(achievement.fields, language), updated: Display.date(achievement.updatedAt),
                matches: canMatch ? "/console/portfolio/achievement/\(achievement.id)/matches" : nil,
                edit: canEdit ? "/console/portfolio/achievement/\(achievement.id)/edit" : nil)
        }
        return site.page(
            visit, template: "university-portfolio", title: visit.text("university.portfolio.title"),
            UniversityViews.Portfolio(
                organization: visit.organizationName ?? "", patents: patentRows, achievements: achievementRows,
                hasPatents: !patentRows.isEmpty, hasAchievements: !achievementRows.isEmpty,
                patentsNext: patents.nextCursor.map { "/console/portfolio?patents=\($0)" },
                achievementsNext: achievements.nextCursor.map { "/console/portfolio?achievements=\($0)" },
                canImport: Authorization.allows(actor, .listingCreate, on: Self.own(principal))))
    }

    // MARK: - Matches

    /// Needs (or the enterprises behind them) for one of the organisation's patents or
    /// achievements, as `GET /v1/{patents,achievements}/:id/matches` answers.
    func matches(_ kind: CandidateKind, _ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try Self.member(visit)
        let language = visit.language
        let against = request.uri.queryParameters["kind"].flatMap { CandidateKind(rawValue: String($0)) } ?? .need
        let list = try await site.services.matches.forSupply(
            kind, id, options: MatchOptions(kind: against), viewer: actor)
        let subject =
            kind == .patent
            ? try await site.services.patents.get(id, viewer: actor).title
            : try await site.services.achievements.get(id, viewer: actor).title
        let items = list.items.map { match in
            let parts = match.explanation.parts
            let chart = SVG.bars(
                parts.map { part in
                    (
                        label: visit.text("university.signal.\(part.signal)"), value: max(0, part.contribution),
                        text: String(format: "%.3f / %.3f", part.contribution, part.weight)
                    )
                },
                maximum: parts.map(\.weight).max() ?? 1,
                title: visit.text("university.matches.parts") + " · " + match.title
            )
            return UniversityViews.Match(
                rank: match.rank, href: match.kind == .need ? "/console/needs/\(match.id)" : nil,
                title: Display.marking(match.title, terms: match.explanation.matchedTerms),
                snippet: match.explanation.highlights?.snippet.map { Display.segments($0.text, ranges: $0.ranges) }
                    ?? [],
                hasSnippet: match.explanation.highlights?.snippet != nil,
                organization: match.organization?.name ?? "", city: language.city(match.city),
                fields: Display.fields(match.fields, language), score: String(format: "%.3f", match.score),
                terms: match.explanation.matchedTerms.joined(separator: language == .zh ? "、" : ", "),
                dismissed: match.explanation.dismissed, chart: chart,
                connect: match.kind == .need
                    ? "/console/connections/new?kind=match&need=\(match.id)&listing=\(id)" : nil)
        }
        let action = "/console/portfolio/\(kind.rawValue)/\(id)/matches"
        let kinds = [CandidateKind.need, .organisation].map { option in
            Choice(
                value: option.rawValue, label: visit.text("university.matches.kind_\(option.rawValue)"),
                selected: option == against)
        }
        return site.page(
            visit, template: "university-matches", title: visit.text("university.matches.title"),
            UniversityViews.Matches(
                kind: Display.kind(kind == .patent ? .patent : .achievement, language), subject: subject,
                subjectHref: "/console/\(kind.rawValue)s/\(id)", action: action, kinds: kinds, items: items,
                queryTerms: list.queryTerms.joined(separator: language == .zh ? "、" : ", ")))
    }
}
