import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// One achievement (科技成果) added by hand to the portfolio — `POST /v1/achievements` for people
/// (patents come in bulk through the import page). A refused form shows again with what was
/// typed and the message on its field; nothing is written.
struct AchievementFormPages {
    let site: Site

    struct Form: Sendable {
        var title: String
        var summary: String
        var keywords: String
        var priceMin: String
        var priceMax: String
        var trls: [Choice]
        var fields: [Choice]
        var modes: [Check]
        var formError: String?
        var errors: FieldErrors
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("portfolio/achievements/new") { request, context in
            await site.handle(request, context) { visit in try page(visit, typed: [:], modes: []) }
        }
        console.post("portfolio/achievements") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try UniversityPages.member(visit)
                let form = try await site.form(request, visit)
                var typed: [String: String] = [:]
                for key in ["title", "summary", "keywords", "priceMin", "priceMax", "trl", "field"] {
                    typed[key] = form[key] ?? ""
                }
                let modes = form.all("mode")
                return try await EnterpriseForms.attempt(visit) {
                    let trl = Int(typed["trl"] ?? "") ?? 0
                    let field = try EnterpriseForms.choice(typed["field"], field: "fields", as: Field.self)
                    let cooperation = try modes.map {
                        try EnterpriseForms.choice($0, field: "cooperationModes", as: CooperationMode.self)
                    }
                    let keywords = (typed["keywords"] ?? "").split(whereSeparator: { ",，、".contains($0) })
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    let price = PriceRange(
                        minFen: try EnterpriseForms.fen(typed["priceMin"], field: "price.minFen"),
                        maxFen: try EnterpriseForms.fen(typed["priceMax"], field: "price.maxFen"))
                    let created = try await site.services.achievements.create(
                        .make(
                            title: typed["title"] ?? "", summary: typed["summary"] ?? "", trl: trl, fields: [field],
                            keywords: keywords.isEmpty ? nil : keywords, cooperationModes: cooperation, price: price),
                        by: actor)
                    return site.redirect("/console/achievements/\(created.id)")
                } form: { failure, status in
                    var response = try page(visit, typed: typed, modes: modes, failure: failure)
                    response.status = status
                    return response
                }
            }
        }
    }

    func page(
        _ visit: Visit, typed: [String: String], modes: [String], failure: FormFailure? = nil
    ) throws -> Response {
        _ = try UniversityPages.member(visit)
        let view = Form(
            title: typed["title"] ?? "", summary: typed["summary"] ?? "", keywords: typed["keywords"] ?? "",
            priceMin: typed["priceMin"] ?? "", priceMax: typed["priceMax"] ?? "",
            trls: (1...9).map { Choice(value: String($0), label: "TRL \($0)", selected: typed["trl"] == String($0)) },
            fields: EnterpriseForms.options(
                Field.allCases.map { ($0.rawValue, Display.field($0, visit.language)) }, selected: typed["field"]),
            modes: CooperationMode.allCases.map {
                Check(
                    value: $0.rawValue, label: visit.text("achievement.mode.\($0.rawValue)"),
                    checked: modes.contains($0.rawValue))
            },
            formError: failure?.formError, errors: failure?.errors ?? .empty)
        return site.page(visit, template: "achievement-form", title: visit.text("achievement.new"), view)
    }
}
