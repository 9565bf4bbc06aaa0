import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// One redemption, as `GET /v1/redemptions/{id}`: its parties, money, contract, state and the
/// steps taken, for whoever may read it (its enterprise, its provider, the cities, auditors).
struct RedemptionPages {
    let site: Site

    struct View: Sendable {
        let id: Int64
        let facts: [PublicViews.Fact]
        let acts: [PublicViews.Fact]
        let hasActs: Bool
    }

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("redemptions/:id") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try visit.signedIn()
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                let redemption = try await site.services.redemptions.get(id, viewer: actor)
                let language = visit.language
                let names = try await site.services.database.read { db in
                    try OrganizationDirectory.summaries(
                        db,
                        ids: [
                            redemption.enterpriseOrganizationId, redemption.providerOrganizationId,
                            redemption.payeeOrganizationId,
                        ])
                }
                func name(_ id: Int64) -> String { names[id]?.name ?? "#\(id)" }
                var facts: [PublicViews.Fact] = []
                func fact(_ key: String, _ value: String?) {
                    if let value, !value.isEmpty {
                        facts.append(PublicViews.Fact(label: visit.text(key), value: value))
                    }
                }
                fact("redemption.status", visit.text("city.redemption.\(redemption.status.rawValue)"))
                fact("redemption.voucher", redemption.voucherNumber)
                fact("redemption.issuer", language.city(redemption.issuingCity))
                fact("redemption.enterprise", name(redemption.enterpriseOrganizationId))
                fact(
                    "redemption.provider",
                    "\(name(redemption.providerOrganizationId)) · \(language.city(redemption.providerCity))")
                fact("redemption.payee", name(redemption.payeeOrganizationId))
                fact("redemption.mode", visit.text("city.mode.\(redemption.mode.rawValue)"))
                fact("redemption.category", visit.text("city.category.\(redemption.category.rawValue)"))
                fact("redemption.contract", redemption.contractNumber)
                fact("redemption.contractValue", Language.yuan(redemption.contractFen))
                fact("redemption.amount", Language.yuan(redemption.voucherFen))
                fact("redemption.invoice", redemption.invoiceNumber)
                fact("redemption.holdExpires", redemption.holdExpiresAt.map(Display.dateTime))
                fact("redemption.acceptBy", redemption.acceptBy.map(Display.dateTime))
                fact("redemption.captured", redemption.capturedAt.map(Display.dateTime))
                fact("redemption.settlement", redemption.settlementId.map { "#\($0)" })
                fact("redemption.reason", redemption.reason)
                fact("redemption.opened", Display.dateTime(redemption.createdAt))
                let acts = (redemption.acts ?? []).map { act in
                    PublicViews.Fact(
                        label: Display.dateTime(act.at),
                        value: "\(act.step) · \(visit.text("redemption.party.\(act.party.rawValue)"))")
                }
                return site.page(
                    visit, template: "redemption", title: "\(visit.text("redemption.title")) #\(redemption.id)",
                    View(id: redemption.id, facts: facts, acts: acts, hasActs: !acts.isEmpty))
            }
        }
    }
}
