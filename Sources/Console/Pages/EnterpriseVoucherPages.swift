import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Store
import Vouchers

/// The voucher wallet: balances, vouchers, applying, applications, redemptions and the
/// enterprise's steps on them (accept, dispute, cancel). Opening a redemption is in
/// `EnterpriseRedeemPages`.
struct EnterpriseVoucherPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("vouchers") { request, context in
            await site.handle(request, context) { visit in
                let (_, actor) = try EnterprisePages.enterprise(visit, .voucherApply)
                let done = request.uri.queryParameters["done"].map(String.init)
                let notice = [
                    "applied": "enterprise.vouchers.applied", "opened": "enterprise.redeem.opened",
                    "stepped": "enterprise.redemptions.done",
                ][done ?? ""]
                return try await wallet(visit, actor, EnterpriseVoucherViews.Wallet(notice: notice.map(visit.text)))
            }
        }
        console.post("vouchers/apply") { request, context in
            await site.handle(request, context) { visit in try await apply(request, visit) }
        }
        console.post("redemptions/:id/step") { request, context in
            await site.handle(request, context) { visit in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw EnterprisePages.notFound }
                return try await step(id, request, visit)
            }
        }
        EnterpriseRedeemPages(site: site).register(on: console)
    }

    /// The wallet page; `view` carries a notice, or a refused form's errors and values.
    func wallet(
        _ visit: Visit, _ actor: Actor, _ view: EnterpriseVoucherViews.Wallet,
        failed: (id: Int64, message: String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let services = site.services
        let language = visit.language
        let vouchers = try await services.vouchers.list(viewer: actor, page: PageRequest(limit: 100)).items
        let applications = try await services.vouchers.applications(
            viewer: actor, status: nil, page: PageRequest(limit: 100)
        ).items
        let redemptions = try await services.redemptions.list(
            viewer: actor, status: nil, flaggedOnly: false, page: PageRequest(limit: 100)
        ).items
            .filter { $0.enterpriseOrganizationId == actor.organizationID }
        let names = try await services.database.read { db in
            try OrganizationDirectory.summaries(db, ids: redemptions.map(\.providerOrganizationId))
        }
        func total(_ value: (Voucher.Balances) -> Int64) -> String {
            Language.yuan(vouchers.reduce(0) { $0 + value($1.balances) })
        }
        var context = view
        context.cards = [
            .init(label: visit.text("enterprise.vouchers.available"), value: total(\.availableFen)),
            .init(label: visit.text("enterprise.vouchers.held"), value: total(\.heldFen)),
            .init(label: visit.text("enterprise.vouchers.captured"), value: total(\.capturedFen)),
            .init(label: visit.text("enterprise.vouchers.expired"), value: total(\.expiredFen)),
        ]
        context.vouchers = vouchers.map { voucher in
            EnterpriseVoucherViews.Voucher(
                number: voucher.number, face: Language.yuan(voucher.faceFen),
                validUntil: Display.date(voucher.validUntil),
                status: visit.text("enterprise.voucher.\(voucher.status.rawValue)"),
                city: language.city(voucher.city),
                available: Language.yuan(voucher.balances.availableFen),
                held: Language.yuan(voucher.balances.heldFen),
                captured: Language.yuan(voucher.balances.capturedFen),
                expired: Language.yuan(voucher.balances.expiredFen),
                redeem: voucher.status == .active && voucher.balances.availableFen > 0
                    ? "/console/vouchers/\(voucher.id)/redeem" : nil)
        }
        context.applications = applications.map { application in
            EnterpriseVoucherViews.Application(
                year: application.year, amount: Language.yuan(application.amountFen),
                date: Display.date(application.createdAt),
                status: visit.text("enterprise.application.\(application.status.rawValue)"),
                reason: application.reason ?? "")
        }
        context.redemptions = redemptions.map { redemption in
            let provider = names[redemption.providerOrganizationId]
            return EnterpriseVoucherViews.Redemption(
                id: redemption.id, action: "/console/redemptions/\(redemption.id)/step",
                voucher: redemption.voucherNumber,
                provider: provider?.name ?? "#\(redemption.providerOrganizationId)",
                city: language.city(redemption.providerCity),
                contract: redemption.contractNumber,
                category: visit.text("enterprise.category.\(redemption.category.rawValue)"),
                contractValue: Language.yuan(redemption.contractFen),
                voucherPart: Language.yuan(redemption.voucherFen),
                mode: redemption.mode == .tongdui ? "通兑" : "通用",
                status: visit.text("enterprise.redemption.\(redemption.status.rawValue)"),
                review: redemption.review == .pending,
                canAccept: [.delivered, .disputed].contains(redemption.status),
                canDispute: redemption.status == .delivered,
                // After delivery the enterprise accepts or disputes; it cannot cancel on its own.
                canCancel: [.held, .claimed].contains(redemption.status),
                acceptBy: redemption.status == .delivered ? redemption.acceptBy.map(Display.date) : nil,
                error: failed?.id == redemption.id ? failed?.message : nil)
        }
        return site.page(
            visit, template: "enterprise-vouchers", title: visit.text("enterprise.vouchers.title"), context,
            status: status)
    }

    /// Applies for a voucher as `POST /v1/vouchers` does (the amount typed in yuan).
    func apply(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try EnterprisePages.enterprise(visit, .voucherApply)
        let form = try await site.form(request, visit)
        let placing = [
            "exceeds_yearly_cap": "amountFen", "no_policy": "amountFen", "policy_closed": "amountFen",
            "not_eligible": "amountFen",
        ]
        return try await EnterpriseForms.attempt(visit, placing: placing, inline: ["not_eligible"]) {
            let amount = try EnterpriseForms.fen(form["amount"], field: "amountFen") ?? 0
            _ = try await site.services.vouchers.apply(NewVoucherApplication(amountFen: amount), by: actor)
            return site.redirect("/console/vouchers?done=applied")
        } form: { failure, status in
            let view = EnterpriseVoucherViews.Wallet(
                formError: failure.formError, errors: failure.errors, amount: form["amount"] ?? "")
            return try await wallet(visit, actor, view, status: status)
        }
    }

    /// The enterprise's steps on its redemption, as `POST /v1/redemptions/{id}/steps` does.
    func step(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try EnterprisePages.enterprise(visit, .voucherApply)
        let form = try await site.form(request, visit)
        let steps: [RedemptionStep.Kind] = [.accept, .dispute, .cancel]
        guard let kind = form["step"].flatMap(RedemptionStep.Kind.init(rawValue:)), steps.contains(kind) else {
            throw DomainError(.malformed, code: "step_form", zh: "请选择操作", en: "Choose a step")
        }
        do {
            _ = try await site.services.redemptions.step(
                id, RedemptionStep(step: kind, reason: form.text("reason")), by: actor)
            return site.redirect("/console/vouchers?done=stepped")
        } catch let error as DomainError where [.invalid, .conflict].contains(error.kind) {
            let message = visit.language.message(error)
            return try await wallet(
                visit, actor, EnterpriseVoucherViews.Wallet(formError: message), failed: (id, message),
                status: error.kind == .conflict ? .conflict : .unprocessableContent
            )
        }
    }
}
