/// The public view of the statistics withholds any value that would show one or two contracts'
/// value (a cell of 1 or 2 contracts: 技术合同 values are commercial information of the parties),
/// and then as many more cells as it takes so that no withheld value can be recovered by
/// subtracting the others from a total that is shown (secondary suppression): in each breakdown,
/// each row and column of the city matrix, and its diagonal (the within-city total), either no
/// value is withheld or at least two are. Counts of contracts are always shown.
extension ContractStatisticsReport {
    /// Fewer contracts than this in a cell: its value is withheld.
    public static let minimumCell = 3

    public func withholdingSmallCells() -> ContractStatisticsReport {
        var report = self
        report.withholding = true
        report.byMonth = Self.protect(byMonth)
        report.byType = Self.protect(byType)
        report.byField = Self.protect(byField)
        report.bySellerCity = Self.protect(bySellerCity)
        report.byBuyerCity = Self.protect(byBuyerCity)
        report.voucherByType = Self.protect(voucherByType)
        report.byBroker = Self.protect(byBroker)
        report.matrix = Self.protect(matrix)
        return report
    }

    static func protect(_ rows: [Amount]) -> [Amount] {
        var cells = rows.map { Disclosure(contracts: $0.contracts, valueFen: $0.valueFen) }
        Disclosure.suppress(&cells, groups: [Array(cells.indices)])
        return zip(rows, cells).map { row, cell in
            Amount(
                key: row.key, contracts: row.contracts, valueFen: cell.withheld ? 0 : row.valueFen,
                withheld: cell.withheld)
        }
    }

    static func protect(_ matrix: [Cell]) -> [Cell] {
        var cells = matrix.map { Disclosure(contracts: $0.contracts, valueFen: $0.valueFen) }
        var groups: [[Int]] = []
        for city in Set(matrix.map(\.sellerCity)) {
            groups.append(matrix.indices.filter { matrix[$0].sellerCity == city })
        }
        for city in Set(matrix.map(\.buyerCity)) {
            groups.append(matrix.indices.filter { matrix[$0].buyerCity == city })
        }
        groups.append(matrix.indices.filter { matrix[$0].sellerCity == matrix[$0].buyerCity })
        Disclosure.suppress(&cells, groups: groups)
        return zip(matrix, cells).map { row, cell in
            Cell(
                sellerCity: row.sellerCity, buyerCity: row.buyerCity, contracts: row.contracts,
                valueFen: cell.withheld ? 0 : row.valueFen, withheld: cell.withheld)
        }
    }
}

/// One value and whether it is withheld, while suppression runs.
struct Disclosure {
    var contracts: Int
    var valueFen: Int64
    var withheld = false

    /// Primary suppression of small cells, then secondary within each group (whose total is
    /// published) until no group has exactly one withheld value among its non-empty cells: the
    /// smallest other non-empty cell of such a group is withheld too. Ends: each pass withholds
    /// at least one more cell or stops.
    static func suppress(_ cells: inout [Disclosure], groups: [[Int]]) {
        for index in cells.indices where cells[index].contracts > 0 {
            cells[index].withheld = cells[index].contracts < ContractStatisticsReport.minimumCell
        }
        var changed = true
        while changed {
            changed = false
            for group in groups {
                let filled = group.filter { cells[$0].contracts > 0 }
                guard filled.filter({ cells[$0].withheld }).count == 1 else { continue }
                let next = filled.filter { !cells[$0].withheld }
                    .min { (cells[$0].valueFen, $0) < (cells[$1].valueFen, $1) }
                if let next {
                    cells[next].withheld = true
                    changed = true
                }
            }
        }
    }
}
