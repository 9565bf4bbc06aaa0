/// Labels of the public page of technology-contract turnover.
enum StatisticsText {
    static let table: [String: (String, String)] = [
        "nav.statistics": ("成交统计", "Turnover"),
        "statistics.title": ("技术合同成交统计", "Technology-contract turnover"),
        "statistics.hint": (
            "仅含汇总数据：双方签署后的合同按签署月份计入（中国标准时间）。输出按卖方所在城市，吸纳按买方所在城市。",
            "Aggregates only: contracts count in the month both parties signed them (China time). Exported by the seller's city, absorbed by the buyer's."
        ),
        "statistics.from": ("起始日期", "From"),
        "statistics.to": ("截止日期", "To"),
        "statistics.show": ("查看", "Show"),
        "statistics.contracts": ("合同数", "Contracts"),
        "statistics.total": ("成交额", "Turnover"),
        "statistics.within": ("城市内成交占比", "Share within one city"),
        "statistics.exported": ("技术输出（按卖方城市）", "Exported (by seller's city)"),
        "statistics.absorbed": ("技术吸纳（按买方城市）", "Absorbed (by buyer's city)"),
        "statistics.matrix": ("城市间成交矩阵（卖方城市 × 买方城市）", "Between the cities (seller's city × buyer's city)"),
        "statistics.matrix_caption": (
            "行：卖方（输出）城市；列：买方（吸纳）城市", "Rows: seller (exporting) city; columns: buyer (absorbing) city"
        ),
        "statistics.seller_buyer": ("卖方 \\ 买方", "Seller \\ buyer"),
        "statistics.by_type": ("按合同类型", "By contract type"),
        "statistics.voucher_by_type": ("创新券按合同类型", "Innovation vouchers by contract type"),
        "statistics.voucher_total": ("创新券金额", "Voucher money"),
        "statistics.no_voucher": ("本期间没有创新券兑付平台技术合同。", "No voucher paid into a platform contract in this period."),
        "statistics.withheld": ("不公开", "withheld"),
        "statistics.withholding_note": (
            "为保护合同当事人的商业信息，少于 3 份合同的单元格及可据以推算其金额的单元格不公开金额。",
            "To protect the parties' commercial information, values of cells with fewer than 3 contracts, and of cells from which such a value could be worked out, are withheld."
        ),
        "statistics.by_field": ("按领域", "By field"),
        "statistics.by_month": ("按月份", "By month"),
        "statistics.type": ("类型", "Type"),
        "statistics.field": ("领域", "Field"),
        "statistics.month": ("月份", "Month"),
        "statistics.funnel": ("从需求到登记", "From need to registration"),
        "statistics.step": ("环节", "Step"),
        "statistics.count": ("数量", "Count"),
        "statistics.median_days": ("距上一环节（中位天数）", "Days from the step before (median)"),
        "statistics.needs_posted": ("发布技术需求", "Needs posted"),
        "statistics.connections_accepted": ("对接请求被接受", "Connections accepted"),
        "statistics.contracts_signed": ("合同签署", "Contracts signed"),
        "statistics.contracts_registered": ("合同认定登记", "Contracts registered"),
        "statistics.csv": ("下载 CSV", "Download CSV"),
        "statistics.none": ("该期间没有签署的合同。", "No contract was signed in this period."),
    ]
}
