import Deals
import Foundation
import Hummingbird
import Kernel
import Platform

/// `/console/statistics`: technology-contract turnover for everyone (aggregates only), as the
/// API's `GET /v1/statistics/contracts` answers it, with charts and CSV links.
struct StatisticsPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("statistics") { request, context in
            await site.handle(request, context) { visit in try await statistics(request, visit) }
        }
    }

    func statistics(_ request: Request, _ visit: Visit) async throws -> Response {
        let parameters = request.uri.queryParameters
        let fromText = parameters["from"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(10)) }
        let toText = parameters["to"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(10)) }
        let title = visit.text("statistics.title")
        let from: Date?
        let through: Date?
        do {
            from = try ChinaDay.start(fromText, field: "from")
            through = try ChinaDay.start(toText, field: "to")
        } catch let error as DomainError {
            let failure = FormErrors.context(error, visit)
            let view = StatisticsView(
                from: fromText ?? "", to: toText ?? "", formError: failure.formError, errors: failure.errors)
            return site.page(visit, template: "contract-statistics", title: title, view, status: .unprocessableContent)
        }
        let report = try await site.services.contractStatistics.report(
            from: from, to: through.map { $0.addingTimeInterval(86_400) }, viewer: visit.actor)
        return site.page(
            visit, template: "contract-statistics", title: title,
            StatisticsView(report, language: visit.language, from: fromText ?? "", to: toText ?? "", text: visit.text))
    }
}
