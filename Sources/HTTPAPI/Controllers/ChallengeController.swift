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
        group.post("challenges/:id/applications/:applicationId/conflict-declaration", use: declareConflict)
        group.post("challenges/:id/applications/:applicationId/milestones", use: submitMilestone)
        group.post("challenges/:id/experts", use: assignExpert)
        group.post("challenges/:id/milestones/:milestoneId/decision", use: decide)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewChallenge.self, from: request, context: context)
        let challenge = try await challenges.create(NewChallenge(wire), by: actor)
        return try JSON.response(Components.Schemas.Challenge(challenge), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Query(request)
        let page = try await challenges.list(
            year: try query.int("year"), page: try query.page(), viewer: context.viewer)
        let wire = Components.Schemas.ChallengePage(
            items: page.items.map { Components.Schemas.Challenge($0) }, nextCursor: page.nextCursor)
        return try JSON.response(PageBody(page: wire, nextCursor: page.nextCursor))
    }

    /// The challenge with the events possible now, its milestones and payable tranches.
    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        return try JSON.response(
            Components.Schemas.ChallengeProgress(try await challenges.progress(of: id, viewer: context.viewer)))
    }

    @Sendable func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ChallengeTransition.self, from: request, context: context)
        let challenge = try await challenges.transition(id, ChallengeTransition(wire), by: actor)
        return try JSON.response(Components.Schemas.Challenge(challenge))
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.NewChallengeApplication.self, from: request, context: context)
        let application = try await challenges.apply(to: id, NewChallengeApplication(wire), by: actor)
        return try JSON.response(Components.Schemas.ChallengeApplication(application), status: .created)
    }

    @Sendable func applications(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let items = try await challenges.applications(of: id, viewer: principal.actor(requestID: context.requestID))
        return try JSON.response(
            Components.Schemas.ChallengeApplicationList(
                items: items.map { Components.Schemas.ChallengeApplication($0) }))
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let withdrawn = try await challenges.withdraw(
            application, from: id, by: principal.actor(requestID: context.requestID))
        return try JSON.response(Components.Schemas.ChallengeApplication(withdrawn))
    }

    @Sendable func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.ScoreSheet.self, from: request, context: context)
        let scored = try await challenges.score(application, of: id, ScoreSheet(wire), by: actor)
        return try JSON.response(Components.Schemas.ChallengeApplication(scored))
    }

    /// An assigned expert's conflict-of-interest declaration (issue 18): a conflict is final.
    @Sendable func declareConflict(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.NewConflictDeclaration.self, from: request, context: context)
        let declaration = try await challenges.declareConflict(
            application, of: id, conflict: input.conflict, note: input.note, by: actor)
        return try JSON.response(Components.Schemas.ConflictDeclaration(declaration), status: .created)
    }

    @Sendable func submitMilestone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let application = try context.id("applicationId", resource: "application", zh: "申报")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.MilestoneSubmission.self, from: request, context: context)
        let milestone = try await challenges.submitMilestone(
            application, of: id, deliverable: input.deliverable, by: actor)
        return try JSON.response(Components.Schemas.Milestone(milestone), status: .created)
    }

    @Sendable func assignExpert(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let (input, actor) = try await body.decodeWrite(
            Components.Schemas.ExpertAssignment.self, from: request, context: context)
        let expert = try await challenges.assignExpert(input.userId, to: id, by: actor)
        return try JSON.response(Components.Schemas.ChallengeExpert(expert), status: .created)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.id(resource: "challenge", zh: "揭榜挂帅榜单")
        let milestone = try context.id("milestoneId", resource: "milestone", zh: "阶段成果")
        let (wire, actor) = try await body.decodeWrite(
            Components.Schemas.MilestoneDecision.self, from: request, context: context)
        let decided = try await challenges.decideMilestone(milestone, of: id, MilestoneDecision(wire), by: actor)
        return try JSON.response(Components.Schemas.Milestone(decided))
    }
}
