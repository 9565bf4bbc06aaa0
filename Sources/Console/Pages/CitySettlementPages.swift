import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// The month's settlement: the whole corridor's issuing city × provider city matrix as a heat
/// map and a table with totals and net positions (other cities' rows read-only, drill-down on
/// the city's own row), the city's payables per payee, what other cities owe its providers, the
/// CSV the API serves, batch approval and "mark paid".
extension CityPages {
    func registerSettlements(on console: RouterGroup<AppRequestContext>) {
        console.get("city/settlements") { request, context in
            await site.handle(request, context) { visit in
                try await settlements(visit, period: period(request), failure: nil)
            }
        }
        console.get("city/settlements.csv") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let report = try await site.services.settlements.report(period: period(request), viewer: actor)
                var headers = Site.securityHeaders
                headers[.contentType] = "text/csv; charset=utf-8"
                headers[.contentDisposition] = "attachment; filename=\"settlement-\(report.period).csv\""
                return Response(
                    status: .ok, headers: headers,
                    body: ResponseBody(byteBuffer: ByteBuffer(string: SettlementService.csv(report))))
            }
        }
        console.get("city/settlements/redemptions") { request, context in
            await site.handle(request, context) { visit in try await cell(request, visit) }
        }
        console.post("city/settlements/approve") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let form = try await site.form(request, visit)
                let period = form["period"] ?? ""
                return try await Self.attempt(
                    visit,
                    {
                        _ = try await site.services.settlements.approve(NewSettlement(period: period), by: actor)
                        return site.redirect("/console/city/settlements?period=\(Self.query(period))")
                    },
                    form: { errors in
                        try await settlements(
                            visit, period: period, failure: RowFailure(kind: "approve", id: 0, errors: errors))
                    })
            }
        }
        console.post("city/settlements/:id/pay") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try admin(visit)
                let batch = try await site.services.settlements.get(try Self.id(context), viewer: actor)
                let form = try await site.form(request, visit)
                return try await Self.attempt(
                    visit,
                    {
                        _ = try await site.services.settlements.pay(
                            batch.id, SettlementPayment(paymentReference: form["paymentReference"] ?? ""), by: actor)
                        return site.redirect("/console/city/settlements?period=\(Self.query(batch.period))")
                    },
                    form: { errors in
                        let failure = RowFailure(
                            kind: "batch", id: batch.id, errors: errors,
                            values: Typed(paymentReference: form["paymentReference"] ?? ""))
                        return try await settlements(visit, period: batch.period, failure: failure)
                    })
            }
        }
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? ""
    }

    /// The `period` asked for, this month by default.
    func period(_ request: Request) -> String {
        request.uri.queryParameters["period"].map { String($0.prefix(20)) }
            ?? CityInput.month(site.services.database.clock.now())
    }

    func settlements(_ visit: Visit, period: String, failure: RowFailure?) async throws -> Response {
        let (_, actor) = try admin(visit)
        let language = visit.language
        let title = visit.text("city.settlements.title")
        let report: SettlementReport
        do {
            report = try await site.services.settlements.report(period: period, viewer: actor)
        } catch let error as DomainError where error.kind == .invalid {
            let failure = FormErrors.context(error, visit)
            let view = SettlementsView(period: period, formError: failure.formError, errors: failure.errors)
            return site.page(visit, template: "city-settlements", title: title, view, status: .unprocessableContent)
        }
        // The whole corridor: every city's row; only the viewer's own row is its to act on.
        let corridor = try await site.services.settlements.corridor(period: report.period, viewer: actor)
        let cities = CityCode.allCases
        let values = cities.map { issuer in cities.map { corridor.matrix[issuer.rawValue]?[$0.rawValue] ?? 0 } }
        let heatMap = SVG.heatMap(
            rows: cities.map(language.city), columns: cities.map(language.city), values: values, format: Language.yuan,
            title: "\(visit.text("city.settlement.heatmap")) \(report.period)"
        )
        let matrix = cities.enumerated().map { row, issuer in
            let own = corridor.city == nil || corridor.city == issuer
            return MatrixRow(
                city: language.city(issuer), total: Language.yuan(corridor.totalsByIssuingCity[issuer.rawValue] ?? 0),
                cells: cities.enumerated().map { column, provider in
                    let amount = values[row][column]
                    let href =
                        "/console/city/settlements/redemptions?period=\(Self.query(report.period))&issuer=\(issuer.rawValue)&provider=\(provider.rawValue)"
                    return Cell(amount: Language.yuan(amount), href: amount > 0 && own ? href : nil)
                }, own: own && corridor.city != nil, readOnly: !own)
        }
        let positions = cities.map { city in
            let owedTo = corridor.totalsByProviderCity[city.rawValue] ?? 0,
                owedBy = corridor.totalsByIssuingCity[city.rawValue] ?? 0
            return Position(
                city: language.city(city), owedTo: Language.yuan(owedTo), owedBy: Language.yuan(owedBy),
                net: Language.yuan(owedTo - owedBy))
        }
        let lines = report.lines.map { line in
            Line(
                issuer: language.city(line.issuingCity), payee: line.payeeName,
                payeeCity: language.city(line.payeeCity),
                mode: visit.text("city.mode.\(line.mode.rawValue)"), redemptions: line.redemptions,
                amount: Language.yuan(line.amountFen), settled: Language.yuan(line.settledFen))
        }
        let receivables = corridor.receivables.map { line in
            Line(
                issuer: language.city(line.issuingCity), payee: line.payeeName,
                payeeCity: language.city(line.payeeCity),
                mode: visit.text("city.mode.\(line.mode.rawValue)"), redemptions: line.redemptions,
                amount: Language.yuan(line.amountFen), settled: Language.yuan(line.settledFen))
        }
        let batches = try await batches(period: report.period, actor)
        let names = await names(batches.flatMap { $0.items.map(\.payeeOrganizationId) }, actor)
        let batchRows = batches.map { batch in
            let failed = Self.failed(failure, "batch", batch.id)
            return BatchRow(
                id: batch.id, city: language.city(batch.city),
                status: visit.text("city.batch.\(batch.status.rawValue)"),
                total: Language.yuan(batch.totalFen), created: Display.dateTime(batch.createdAt),
                reference: batch.paymentReference, paidAt: batch.paidAt.map(Display.dateTime),
                items: batch.items.map { item in
                    BatchItem(
                        payee: names[item.payeeOrganizationId] ?? "", year: item.year,
                        amount: Language.yuan(item.amountFen), count: item.redemptionIds.count)
                },
                // Another administrator records the payment of a batch this one approved.
                canPay: batch.status == .approved && batch.approvedBy != actor.userID
                    && Authorization.allows(
                        actor, .settlementManage, on: AccessTarget(organizationID: nil, city: batch.city)),
                awaitsColleague: batch.status == .approved && batch.approvedBy == actor.userID,
                netted: batch.cashFen.flatMap { $0 != batch.totalFen ? Language.yuan($0) : nil },
                errors: failed.errors, typed: failed.typed)
        }
        let canApprove =
            actor.role == .cityAdmin && !batches.contains { $0.city == actor.city }
            && Authorization.allows(actor, .settlementManage, on: AccessTarget(organizationID: nil, city: actor.city))
        return site.page(
            visit, template: "city-settlements", title: title,
            SettlementsView(
                hasReport: true, period: report.period, heatMap: heatMap, matrix: matrix,
                positions: positions, lines: lines, receivables: receivables,
                receivablesTotal: Language.yuan(corridor.receivables.reduce(0) { $0 + $1.amountFen }),
                hasReceivables: !receivables.isEmpty,
                columns: cities.map {
                    Column(
                        city: language.city($0), total: Language.yuan(corridor.totalsByProviderCity[$0.rawValue] ?? 0))
                },
                total: Language.yuan(corridor.totalFen), batches: batchRows, canApprove: canApprove,
                previous: CityInput.shift(report.period, by: -1) ?? "",
                next: CityInput.shift(report.period, by: 1) ?? "",
                csvHref: "/console/city/settlements.csv?period=\(Self.query(report.period))",
                formError: failure?.errors.formError))
    }

    /// The period's batches the viewer may see.
    func batches(period: String, _ actor: Actor) async throws -> [SettlementBatch] {
        try await site.services.settlements.batches(period: period, viewer: actor)
    }

    /// The captured redemptions behind one cell of the matrix, as the viewer may list them.
    func cell(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try admin(visit)
        let parameters = request.uri.queryParameters
        let period = self.period(request)
        guard let range = CityInput.range(period),
            let issuer = parameters["issuer"].flatMap({ CityCode(rawValue: String($0)) }),
            let provider = parameters["provider"].flatMap({ CityCode(rawValue: String($0)) })
        else {
            throw DomainError.invalid(
                "cell_invalid", field: "period", zh: "请指定结算期与城市", en: "Give the period and both cities")
        }
        let found = try await site.services.redemptions.captured(
            issuer: issuer, providerCity: provider, from: range.start, to: range.end, viewer: actor)
        let language = visit.language
        let names = await names(
            found.flatMap { [$0.enterpriseOrganizationId, $0.providerOrganizationId, $0.payeeOrganizationId] }, actor)
        let rows = found.map { redemption in
            CellRedemption(
                id: redemption.id, voucher: redemption.voucherNumber, contract: redemption.contractNumber,
                enterprise: names[redemption.enterpriseOrganizationId] ?? "",
                provider: names[redemption.providerOrganizationId] ?? "",
                payee: names[redemption.payeeOrganizationId] ?? "",
                category: visit.text("city.category.\(redemption.category.rawValue)"),
                mode: visit.text("city.mode.\(redemption.mode.rawValue)"),
                amount: Language.yuan(redemption.voucherFen),
                contractAmount: Language.yuan(redemption.contractFen), invoice: redemption.invoiceNumber ?? "—",
                captured: redemption.capturedAt.map(Display.dateTime) ?? "",
                batch: redemption.settlementId.map { "#\($0)" } ?? "—")
        }
        let title = "\(visit.text("city.cell.title")) \(period) · \(language.city(issuer)) → \(language.city(provider))"
        return site.page(
            visit, template: "city-settlement-redemptions", title: title,
            CellView(
                rows: rows, total: Language.yuan(found.reduce(0) { $0 + $1.voucherFen }),
                back: "/console/city/settlements?period=\(Self.query(period))"))
    }
}
