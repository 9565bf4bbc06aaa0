import Kernel
import Matching

/// Schemas and routes of matching.
enum MatchComponents {
    typealias Operation = OpenAPIDocument.Operation

    static let candidateKind = Schema.enumeration(CandidateKind.allCases.map(\.rawValue))
    static let number: JSONValue = ["type": "number"]
    static let part = Schema.object(
        [
            "signal": Schema.string(max: 40), "weight": number, "value": number, "contribution": number,
            "facts": ["type": "object"],
        ], required: ["signal", "weight", "contribution", "facts"])
    static let evidence = Schema.object(
        [
            "kind": candidateKind, "id": Schema.integer(), "title": Schema.string(max: 200), "score": number,
        ], required: ["kind", "id", "title", "score"])
    static let organization = Schema.object(
        [
            "id": Schema.integer(), "kind": Components.organizationKind, "name": Schema.string(max: 200),
            "city": Components.cityCode,
        ], required: ["id", "kind", "name", "city"])

    static let all: [String: JSONValue] = [
        "MatchList": Schema.object(
            [
                "subject": Schema.object(["kind": Schema.string(max: 20), "id": Schema.integer()], required: ["kind"]),
                "queryTerms": Schema.array(Schema.string(max: 40)),
                "items": Schema.array(
                    Schema.object(
                        [
                            "rank": Schema.integer(min: 1), "kind": candidateKind, "id": Schema.integer(),
                            "title": Schema.string(max: 200),
                            "city": Components.cityCode, "organization": organization,
                            "fields": ListingComponents.fields, "score": number,
                            "explanation": Schema.object(
                                [
                                    "parts": Schema.array(part), "matchedTerms": Schema.array(Schema.string(max: 40)),
                                    "highlights": Schema.object(
                                        [
                                            "title": ListingComponents.highlighted,
                                            "snippet": ListingComponents.highlighted,
                                        ], required: ["title"]
                                    ),
                                    "evidence": Schema.array(evidence), "dismissed": Schema.boolean,
                                ], required: ["parts", "matchedTerms", "dismissed"]),
                        ], required: ["rank", "kind", "id", "title", "city", "fields", "score", "explanation"]),
                    max: MatchOptions.maxLimit),
            ], required: ["subject", "queryTerms", "items"]),
        "MatchQuery": Schema.object(
            [
                "text": Schema.string(max: MatchQuery.maxText, min: 1), "fields": ListingComponents.fields,
                "city": Components.cityCode,
                "cooperationMode": Schema.enumeration([
                    "transfer", "licence", "equity", "joint_development", "commissioned_development", "consulting",
                ]),
                "budget": ListingComponents.price,
                "kind": Schema.enumeration(["patent", "achievement", "organisation"]),
                "limit": Schema.integer(min: 1, max: Int64(MatchOptions.maxLimit)),
            ], required: ["text"]),
        "NewFeedback": Schema.object(
            [
                "subjectKind": candidateKind, "subjectId": Schema.integer(min: 1), "candidateKind": candidateKind,
                "candidateId": Schema.integer(min: 1),
                "action": Schema.enumeration(FeedbackAction.allCases.map(\.rawValue)),
            ], required: ["subjectKind", "subjectId", "candidateKind", "candidateId", "action"]),
        "Feedback": Schema.object(
            [
                "id": Schema.integer(), "subjectKind": candidateKind, "subjectId": Schema.integer(),
                "candidateKind": candidateKind,
                "candidateId": Schema.integer(), "action": Schema.enumeration(FeedbackAction.allCases.map(\.rawValue)),
                "organizationId": Schema.integer(), "createdAt": Schema.dateTime,
            ],
            required: [
                "id", "subjectKind", "subjectId", "candidateKind", "candidateId", "action", "organizationId",
                "createdAt",
            ]),
    ]

    static func options(_ kinds: [String]) -> [JSONValue] {
        [
            OpenAPIDocument.param("kind", Schema.enumeration(kinds)),
            OpenAPIDocument.param("city", Components.cityCode),
            OpenAPIDocument.param("field", ListingComponents.field),
            OpenAPIDocument.param("limit", Schema.integer(min: 1, max: Int64(MatchOptions.maxLimit))),
        ]
    }

    static let operations: [Operation] = [
        Operation(
            method: "get", path: "/v1/needs/{id}/matches",
            summary:
                "Patents, achievements or research organisations for a need, each explained (need owner, its city's admins, platform)",
            tag: "matching", query: options(["patent", "achievement", "organisation"]), success: (200, "MatchList"),
            errors: [401, 404, 422]),
        Operation(
            method: "get", path: "/v1/patents/{id}/matches",
            summary: "Open needs or enterprises for a patent (owner, its city's admins, platform)", tag: "matching",
            query: options(["need", "organisation"]), success: (200, "MatchList"), errors: [401, 404, 422]),
        Operation(
            method: "get", path: "/v1/achievements/{id}/matches",
            summary: "Open needs or enterprises for an achievement", tag: "matching",
            query: options(["need", "organisation"]), success: (200, "MatchList"), errors: [401, 404, 422]),
        Operation(
            method: "get", path: "/v1/organizations/{id}/matches",
            summary: "Counterpart organisations over all of the organisation's needs or supply", tag: "matching",
            query: options(["organisation"]), success: (200, "MatchList"), errors: [401, 404, 422]),
        Operation(
            method: "post", path: "/v1/matches/query",
            summary: "Match free text (a problem before it is posted as a need)", tag: "matching",
            request: "MatchQuery", success: (200, "MatchList"), errors: [400, 401, 403, 413, 415, 422]),
        Operation(
            method: "post", path: "/v1/matches/feedback",
            summary: "Record viewed / contacted / dismissed / deal for a match (audited; repeats change nothing)",
            tag: "matching", idempotent: true, request: "NewFeedback", success: (201, "Feedback"),
            errors: [400, 401, 403, 404, 413, 415, 422]),
    ]
}
