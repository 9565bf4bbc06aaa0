import Hummingbird
import Identity
import Kernel
import Listings
import Platform

/// `/v1/challenges`: the yearly 揭榜挂帅 list, the lifecycle, applications, review, milestones.
struct ChallengeController {
    let challenges: ChallengeService
    let body: RequestBody

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
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewChallenge.self, from: request, context: context)
        return try JSON.response(try await challenges.create(NewChallenge(wire), by: actor), status: .created)
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
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ChallengeTransition.self, from: request, context: context)
        return try JSON.response(try await challenges.transition(id, ChallengeTransition(wire), by: actor))
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewChallengeApplication.self, from: request, context: context)
        return try JSON.response(
            try await challenges.apply(to: id, NewChallengeApplication(wire), by: actor), status: .created)
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
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ScoreSheet.self, from: request, context: context)
        return try JSON.response(try await challenges.score(application, of: id, ScoreSheet(wire), by: actor))
    }

    @Sendable func submitMilestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.MilestoneSubmission.self, from: request, context: context)
        return try JSON.response(
            try await challenges.submitMilestone(application, of: id, deliverable: input.deliverable, by: actor),
            status: .created)
    }

    @Sendable func assignExpert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.ExpertAssignment.self, from: request, context: context)
        return try JSON.response(try await challenges.assignExpert(input.userId, to: id, by: actor), status: .created)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let milestone = try context.id("milestoneId", resource: "milestone", zh: "阶段成果")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.MilestoneDecision.self, from: request, context: context)
        return try JSON.response(
            try await challenges.decideMilestone(milestone, of: id, MilestoneDecision(wire), by: actor))
    }
}
