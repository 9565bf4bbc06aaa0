import Identity
import Kernel
import Listings

/// Schemas of the listings: patents, achievements, needs, challenges, search and import.
enum ListingComponents {
    static let field = Schema.enumeration(Field.allCases.map(\.rawValue))
    static let fields = Schema.array(field, max: Field.allCases.count)
    static let keywords = Schema.array(Schema.string(max: 30, min: 1), max: 12)
    static let names = Schema.array(Schema.string(max: 100, min: 1), max: 30)
    static let trl = Schema.integer(min: 1, max: 9)
    static let supplyStatus = Schema.enumeration(SupplyStatus.allCases.map(\.rawValue))
    static let text200 = Schema.string(max: 200, min: 1)
    static let text5000 = Schema.string(max: 5_000, min: 1)
    static let moderation = Schema.nullable(
        Schema.object(
            [
                "reason": Schema.string(max: 500), "at": Schema.dateTime, "byUser": Schema.nullable(Schema.integer()),
            ], required: ["reason", "at"]))
    static let price = Schema.object([
        "minFen": Schema.nullable(Schema.integer(min: 0, max: 10_000_000_000)),
        "maxFen": Schema.nullable(Schema.integer(min: 0, max: 10_000_000_000)),
        "negotiable": Schema.boolean, "currency": Schema.enumeration(["CNY"]),
    ])
    static let envelope: [String: JSONValue] = [
        "id": Schema.integer(), "ownerOrganizationId": Schema.integer(), "city": Components.cityCode,
        "moderation": moderation, "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime,
        "version": Schema.integer(min: 1),
    ]
    static let envelopeRequired = ["id", "ownerOrganizationId", "city", "createdAt", "updatedAt", "version"]

    static func merged(_ members: [String: JSONValue]) -> [String: JSONValue] {
        envelope.merging(members) { $1 }
    }

    static let patentCore: [String: JSONValue] = [
        "title": text200, "abstract": text5000, "claimsSummary": Schema.string(max: 5_000),
        "ipcCodes": Schema.array(Schema.string(max: 30, description: "e.g. H01M 10/0525"), max: 20),
        "applicants": names, "inventors": names,
        "legalStatus": Schema.enumeration(Patent.LegalStatus.allCases.map(\.rawValue)), "fields": fields,
        "keywords": keywords,
        "trl": trl,
        "transferModes": Schema.array(Schema.enumeration(Patent.TransferMode.allCases.map(\.rawValue)), max: 4),
        "askingPrice": price, "status": supplyStatus,
    ]

    static let achievementCore: [String: JSONValue] = [
        "title": text200, "summary": text5000, "trl": trl, "fields": fields, "keywords": keywords,
        "cooperationModes": Schema.array(Schema.enumeration(CooperationMode.allCases.map(\.rawValue)), max: 6),
        "price": price, "patentIds": Schema.array(Schema.integer(min: 1), max: 50),
        "teamMembers": Schema.array(
            Schema.object(
                [
                    "name": Schema.string(max: 100, min: 1), "title": Schema.nullable(Schema.string(max: 50)),
                    "role": Schema.nullable(Schema.string(max: 50)),
                ], required: ["name"]), max: 50),
        "status": supplyStatus,
    ]

    static let needCore: [String: JSONValue] = [
        "title": text200, "description": text5000, "fields": fields, "keywords": keywords, "budget": price,
        "deadline": Schema.dateTime, "cooperationMode": Schema.enumeration(Need.Mode.allCases.map(\.rawValue)),
        "visibility": Schema.enumeration(Visibility.allCases.map(\.rawValue)),
    ]

