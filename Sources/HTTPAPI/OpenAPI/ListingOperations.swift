import Kernel
import Listings

/// The listing routes in the OpenAPI document.
enum ListingOperations {
    typealias Operation = OpenAPIDocument.Operation

    static func catalog(_ path: String, _ name: String, _ tag: String, zh: String) -> [Operation] {
        [
            Operation(
                method: "post", path: "/v1/\(path)", summary: "List a \(tag) (\(zh))", tag: tag, idempotent: true,
                request: "New\(name)", success: (201, name), errors: [400, 401, 403, 409, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/\(path)",
                summary: "An organisation's \(path) (?owner=; default the caller's)", tag: tag, authenticated: false,
                query: [OpenAPIDocument.param("owner", Schema.integer(min: 1))] + OpenAPIDocument.pageParameters,
                success: (200, "\(name)Page"), errors: [422]),
            Operation(
                method: "get", path: "/v1/\(path)/{id}", summary: "One \(tag), if visible to the caller", tag: tag,
                authenticated: false, success: (200, name), errors: [404]),
            Operation(
                method: "patch", path: "/v1/\(path)/{id}", summary: "Amend (owner)", tag: tag, request: "\(name)Patch",
                success: (200, name), errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "/v1/\(path)/{id}/moderation",
                summary: "Hide with a reason, or show (platform admins)", tag: tag, request: "Moderation",
                success: (200, name), errors: [400, 401, 403, 404, 413, 415, 422]),
        ]
    }

    static let challengeID = "/v1/challenges/{id}"

    static let all: [Operation] =
        catalog("patents", "Patent", "patents", zh: "专利")
        + catalog("achievements", "Achievement", "achievements", zh: "科技成果")
        + catalog("needs", "Need", "needs", zh: "技术需求")
        + [
            Operation(
                method: "post", path: "/v1/patents/import",
                summary:
                    "Bulk import (CSV UTF-8/GB18030 or JSON Lines body; ?mode=all-or-nothing|skip-invalid&format=&encoding=&owner=)",
                tag: "patents",
                query: [
                    OpenAPIDocument.param("mode", Schema.enumeration(PatentImport.Mode.allCases.map(\.rawValue))),
                    OpenAPIDocument.param("format", Schema.enumeration(["csv", "jsonLines"])),
                    OpenAPIDocument.param("encoding", Schema.enumeration(["utf8", "gb18030"])),
                    OpenAPIDocument.param("owner", Schema.integer(min: 1)),
                ], success: (200, "ImportReport"), errors: [401, 403, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/search",
                summary: "Search patents, achievements, needs and challenges, with facets", tag: "search",
                authenticated: false,
                query: [
                    OpenAPIDocument.param("q", Schema.string(max: 200)),
                    OpenAPIDocument.param("kind", Schema.enumeration(ListingKind.allCases.map(\.rawValue))),
                    OpenAPIDocument.param("field", ListingComponents.field),
                    OpenAPIDocument.param("city", Components.cityCode),
                    OpenAPIDocument.param("trlMin", ListingComponents.trl),
                    OpenAPIDocument.param("trlMax", ListingComponents.trl),
                    OpenAPIDocument.param("priceMin", Schema.integer(min: 0)),
                    OpenAPIDocument.param("priceMax", Schema.integer(min: 0)),
                    OpenAPIDocument.param("status", Schema.string(max: 40)),
                    OpenAPIDocument.param("owner", Schema.integer(min: 1)),
                    OpenAPIDocument.param("year", Schema.integer()),
                ] + OpenAPIDocument.pageParameters, success: (200, "SearchResult"), errors: [422]),
            Operation(
                method: "post", path: "/v1/challenges", summary: "Draft a 揭榜挂帅 challenge", tag: "challenges",
                idempotent: true, request: "NewChallenge", success: (201, "Challenge"),
                errors: [400, 401, 403, 409, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/challenges", summary: "The yearly challenge list (?year=)", tag: "challenges",
                authenticated: false,
                query: [OpenAPIDocument.param("year", Schema.integer())] + OpenAPIDocument.pageParameters,
                success: (200, "ChallengePage"), errors: [422]),
            Operation(
                method: "get", path: challengeID,
                summary: "A challenge with its possible events, milestones and payables", tag: "challenges",
                authenticated: false, success: (200, "ChallengeProgress"), errors: [404]),
            Operation(
                method: "post", path: "\(challengeID)/transitions",
                summary: "A lifecycle event (409 with currentState and allowedEvents when impossible)",
                tag: "challenges", idempotent: true, request: "ChallengeTransition", success: (200, "Challenge"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "\(challengeID)/applications", summary: "Apply (揭榜)", tag: "challenges",
                idempotent: true, request: "NewChallengeApplication", success: (201, "ChallengeApplication"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "get", path: "\(challengeID)/applications",
                summary: "Applications (all for owner, admins, experts; own for applicants)", tag: "challenges",
                success: (200, "ChallengeApplicationList"), errors: [401, 404]),
            Operation(
                method: "post", path: "\(challengeID)/applications/{applicationId}/withdraw",
                summary: "Withdraw before the deadline", tag: "challenges", success: (200, "ChallengeApplication"),
                errors: [401, 403, 404, 409]),
            Operation(
                method: "post", path: "\(challengeID)/applications/{applicationId}/scores",
                summary: "An assigned expert's scores (0–100 per criterion)", tag: "challenges", idempotent: true,
                request: "ScoreSheet", success: (200, "ChallengeApplication"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "\(challengeID)/applications/{applicationId}/milestones",
                summary: "The awarded team submits a deliverable", tag: "challenges", idempotent: true,
                request: "MilestoneSubmission", success: (201, "Milestone"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "\(challengeID)/experts", summary: "Assign a review expert (owner or admin)",
                tag: "challenges", idempotent: true, request: "ExpertAssignment", success: (201, "ChallengeExpert"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "\(challengeID)/milestones/{milestoneId}/decision",
                summary: "Accept (tranche payable) or reject with a reason", tag: "challenges", idempotent: true,
                request: "MilestoneDecision", success: (200, "Milestone"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
        ]
}
