import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// The ledger check, as `GET /v1/ledger/check`: every invariant of the voucher ledger checked
/// from scratch (balances, zero sum, holds, settlements), for auditors and the platform.
struct AuditLedgerPages {
    let site: Site

    struct View: Sendable {
        let clean: Bool
        let accounts: Int
        let transfers: Int
        let total: String
        let violations: [String]
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("audit/ledger") { request, context in
            await site.handle(request, context) { visit in
                let actor = try AuditPages.auditor(visit)
                try Authorization.check(actor, .ledgerRead, on: .platformWide)
                let report = try await site.services.database.checkLedger()
                return site.page(
                    visit, template: "audit-ledger", title: visit.text("audit.ledger.title"),
                    View(
                        clean: report.clean, accounts: report.accounts, transfers: report.transfers,
                        total: Language.yuan(report.totalFen), violations: report.violations))
            }
        }
    }
}