    static let tranche = Schema.object(
        ["name": Schema.string(max: 50, min: 1), "amountFen": Schema.integer(min: 1)], required: ["name", "amountFen"])
    static let eligibility = Schema.object(
        [
            "organizationKinds": Schema.array(Components.organizationKind, max: 7),
            "cities": Schema.array(Components.cityCode, max: 5),
        ], required: ["organizationKinds", "cities"])
    static let challengeState = Schema.enumeration(ChallengeStateMachine.State.allCases.map(\.rawValue))
    static let money = Schema.object(
        ["fen": Schema.integer(), "currency": Schema.enumeration(["CNY"])], required: ["fen", "currency"])
    static let applicationStatus = Schema.enumeration(ChallengeApplication.Status.allCases.map(\.rawValue))
    static let teamMember = Schema.object(
        [
            "name": Schema.string(max: 100, min: 1), "role": Schema.nullable(Schema.string(max: 50)),
            "title": Schema.nullable(Schema.string(max: 50)),
        ], required: ["name"])
    static let highlighted = Schema.object(
        [
            "text": Schema.string(max: 5_000), "ranges": Schema.array(Schema.array(Schema.integer(min: 0), max: 2)),
        ], required: ["text", "ranges"])
    static let counts: JSONValue = ["type": "object", "additionalProperties": Schema.integer(min: 0)]

    /// A challenge's scoring criteria with weights (fixed when it is made).
    static let criteria = Schema.array(
        Schema.object(
            [
                "name": Schema.string(max: 50, min: 1), "weight": Schema.integer(min: 1, max: 100),
            ], required: ["name", "weight"]), max: 10)

