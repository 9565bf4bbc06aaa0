import Deals
import Foundation
import Kernel

/// The view model of the turnover page: the report's figures as text, its charts as SVG.
struct StatisticsView: Sendable {
    struct Row: Sendable {
        var label: String
        var contracts: Int
        var amount: String
    }

    struct MatrixRow: Sendable {
        var city: String
        var cells: [String]
    }

    struct Step: Sendable {
        var label: String
        var count: Int
        var days: String?
    }

    struct Link: Sendable {
        var label: String
        var href: String
    }

    var from: String
    var to: String
    var formError: String?
    var errors: FieldErrors?
    var hasReport = false
    var contracts = 0
    var total = ""
    var within = ""
    var exportedChart = ""
    var absorbedChart = ""
    var matrixChart = ""
    var monthChart = ""
    var columns: [String] = []
    var matrix: [MatrixRow] = []
    var byType: [Row] = []
    var byField: [Row] = []
    var byMonth: [Row] = []
    var voucherByType: [Row] = []
    var hasVoucher = false
    /// The public view: small cells' values are withheld.
    var withholding = false
    var funnel: [Step] = []
    var csv: [Link] = []

    init(from: String, to: String, formError: String?, errors: FieldErrors?) {
        self.from = from
        self.to = to
        self.formError = formError
        self.errors = errors
    }

    init(
        _ report: ContractStatisticsReport, language: Language, from: String, to: String, text: (String) -> String
    ) {
        self.from = from
        self.to = to
        hasReport = report.contracts > 0
        contracts = report.contracts
        total = Language.yuan(report.totalFen)
        within = String(format: "%.1f%%", Double(report.withinCityPermille) / 10)
        withholding = report.withholding
        let withheld = text("statistics.withheld")
        let money = { (fen: Int64, hidden: Bool) in hidden ? withheld : Language.yuan(fen) }
        let cities = CityCode.allCases
        let cityName = { (key: String) in CityCode(rawValue: key).map(language.city) ?? key }
        let largest = Double(
            max(1, (report.bySellerCity + report.byBuyerCity).map(\.valueFen).max() ?? 1))
        let bars = { (rows: [ContractStatisticsReport.Amount], title: String) in
            SVG.bars(
                rows.map { (cityName($0.key), Double($0.valueFen), money($0.valueFen, $0.withheld)) },
                maximum: largest,
                title: title)
        }
        exportedChart = bars(report.bySellerCity, text("statistics.exported"))
        absorbedChart = bars(report.byBuyerCity, text("statistics.absorbed"))
        let cells = cities.map { seller in
            cities.map { buyer in report.matrix.first { $0.sellerCity == seller && $0.buyerCity == buyer } }
        }
        let values = cells.map { row in row.map { $0?.valueFen ?? 0 } }
        matrixChart = SVG.heatMap(
            rows: cities.map(language.city), columns: cities.map(language.city), values: values, format: Language.yuan,
            title: text("statistics.matrix"))
        columns = cities.map(language.city)
        matrix = cities.enumerated().map { index, seller in
            MatrixRow(
                city: language.city(seller),
                cells: cells[index].map { money($0?.valueFen ?? 0, $0?.withheld ?? false) })
        }
        let row = { (label: String, amount: ContractStatisticsReport.Amount) in
            Row(label: label, contracts: amount.contracts, amount: money(amount.valueFen, amount.withheld))
        }
        let typeName = { (key: String) in
            ContractType(rawValue: key).map { language == .zh ? $0.nameZh : $0.nameEn } ?? key
        }
        byType = report.byType.map { row(typeName($0.key), $0) }
        voucherByType = report.voucherByType.map { row(typeName($0.key), $0) }
        hasVoucher = !voucherByType.isEmpty
        byField = report.byField.map { amount in
            row(Field(rawValue: amount.key).map { Display.field($0, language) } ?? amount.key, amount)
        }
        byMonth = report.byMonth.map { row($0.key, $0) }
        monthChart = SVG.line(
            report.byMonth.map { ($0.key, Double($0.valueFen) / 100) }, title: text("statistics.by_month"))
        let funnelData = report.funnel
        let days = { (value: Int?) in value.map(String.init) }
        funnel = [
            Step(label: text("statistics.needs_posted"), count: funnelData.needsPosted, days: nil),
            Step(
                label: text("statistics.connections_accepted"), count: funnelData.connectionsAccepted,
                days: days(funnelData.medianDaysNeedToConnection)),
            Step(
                label: text("statistics.contracts_signed"), count: funnelData.contractsSigned,
                days: days(funnelData.medianDaysConnectionToSignature)),
            Step(
                label: text("statistics.contracts_registered"), count: funnelData.contractsRegistered,
                days: days(funnelData.medianDaysSignatureToRegistration)),
        ]
        let range = [from.isEmpty ? nil : "from=\(from)", to.isEmpty ? nil : "to=\(to)"].compactMap { $0 }
        csv = ContractStatisticsExport.Table.allCases.map { table in
            Link(
                label: table.rawValue,
                href: "/v1/statistics/contracts?"
                    + (range + ["format=csv", "table=\(table.rawValue)"]).joined(separator: "&"))
        }
    }
}
