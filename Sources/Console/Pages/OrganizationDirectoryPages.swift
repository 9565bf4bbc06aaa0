import Foundation
import Hummingbird
import Identity
import Kernel
import Platform

/// The corridor's organisations, by kind and city, a page at a time — `GET /v1/organizations`
/// for people: whom a clerk, a broker or a university is dealing with.
struct OrganizationDirectoryPages {
    let site: Site

    struct Directory: Sendable {
        var rows: [Row]
        var kinds: [Choice]
        var cities: [Choice]
        var next: String?
        var empty: Bool
    }

    struct Row: Sendable {
        var name: String
        var kind: String
        var city: String
        var park: String
        var creditCode: String
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("organizations") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                let query = request.uri.queryParameters
                let kind = query.get("kind").flatMap { OrganizationKind(rawValue: $0) }
                let city = query.get("city").flatMap { CityCode(rawValue: $0) }
                let page = try PageRequest(limit: 50, cursor: query.get("cursor").flatMap { $0.isEmpty ? nil : $0 })
                let found = try await site.services.organizations.list(kind: kind, city: city, page: page, by: actor)
                let zh = visit.language == .zh
                var next: String?
                if let cursor = found.nextCursor {
                    var parts = ["cursor=\(cursor)"]
                    if let kind { parts.append("kind=\(kind.rawValue)") }
                    if let city { parts.append("city=\(city.rawValue)") }
                    next = "/console/organizations?" + parts.joined(separator: "&")
                }
                let directory = Directory(
                    rows: found.items.map {
                        Row(
                            name: $0.name, kind: visit.text("reg.kind.\($0.kind.rawValue)"),
                            city: zh ? $0.city.nameZh : $0.city.nameEn, park: $0.park ?? "—", creditCode: $0.creditCode)
                    },
                    kinds: OrganizationKind.allCases.map {
                        Choice(value: $0.rawValue, label: visit.text("reg.kind.\($0.rawValue)"), selected: $0 == kind)
                    },
                    cities: CityCode.allCases.map {
                        Choice(value: $0.rawValue, label: zh ? $0.nameZh : $0.nameEn, selected: $0 == city)
                    },
                    next: next, empty: found.items.isEmpty)
                return site.page(
                    visit, template: "organizations", title: visit.text("directory.title"), directory)
            }
        }
    }
}
