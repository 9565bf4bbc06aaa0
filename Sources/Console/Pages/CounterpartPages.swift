import Foundation
import Hummingbird
import Identity
import Kernel
import Matching
import Platform

/// The organisation's counterparts over all of its open needs or its supply (an enterprise sees
/// the universities, institutes and labs that fit its needs; a university the enterprises whose
/// needs fit its portfolio) — `GET /v1/organizations/{id}/matches` for people.
struct CounterpartPages {
    let site: Site

    struct Counterparts: Sendable {
        var rows: [Row]
        var empty: Bool
    }

    struct Row: Sendable {
        var rank: Int
        var name: String
        var city: String
        var fields: String
        var score: String
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("counterparts") { request, context in
            await site.handle(request, context) { visit in
                let (principal, actor) = try visit.signedIn()
                let zh = visit.language == .zh
                let found = try await site.services.matches.forOrganization(
                    principal.organizationID, options: MatchOptions(kind: .organisation, limit: 20), viewer: actor)
                let rows = found.items.map { match in
                    Row(
                        rank: match.rank, name: match.organization?.name ?? match.title,
                        city: zh ? match.city.nameZh : match.city.nameEn,
                        fields: match.fields.map { Display.field($0, visit.language) }.joined(
                            separator: zh ? "、" : ", "),
                        score: String(format: "%.0f", match.score))
                }
                return site.page(
                    visit, template: "counterparts", title: visit.text("counterparts.title"),
                    Counterparts(rows: rows, empty: rows.isEmpty))
            }
        }
    }
}
