import Foundation
import Hummingbird
import Identity
import Kernel
import Platform
import Vouchers

/// The city's cases: certification requests to verify, disputes to decide, vouchers to revoke
/// and what payees owe back after a paid redemption was reversed.
extension CityPages {
    func registerCases(on console: RouterGroup<AppRequestContext>) {
        console.get("city/cases") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await cases(visit, failure: nil, notice: done.map { visit.text("cases.done.\($0)") })
            }
        }
        console.post("city/certifications/:id/decide") { request, context in
            try await caseAction(request, context, kind: "certification", done: "verified") { id, form, actor in
                let decision = CertificationDecision(approve: form["decision"] == "verify", reason: form.text("reason"))
                _ = try await site.services.certifications.decide(id, decision, by: actor)
            }
        }
        console.post("city/disputes/:id/decide") { request, context in
            try await caseAction(request, context, kind: "dispute", done: "decided") { id, form, actor in
                guard let outcome = form["outcome"].flatMap(RedemptionStep.Outcome.init(rawValue:)) else {
                    throw CityInput.unreadable("outcome", zh: "请选择裁定结果", en: "Choose a decision")
                }
                let amount = outcome == .payPart ? try CityInput.requiredYuan(form["amount"], field: "amountFen") : nil
                let step = RedemptionStep(
                    step: .decideDispute, reason: form.text("reason"), outcome: outcome, amountFen: amount)
                _ = try await site.services.redemptions.step(id, step, by: actor)
            }
        }
        console.post("city/vouchers/:id/revoke") { request, context in
            try await caseAction(request, context, kind: "voucher", done: "revoked") { id, form, actor in
                _ = try await site.services.vouchers.revoke(
                    id, VoucherRevocation(reason: form["reason"] ?? ""), by: actor)
            }
        }
        console.post("city/receivables/:id/recover") { request, context in
            try await caseAction(request, context, kind: "receivable", done: "recovered") { payee, form, actor in
                guard let year = try CityInput.integer(form["year"], field: "year") else {
                    throw CityInput.unreadable("year", zh: "缺少年度", en: "The year is missing")
                }
                let recovery = NewRecovery(
                    payeeOrganizationId: payee, year: year,
                    amountFen: try CityInput.requiredYuan(form["amount"], field: "amountFen"),
                    reference: form["reference"] ?? ""
                )
                _ = try await site.services.receivables.recover(recovery, by: actor)
            }
        }
    }

    /// One form on the cases page: the action, then back to the page (with the row's errors on refusal).
    func caseAction(
        _ request: Request, _ context: AppRequestContext, kind: String, done: String,
        _ action: @escaping (Int64, Form, Actor) async throws -> Void
    ) async throws -> Response {
        await site.handle(request, context) { visit in
            let (_, actor) = try admin(visit)
            let id = try Self.id(context)
            let form = try await site.form(request, visit)
            return try await Self.attempt(
                visit,
                {
                    try await action(id, form, actor)
                    return site.redirect("/console/city/cases?done=\(done)")
                },
                form: { errors in
                    let values = Typed(
                        reason: form["reason"] ?? "", amount: form["amount"] ?? "", reference: form["reference"] ?? "")
                    return try await cases(
                        visit, failure: RowFailure(kind: kind, id: id, errors: errors, values: values), notice: nil)
                })
        }
    }

    func cases(_ visit: Visit, failure: RowFailure?, notice: String?) async throws -> Response {
        let (_, actor) = try admin(visit)
        let services = site.services
        let language = visit.language
        let requests = try await services.certifications.queue(
            status: .pending, by: actor, page: PageRequest(limit: 100)
        ).items
        let disputes = try await services.redemptions.list(
            viewer: actor, status: .disputed, flaggedOnly: false, page: PageRequest(limit: 100)
        ).items
            .filter {
                Authorization.allows(
                    actor, .redemptionReview, on: AccessTarget(organizationID: nil, city: $0.issuingCity))
            }
        let vouchers = try await services.vouchers.list(viewer: actor, page: PageRequest(limit: 100)).items.filter {
            $0.status == .active
        }
        let receivables = try await services.receivables.list(viewer: actor)
        var ids: [Int64] = requests.map(\.organizationId)
        ids += disputes.flatMap { [$0.enterpriseOrganizationId, $0.providerOrganizationId] }
        ids += vouchers.map(\.enterpriseOrganizationId)
        ids += receivables.map(\.payeeOrganizationId)
        let names = await names(ids, actor)
        let requestRows = requests.map { request in
            let failed = Self.failed(failure, "certification", request.id)
            return CertificationRow(
                id: request.id, organization: names[request.organizationId] ?? "",
                attribute: visit.text("cert.attribute.\(request.attribute.rawValue)"),
                value: Self.certificationValue(request, visit), number: request.certificateNumber ?? "",
                validUntil: request.validUntil.map(Display.date) ?? "",
                requested: Display.dateTime(request.requestedAt), errors: failed.errors, typed: failed.typed)
        }
        let disputeRows = disputes.map { redemption in
            let failed = Self.failed(failure, "dispute", redemption.id)
            return DisputeRow(
                id: redemption.id, voucher: redemption.voucherNumber, contract: redemption.contractNumber,
                enterprise: names[redemption.enterpriseOrganizationId] ?? "",
                provider: names[redemption.providerOrganizationId] ?? "",
                voucherAmount: Language.yuan(redemption.voucherFen), objection: redemption.reason ?? "",
                outcomes: RedemptionStep.Outcome.allCases.map {
                    Outcome(value: $0.rawValue, label: visit.text("cases.outcome.\($0.rawValue)"))
                },
                errors: failed.errors, typed: failed.typed)
        }
        let voucherRows = vouchers.map { voucher in
            let failed = Self.failed(failure, "voucher", voucher.id)
            return VoucherRow(
                id: voucher.id, number: voucher.number, enterprise: names[voucher.enterpriseOrganizationId] ?? "",
                city: language.city(voucher.city),
                face: Language.yuan(voucher.faceFen), available: Language.yuan(voucher.balances.availableFen),
                held: Language.yuan(voucher.balances.heldFen), errors: failed.errors, typed: failed.typed)
        }
        let receivableRows = receivables.map { receivable in
            let failed = Self.failed(failure, "receivable", receivable.payeeOrganizationId)
            return ReceivableRow(
                id: receivable.payeeOrganizationId, payee: names[receivable.payeeOrganizationId] ?? "",
                city: language.city(receivable.city), year: receivable.year,
                owed: Language.yuan(receivable.balanceFen), errors: failed.errors, typed: failed.typed)
        }
        return site.page(
            visit, template: "city-cases", title: visit.text("cases.title"),
            CasesView(
                requests: requestRows, disputes: disputeRows, vouchers: voucherRows, receivables: receivableRows,
                notice: notice, formError: failure?.errors.formError))
    }

    static func certificationValue(_ certification: Certification, _ visit: Visit) -> String {
        if let band = certification.revenueBand { return visit.text("cert.band.\(band.rawValue)") }
        return visit.text(certification.holds ? "cert.holds" : "cert.holdsNot")
    }
}
