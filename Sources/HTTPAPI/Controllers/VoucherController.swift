import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform
import Vouchers

/// Innovation vouchers (创新券): policies, the provider registry, applications and vouchers,
/// redemptions, settlements and the ledger check. Every POST that moves money accepts an
/// `Idempotency-Key`.
struct VoucherController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("voucher-policies", use: createPolicy)
        group.get("voucher-policies", use: listPolicies)
        group.get("voucher-policies/:id", use: getPolicy)
        group.post("voucher-policies/:id/amendments", use: amendPolicy)
        group.post("providers", use: applyProvider)
        group.get("providers", use: listProviders)
        group.get("providers/:id", use: getProvider)
        group.post("providers/:id/actions", use: actOnProvider)
        group.post("providers/:id/objections", use: objectToProvider)
        group.post("vouchers", use: applyVoucher)
        group.get("vouchers", use: listVouchers)
        group.get("vouchers/:id", use: getVoucher)
        group.post("vouchers/:id/revocation", use: revokeVoucher)
        group.get("voucher-applications", use: listApplications)
        group.post("voucher-applications/:id/decision", use: decide)
        group.post("redemptions", use: openRedemption)
        group.get("redemptions", use: listRedemptions)
        group.get("redemptions/:id", use: getRedemption)
        group.post("redemptions/:id/steps", use: stepRedemption)
        group.get("settlements/report", use: report)
        group.get("settlements/corridor", use: corridor)
        group.post("settlements", use: approveSettlement)
        group.get("settlements/:id", use: getSettlement)
        group.post("settlements/:id/payment", use: paySettlement)
        group.get("ledger/check", use: checkLedger)
        group.get("receivables", use: listReceivables)
        group.post("receivables/recoveries", use: recover)
    }

    func viewer(_ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(requestID: context.requestID)
    }

    // MARK: policies

    @Sendable func createPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewVoucherPolicy.self, from: request, context: context)
        let input = NewVoucherPolicy(wire)
        return try JSON.response(
            Components.Schemas.VoucherPolicy(try await services.policies.create(input, by: actor)), status: .created)
    }

    @Sendable func listPolicies(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let items = try await services.policies.list(
            city: try query.choice("city", as: CityCode.self), year: try query.int("year"),
            includeSuperseded: try query.string("versions", max: 10) == "all"
        )
        return try JSON.response(Components.Schemas.VoucherPolicyList(items))
    }

    @Sendable func getPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(
            Components.Schemas.VoucherPolicy(
                try await services.policies.get(try context.id(resource: "voucher_policy", zh: "创新券政策"))))
    }

    @Sendable func amendPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "voucher_policy", zh: "创新券政策")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewVoucherPolicy.self, from: request, context: context)
        let input = NewVoucherPolicy(wire)
        return try JSON.response(
            Components.Schemas.VoucherPolicy(try await services.policies.amend(id, input, by: actor)), status: .created)
    }

    // MARK: providers

    @Sendable func applyProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewProvider.self, from: request, context: context)
        let input = NewProvider(wire)
        return try JSON.response(
            Components.Schemas.Provider(try await services.providers.apply(input, by: actor)), status: .created)
    }

    @Sendable func listProviders(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await services.providers.list(
            city: try query.choice("city", as: CityCode.self),
            category: try query.choice("category", as: ServiceCategory.self),
            status: try query.choice("status", as: Provider.Status.self), page: try query.page(),
            viewer: context.viewer
        )
        return try JSON.response(PageBody(Components.Schemas.ProviderPage(page)))
    }

    @Sendable func getProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(
            Components.Schemas.Provider(
                try await services.providers.get(
                    try context.id(resource: "provider", zh: "服务机构"), viewer: context.viewer)))
    }

    @Sendable func actOnProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "provider", zh: "服务机构")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ProviderAction.self, from: request, context: context)
        let input = ProviderAction(wire)
        return try JSON.response(Components.Schemas.Provider(try await services.providers.act(id, input, by: actor)))
    }

    @Sendable func objectToProvider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "provider", zh: "服务机构")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewObjection.self, from: request, context: context)
        let input = NewObjection(wire)
        return try JSON.response(
            Components.Schemas.Provider(try await services.providers.object(id, input, by: actor)), status: .created)
    }

    // MARK: vouchers

    @Sendable func applyVoucher(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewVoucherApplication.self, from: request, context: context)
        let input = NewVoucherApplication(wire)
        return try JSON.response(
            Components.Schemas.VoucherApplication(try await services.vouchers.apply(input, by: actor)), status: .created
        )
    }

    @Sendable func listVouchers(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(
            PageBody(
                Components.Schemas.VoucherPage(
                    try await services.vouchers.list(viewer: try viewer(context), page: try Query(request).page()))))
    }

    @Sendable func getVoucher(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "voucher", zh: "创新券")
        return try JSON.response(
            Components.Schemas.Voucher(try await services.vouchers.voucher(id, viewer: try viewer(context))))
    }

    @Sendable func revokeVoucher(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "voucher", zh: "创新券")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.VoucherRevocation.self, from: request, context: context)
        let input = VoucherRevocation(wire)
        return try JSON.response(Components.Schemas.Voucher(try await services.vouchers.revoke(id, input, by: actor)))
    }

    @Sendable func listApplications(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await services.vouchers.applications(
            viewer: try viewer(context), status: try query.choice("status", as: VoucherApplication.Status.self),
            page: try query.page()
        )
        return try JSON.response(PageBody(Components.Schemas.VoucherApplicationPage(page)))
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "voucher_application", zh: "创新券申请")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.VoucherDecision.self, from: request, context: context)
        let input = VoucherDecision(wire)
        return try JSON.response(
            Components.Schemas.VoucherApplication(try await services.vouchers.decide(id, input, by: actor)))
    }

    // MARK: redemptions

    @Sendable func openRedemption(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewRedemption.self, from: request, context: context)
        let input = NewRedemption(wire)
        return try JSON.response(
            Components.Schemas.Redemption(try await services.redemptions.open(input, by: actor)), status: .created)
    }

    @Sendable func listRedemptions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await services.redemptions.list(
            viewer: try viewer(context), status: try query.choice("status", as: Redemption.Status.self),
            flaggedOnly: try query.string("flagged", max: 5) == "true", page: try query.page()
        )
        return try JSON.response(PageBody(Components.Schemas.RedemptionPage(page)))
    }

    @Sendable func getRedemption(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "redemption", zh: "兑付申请")
        return try JSON.response(
            Components.Schemas.Redemption(try await services.redemptions.get(id, viewer: try viewer(context))))
    }

    @Sendable func stepRedemption(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "redemption", zh: "兑付申请")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.RedemptionStep.self, from: request, context: context)
        let input = RedemptionStep(wire)
        return try JSON.response(
            Components.Schemas.Redemption(try await services.redemptions.step(id, input, by: actor)))
    }

    // MARK: settlement and ledger

    /// The month's settlement figures; `format=csv` for the payee lines as CSV.
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        guard let period = try query.string("period", max: 7) else {
            throw DomainError.invalid(
                "period_required", field: "period", zh: "请指定结算期 YYYY-MM", en: "period (YYYY-MM) is required")
        }
        let report = try await services.settlements.report(period: period, viewer: try viewer(context))
        if try query.string("format", max: 4) == "csv" {
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"settlement-\(report.period).csv\""
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: SettlementService.csv(report))))
        }
        return try JSON.response(Components.Schemas.SettlementReport(report))
    }

    /// The whole corridor's month and what other cities owe the caller's city's providers.
    @Sendable func corridor(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let period = try Query(request).string("period", max: 7) else {
            throw DomainError.invalid(
                "period_required", field: "period", zh: "请指定结算期 YYYY-MM", en: "period (YYYY-MM) is required")
        }
        return try JSON.response(
            Components.Schemas.CorridorSettlement(
                try await services.settlements.corridor(period: period, viewer: try viewer(context))))
    }

    @Sendable func approveSettlement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewSettlement.self, from: request, context: context)
        let input = NewSettlement(wire)
        return try JSON.response(
            Components.Schemas.SettlementBatch(try await services.settlements.approve(input, by: actor)),
            status: .created)
    }

    @Sendable func getSettlement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "settlement", zh: "结算批次")
        return try JSON.response(
            Components.Schemas.SettlementBatch(try await services.settlements.get(id, viewer: try viewer(context))))
    }

    @Sendable func paySettlement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "settlement", zh: "结算批次")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.SettlementPayment.self, from: request, context: context)
        let input = SettlementPayment(wire)
        return try JSON.response(
            Components.Schemas.SettlementBatch(try await services.settlements.pay(id, input, by: actor)))
    }

    @Sendable func listReceivables(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSON.response(
            Components.Schemas.ReceivableList(try await services.receivables.list(viewer: try viewer(context))))
    }

    @Sendable func recover(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewRecovery.self, from: request, context: context)
        let input = NewRecovery(wire)
        return try JSON.response(
            Components.Schemas.Receivable(try await services.receivables.recover(input, by: actor)), status: .created)
    }

    /// The ledger's invariants checked from scratch (auditors and the platform).
    @Sendable func checkLedger(_ request: Request, context: AppRequestContext) async throws -> Response {
        try Authorization.check(try viewer(context), .ledgerRead, on: .platformWide)
        return try JSON.response(Components.Schemas.LedgerReport(try await services.database.checkLedger()))
    }
}
