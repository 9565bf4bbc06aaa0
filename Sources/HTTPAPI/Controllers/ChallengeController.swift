import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// `/v1/challenges`: the yearly 揭榜挂帅 list, the lifecycle, applications, review, milestones.
struct ChallengeController {
    let challenges: ChallengeService
    let body: RequestBody

    struct ExpertRequest: Codable {
        var userId: Int64
        static let allowedKeys: Set<String> = ["userId"]
    }

    struct MilestoneRequest: Codable {
        var deliverable: String
        static let allowedKeys: Set<String> = ["deliverable"]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("challenges", use: create)
        group.get("challenges", use: list)
        group.get("challenges/:id", use: get)
        group.post("challenges/:id/transitions", use: transition)
        group.post("challenges/:id/applications", use: apply)
        group.get("challenges/:id/applications", use: applications)
        group.post("challenges/:id/applications/:applicationId/withdraw", use: withdraw)
        group.post("challenges/:id/applications/:applicationId/scores", use: score)
        group.post("challenges/:id/applications/:applicationId/milestones", use: submitMilestone)
        group.post("challenges/:id/experts", use: assignExpert)
        group.post("challenges/:id/milestones/:milestoneId/decision", use: decide)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (input, actor) = try await body.decodeWrite(
            NewChallenge.self, from: request, context: context, allowedKeys: NewChallenge.allowedKeys)
        return try JSON.response(try await challenges.create(input, by: actor), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        return try JSON.response(
            try await challenges.list(year: try query.int("year"), page: try query.page(), viewer: context.viewer))
    }

    /// The challenge with the events possible now, its milestones and payable tranches.
    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        return try JSON.response(try await challenges.progress(of: id, viewer: context.viewer))
    }

    @Sendable func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (input, actor) = try await body.decodeWrite(
            ChallengeTransition.self, from: request, context: context, allowedKeys: ChallengeTransition.allowedKeys)
        return try JSON.response(try await challenges.transition(id, input, by: actor))
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (input, actor) = try await body.decodeWrite(
            NewChallengeApplication.self, from: request, context: context,
            allowedKeys: NewChallengeApplication.allowedKeys
        )
        return try JSON.response(try await challenges.apply(to: id, input, by: actor), status: .created)
    }

    @Sendable func applications(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let items = try await challenges.applications(of: id, viewer: principal.actor(requestID: context.requestID))
        return try JSON.response(Items(items: items))
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        return try JSON.response(
            try await challenges.withdraw(application, from: id, by: principal.actor(requestID: context.requestID)))
    }

    @Sendable func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (sheet, actor) = try await body.decodeWrite(
            ScoreSheet.self, from: request, context: context, allowedKeys: ScoreSheet.allowedKeys)
        return try JSON.response(try await challenges.score(application, of: id, sheet, by: actor))
    }

    @Sendable func submitMilestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (input, actor) = try await body.decodeWrite(
            MilestoneRequest.self, from: request, context: context, allowedKeys: MilestoneRequest.allowedKeys)
        return try JSON.response(
            try await challenges.submitMilestone(application, of: id, deliverable: input.deliverable, by: actor),
            status: .created)
    }

    @Sendable func assignExpert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (input, actor) = try await body.decodeWrite(
            ExpertRequest.self, from: request, context: context, allowedKeys: ExpertRequest.allowedKeys)
        return try JSON.response(try await challenges.assignExpert(input.userId, to: id, by: actor), status: .created)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let milestone = try context.id("milestoneId", resource: "milestone", zh: "阶段成果")
        let (decision, actor) = try await body.decodeWrite(
            MilestoneDecision.self, from: request, context: context, allowedKeys: MilestoneDecision.allowedKeys)
        return try JSON.response(try await challenges.decideMilestone(milestone, of: id, decision, by: actor))
    }
}
