import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform

/// Technology contracts (技术合同, issue 16): drafts, signing by confirming the hash of the
/// terms, registration by the seller city's clerk, payments, completion, termination and
/// amendments after signature; and the public turnover statistics.
struct ContractController {
    let services: AppServices
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("contracts", use: create)
        group.get("contracts", use: list)
        group.get("contracts/:id", use: get)
        group.put("contracts/:id/terms", use: amend)
        group.post("contracts/:id/confirmation", use: confirm)
        group.post("contracts/:id/cancellation", use: cancel)
        group.post("contracts/:id/registration", use: applyForRegistration)
        group.post("contracts/:id/registration/approval", use: registerContract)
        group.post("contracts/:id/registration/return", use: returnRegistration)
        group.post("contracts/:id/payments", use: recordPayment)
        group.post("contracts/:id/completion", use: complete)
        group.post("contracts/:id/termination", use: terminate)
        group.post("contracts/:id/amendment", use: proposeAmendment)
        group.post("contracts/:id/amendment/confirmation", use: confirmAmendment)
        group.get("statistics/contracts", use: statistics)
    }

    func contractID(_ context: AppRequestContext) throws -> Int64 {
        try context.id(resource: "contract", zh: "技术合同")
    }

    /// A step without a body: the actor carries the request's idempotency claim.
    func actor(_ request: Request, _ context: AppRequestContext) throws -> Actor {
        try context.requirePrincipal().actor(
            requestID: context.requestID, idempotency: try IdempotencyHeader.claim(request, body: nil))
    }

    func answer(_ contract: Contract, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSON.response(Components.Schemas.Contract(contract), status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewContract.self, from: request, context: context)
        return try answer(try await services.contracts.create(NewContract(wire), by: actor), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await services.contracts.list(
            viewer: try context.requirePrincipal().actor(requestID: context.requestID),
            status: try query.choice("status", as: ContractStatus.self), page: try query.page())
        return try JSON.response(PageBody(Components.Schemas.ContractPage(page)))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        return try answer(try await services.contracts.get(try contractID(context), viewer: viewer))
    }

    /// A step whose body is the generated `Wire`: the contract's id, the decoded body and the
    /// actor carrying the request's idempotency claim go to `run`.
    func step<Wire: Decodable>(
        _ wire: Wire.Type, _ request: Request, _ context: AppRequestContext,
        _ run: (Int64, Wire, Actor) async throws -> Contract
    ) async throws -> Response {
        let id = try contractID(context)
        let (body, actor) = try await body.decodeWrite(wire, from: request, context: context)
        return try answer(try await run(id, body, actor))
    }

    /// A step without a body.
    func step(
        _ request: Request, _ context: AppRequestContext, _ run: (Int64, Actor) async throws -> Contract
    ) async throws -> Response {
        try answer(try await run(try contractID(context), try actor(request, context)))
    }

    @Sendable func amend(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.ContractTerms.self, request, context) {
            try await services.contracts.amend($0, terms: ContractTerms($1), by: $2)
        }
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.TermsHash.self, request, context) {
            try await services.contracts.confirm($0, termsHash: $1.termsHash, by: $2)
        }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { try await services.contracts.cancel($0, by: $1) }
    }

    @Sendable func applyForRegistration(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { try await services.contracts.applyForRegistration($0, by: $1) }
    }

    @Sendable func registerContract(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { try await services.contracts.register($0, by: $1) }
    }

    @Sendable func returnRegistration(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.ContractReason.self, request, context) {
            try await services.contracts.returnRegistration($0, reason: $1.reason, by: $2)
        }
    }

    @Sendable func recordPayment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.NewContractPayment.self, request, context) {
            try await services.contracts.recordPayment($0, NewPayment($1), by: $2)
        }
    }

    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(request, context) { try await services.contracts.complete($0, by: $1) }
    }

    @Sendable func terminate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.ContractReason.self, request, context) {
            try await services.contracts.terminate($0, reason: $1.reason, by: $2)
        }
    }

    @Sendable func proposeAmendment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.ContractTerms.self, request, context) {
            try await services.contracts.proposeAmendment($0, terms: ContractTerms($1), by: $2)
        }
    }

    @Sendable func confirmAmendment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await step(Components.Schemas.TermsHash.self, request, context) {
            try await services.contracts.confirmAmendment($0, termsHash: $1.termsHash, by: $2)
        }
    }

    /// Public aggregates; `from` and `to` are days (China time), `to` included.
    @Sendable func statistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let from = try ChinaDay.start(try query.string("from", max: 10), field: "from")
        let through = try ChinaDay.start(try query.string("to", max: 10), field: "to")
        let to = through.map { $0.addingTimeInterval(86_400) }
        if let from, let to, from >= to {
            throw DomainError.invalid(
                "date_range_invalid", field: "to", zh: "结束日期须不早于开始日期",
                en: "The end date must not be before the start date")
        }
        let viewer = context.principal?.actor(requestID: context.requestID)
        let report = try await services.contractStatistics.report(from: from, to: to, viewer: viewer)
        if try query.choice("format", as: ExportFormat.self) == .csv {
            let table = try query.choice("table", as: ContractStatisticsExport.Table.self) ?? .month
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"contract-turnover-\(table.rawValue).csv\""
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: ContractStatisticsExport.csv(report, table: table))))
        }
        return try JSON.response(Components.Schemas.ContractStatistics(report))
    }
}

/// How a report is answered.
enum ExportFormat: String, CaseIterable {
    case json, csv
}