    static let all: [String: JSONValue] = [
        "Patent": Schema.object(
            merged(patentCore).merging([
                "number": Schema.string(max: 16, description: "normalised, e.g. 201710601862.3"),
                "patentType": Schema.enumeration([
                    "invention", "utility_model", "design", "pct_invention", "pct_utility_model",
                ]),
            ]) { $1 },
            required: envelopeRequired + [
                "number", "patentType", "title", "abstract", "legalStatus", "fields", "transferModes", "askingPrice",
                "status",
            ]),
        "NewPatent": Schema.object(
            patentCore.merging([
                "number": Schema.string(
                    max: 20, min: 8,
                    description: "12-digit (or older 8-digit) number with check digit; ZL prefix and dot accepted"),
                "ownerOrganizationId": Schema.integer(min: 1),
            ]) { $1 },
            required: ["number", "title", "abstract", "legalStatus", "fields", "transferModes", "askingPrice"]),
        "PatentPatch": Schema.object(patentCore),
        "PatentPage": Schema.page(of: "Patent"),
        "Achievement": Schema.object(
            merged(achievementCore).merging(["externalRef": Schema.nullable(Schema.string(max: 64))]) { $1 },
            required: envelopeRequired + ["title", "summary", "trl", "fields", "cooperationModes", "price", "status"]),
        "NewAchievement": Schema.object(
            achievementCore.merging([
                "externalRef": Schema.string(max: 64), "ownerOrganizationId": Schema.integer(min: 1),
            ]) { $1 }, required: ["title", "summary", "trl", "fields", "cooperationModes", "price"]),
        "AchievementPatch": Schema.object(achievementCore),
        "AchievementPage": Schema.page(of: "Achievement"),
        "Need": Schema.object(
            merged(needCore).merging([
                "status": Schema.enumeration(Need.Status.allCases.map(\.rawValue)),
                "externalRef": Schema.nullable(Schema.string(max: 64)),
            ]) { $1 },
            required: envelopeRequired + [
                "title", "description", "fields", "budget", "deadline", "cooperationMode", "visibility", "status",
            ]),
        "NewNeed": Schema.object(
            needCore.merging([
                "externalRef": Schema.string(max: 64), "ownerOrganizationId": Schema.integer(min: 1),
            ]) { $1 }, required: ["title", "description", "fields", "budget", "deadline", "cooperationMode"]),
        "NeedPatch": Schema.object(
            needCore.merging(["status": Schema.enumeration(Need.Status.allCases.map(\.rawValue))]) { $1 }),
        "NeedPage": Schema.page(of: "Need"),
        "Moderation": Schema.object(
            ["hidden": Schema.boolean, "reason": Schema.string(max: 500)], required: ["hidden"]),
        "Challenge": Schema.object(
            envelope.merging([
                "year": Schema.integer(), "title": text200, "description": text5000, "goals": Schema.string(max: 2_000),
                "indicators": Schema.array(Schema.string(max: 500), max: 20), "fields": fields, "keywords": keywords,
                "reward": money, "tranches": Schema.array(tranche, max: 10), "deadline": Schema.dateTime,
                "extended": Schema.boolean,
                "eligibility": eligibility, "reviewMode": Schema.enumeration(["expert", "race"]),
                "raceSlots": Schema.nullable(Schema.integer(min: 2, max: 5)), "criteria": Schema.nullable(criteria),
                "externalRef": Schema.nullable(Schema.string(max: 64)), "state": challengeState,
                "reasons": ["type": "object", "additionalProperties": Schema.string(max: 1_000)],
            ]) { $1 }, required: envelopeRequired + ["year", "title", "reward", "tranches", "deadline", "state"]),
        "NewChallenge": Schema.object(
            [
                "year": Schema.integer(), "title": text200, "description": text5000,
                "goals": Schema.string(max: 2_000, min: 1),
                "indicators": Schema.array(Schema.string(max: 500, min: 1), max: 20), "fields": fields,
                "keywords": keywords,
                "rewardFen": Schema.integer(min: 1, max: 10_000_000_000), "tranches": Schema.array(tranche, max: 10),
                "deadline": Schema.dateTime, "eligibility": eligibility,
                "reviewMode": Schema.enumeration(["expert", "race"]),
                "raceSlots": Schema.integer(min: 2, max: 5), "criteria": criteria,
                "externalRef": Schema.string(max: 64), "ownerOrganizationId": Schema.integer(min: 1),
            ],
            required: [
                "year", "title", "description", "goals", "indicators", "fields", "rewardFen", "tranches", "deadline",
                "reviewMode",
            ]),
        "ChallengePage": Schema.page(of: "Challenge"),
        "ChallengeProgress": Schema.object(
            [
                "challenge": Schema.ref("Challenge"), "allowedEvents": Schema.array(Schema.string(max: 40)),
                "milestones": Schema.array(Schema.ref("Milestone")), "payables": Schema.array(Schema.ref("Payable")),
            ], required: ["challenge", "allowedEvents", "milestones", "payables"]),
        "ChallengeTransition": Schema.object(
            [
                "event": Schema.enumeration(ChallengeTransition.Name.allCases.map(\.rawValue)),
                "reason": Schema.string(max: 1_000),
                "deadline": Schema.dateTime, "applicationIds": Schema.array(Schema.integer(min: 1), max: 5),
            ], required: ["event"]),
        "NewChallengeApplication": Schema.object(
            [
                "partnerOrganizationIds": Schema.array(Schema.integer(min: 1), max: 20), "plan": text5000,
                "budgetFen": Schema.integer(min: 1, max: 10_000_000_000), "team": Schema.array(teamMember, max: 50),
                "leadOrganizationId": Schema.integer(min: 1),
            ], required: ["plan", "budgetFen", "team"]),
        "ChallengeApplication": Schema.object(
            [
                "id": Schema.integer(), "challengeId": Schema.integer(), "leadOrganizationId": Schema.integer(),
                "partnerOrganizationIds": Schema.array(Schema.integer()), "plan": text5000,
                "budgetFen": Schema.integer(),
                "team": Schema.array(teamMember), "status": applicationStatus, "averageScore": ["type": "number"],
                "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime,
            ], required: ["id", "challengeId", "leadOrganizationId", "plan", "budgetFen", "team", "status"]),
        "ChallengeApplicationList": Schema.items(of: "ChallengeApplication"),
        "ExpertAssignment": Schema.object(["userId": Schema.integer(min: 1)], required: ["userId"]),
        "ChallengeExpert": Schema.object(
            [
                "challengeId": Schema.integer(), "userId": Schema.integer(), "organizationId": Schema.integer(),
            ], required: ["challengeId", "userId", "organizationId"]),
        "ScoreSheet": Schema.object(
            [
                "scores": Schema.array(
                    Schema.object(
                        [
                            "criterion": Schema.string(max: 50, min: 1), "score": Schema.integer(min: 0, max: 100),
                            "comment": Schema.string(max: 2_000),
                        ], required: ["criterion", "score"]), max: 20)
            ], required: ["scores"]),
        "MilestoneSubmission": Schema.object(["deliverable": text5000], required: ["deliverable"]),
        "MilestoneDecision": Schema.object(
            ["accept": Schema.boolean, "reason": Schema.string(max: 1_000)], required: ["accept"]),
        "Milestone": Schema.object(
            [
                "id": Schema.integer(), "applicationId": Schema.integer(), "trancheIndex": Schema.integer(min: 1),
                "deliverable": text5000, "status": Schema.enumeration(["submitted", "accepted", "rejected"]),
                "reason": Schema.nullable(Schema.string(max: 1_000)), "submittedAt": Schema.dateTime,
                "decidedAt": Schema.nullable(Schema.dateTime),
            ], required: ["id", "applicationId", "trancheIndex", "deliverable", "status", "submittedAt"]),
        "Payable": Schema.object(
            [
                "applicationId": Schema.integer(), "trancheIndex": Schema.integer(min: 0), "amount": money,
                "recordedAt": Schema.dateTime,
            ], required: ["applicationId", "trancheIndex", "amount", "recordedAt"]),
        "SearchResult": Schema.object(
            [
                "items": Schema.array(
                    Schema.object(
                        [
                            "kind": Schema.enumeration(ListingKind.allCases.map(\.rawValue)), "id": Schema.integer(),
                            "title": Schema.string(max: 200),
                            "city": Components.cityCode, "ownerOrganizationId": Schema.integer(),
                            "status": Schema.string(max: 40),
                            "fields": fields, "trl": trl, "price": price, "deadline": Schema.dateTime,
                            "score": ["type": "number"],
                            "highlights": Schema.object(
                                ["title": highlighted, "snippet": highlighted], required: ["title"]),
                        ], required: ["kind", "id", "title", "city", "ownerOrganizationId", "status", "fields"])),
                "total": Schema.integer(min: 0),
                "facets": Schema.object(
                    ["kind": counts, "field": counts, "city": counts], required: ["kind", "field", "city"]),
                "nextCursor": Schema.nullable(Schema.string(max: 64)),
            ], required: ["items", "total", "facets"]),
        "ImportReport": Schema.object(
            [
                "mode": Schema.enumeration(PatentImport.Mode.allCases.map(\.rawValue)),
                "format": Schema.string(max: 20),
                "encoding": Schema.string(max: 20), "rows": Schema.integer(min: 0), "created": Schema.integer(min: 0),
                "updated": Schema.integer(min: 0), "unchanged": Schema.integer(min: 0),
                "invalid": Schema.integer(min: 0),
                "committed": Schema.boolean, "errorsTruncated": Schema.boolean,
                "errors": Schema.array(
                    Schema.object(
                        [
                            "row": Schema.integer(), "line": Schema.integer(),
                            "field": Schema.nullable(Schema.string(max: 200)),
                            "code": Schema.string(max: 100), "messageZh": Schema.string(max: 2_000),
                            "messageEn": Schema.string(max: 2_000),
                        ], required: ["row", "line", "code", "messageZh", "messageEn"]), max: 1_000),
            ],
            required: [
                "mode", "format", "encoding", "rows", "created", "updated", "unchanged", "invalid", "committed",
                "errors",
            ]),
    ]
}
