import Hummingbird
import Identity
import Kernel
import Matching
import Platform

/// Matches with their explanations: supply for a need, needs for supply, counterpart
/// organisations, free-text matching and feedback.
struct MatchController {
    let matches: MatchService
    let feedback: FeedbackService
    let body: RequestBody

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("needs/:id/matches", use: forNeed)
        group.get("patents/:id/matches", use: forPatent)
        group.get("achievements/:id/matches", use: forAchievement)
        group.get("organizations/:id/matches", use: forOrganization)
        group.post("matches/query", use: query)
        group.post("matches/feedback", use: record)
    }

    @Sendable func forNeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let id = try context.id(resource: "need", zh: "技术需求")
        return try JSON.response(
            try Components.Schemas.MatchList(
                try await matches.forNeed(id, options: try Self.options(request), viewer: viewer)))
    }

    @Sendable func forPatent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let id = try context.id(resource: "patent", zh: "专利")
        return try JSON.response(
            try Components.Schemas.MatchList(
                try await matches.forSupply(.patent, id, options: try Self.options(request), viewer: viewer)))
    }

    @Sendable func forAchievement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let id = try context.id(resource: "achievement", zh: "科技成果")
        return try JSON.response(
            try Components.Schemas.MatchList(
                try await matches.forSupply(.achievement, id, options: try Self.options(request), viewer: viewer)))
    }

    @Sendable func forOrganization(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let id = try context.id(resource: "organization", zh: "机构")
        return try JSON.response(
            try Components.Schemas.MatchList(
                try await matches.forOrganization(id, options: try Self.options(request), viewer: viewer)))
    }

    @Sendable func query(_ request: Request, context: AppRequestContext) async throws -> Response {
        let viewer = try context.requirePrincipal().actor(requestID: context.requestID)
        let wire = try await body.decode(Components.Schemas.MatchQuery.self, from: request)
        return try JSON.response(
            try Components.Schemas.MatchList(try await matches.query(MatchQuery(wire), viewer: viewer)))
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewFeedback.self, from: request, context: context)
        let recorded = try await feedback.record(NewFeedback(wire), by: actor)
        return try JSON.response(Components.Schemas.Feedback(recorded), status: .created)
    }

    static func options(_ request: Request) throws -> MatchOptions {
        let query = Query(request)
        return MatchOptions(
            kind: try query.choice("kind", as: CandidateKind.self), city: try query.choice("city", as: CityCode.self),
            field: try query.choice("field", as: Field.self), limit: try query.int("limit") ?? MatchOptions.defaultLimit
        )
    }
}
