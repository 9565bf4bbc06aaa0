/// The view models of the month's settlement (city-settlements.mustache) and of the
/// redemptions behind one cell (city-settlement-redemptions.mustache).
extension CityPages {
    /// The settlement page; without a report (a period that cannot be read) only the period
    /// and the refusal are set.
    struct SettlementsView: Sendable {
        var hasReport = false
        var period: String
        var heatMap = ""
        var matrix: [MatrixRow] = []
        var positions: [Position] = []
        var lines: [Line] = []
        /// What other cities' vouchers owe this city's providers.
        var receivables: [Line] = []
        var receivablesTotal = ""
        var hasReceivables = false
        var columns: [Column] = []
        var total = ""
        var batches: [BatchRow] = []
        var canApprove = false
        var previous = ""
        var next = ""
        var csvHref = ""
        var formError: String?
        var errors: FieldErrors?
    }

    /// An issuing city's row of the matrix: what it owes each provider city.
    struct MatrixRow: Sendable {
        let city: String
        let total: String
        let cells: [Cell]
        /// The viewer's own city's row (a city administrator's).
        var own = false
        /// Another city's row: shown, not acted on (no drill-down).
        var readOnly = false
    }

    struct Cell: Sendable {
        let amount: String
        /// The redemptions behind the cell, when there are any.
        let href: String?
    }

    /// A provider city's column total.
    struct Column: Sendable {
        let city: String
        let total: String
    }

    struct Position: Sendable {
        let city: String
        let owedTo: String
        let owedBy: String
        let net: String
    }

    struct Line: Sendable {
        let issuer: String
        let payee: String
        let payeeCity: String
        let mode: String
        let redemptions: Int
        let amount: String
        let settled: String
    }

    struct BatchRow: Sendable {
        let id: Int64
        let city: String
        let status: String
        let total: String
        let created: String
        let reference: String?
        let paidAt: String?
        let items: [BatchItem]
        let canPay: Bool
        let awaitsColleague: Bool
        /// The cash paid when receivables were netted against the batch.
        let netted: String?
        let errors: FieldErrors?
        let typed: Typed?
    }

    struct BatchItem: Sendable {
        let payee: String
        let year: Int
        let amount: String
        let count: Int
    }

    struct CellView: Sendable {
        let rows: [CellRedemption]
        let total: String
        let back: String
    }

    struct CellRedemption: Sendable {
        let id: Int64
        let voucher: String
        let contract: String
        let enterprise: String
        let provider: String
        let payee: String
        let category: String
        let mode: String
        let amount: String
        let contractAmount: String
        let invoice: String
        let captured: String
        let batch: String
    }
}
