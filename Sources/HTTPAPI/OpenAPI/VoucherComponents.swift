import Identity
import Kernel
import Vouchers

/// Schemas and routes of innovation vouchers.
enum VoucherComponents {
    typealias Operation = OpenAPIDocument.Operation

    static let fen = Schema.integer(min: 0, description: "fen (分)")
    static let category = Schema.enumeration(ServiceCategory.allCases.map(\.rawValue))
    static let mode = Schema.enumeration(
        RedemptionMode.allCases.map(\.rawValue), description: "tongdui 通兑 or tongyong 通用")
    static let cities = Schema.array(Components.cityCode, max: 5)
    static let categoryRule = Schema.object(
        [
            "category": category, "ratioPermille": Schema.integer(min: 1, max: 1_000),
        ], required: ["category", "ratioPermille"])
    static let eligibility = Schema.object(
        [
            "anyOf": Schema.array(Schema.enumeration(VoucherPolicy.Qualification.allCases.map(\.rawValue)), max: 3),
            "maxRevenueBand": Schema.nullable(Schema.enumeration(RevenueBand.allCases.map(\.rawValue))),
        ], required: ["anyOf"])
    static let fraudRules = Schema.object([
        "maxProviderSharePermille": Schema.integer(min: 1, max: 1_000),
        "minimumForShare": Schema.integer(min: 1, max: 1_000),
        "concentrationWindowDays": Schema.integer(min: 1, max: 1_096),
        "thresholdsFen": Schema.array(Schema.integer(min: 1, max: 1_000_000_000_000), max: 10),
        "splittingWindowDays": Schema.integer(min: 1, max: 1_096),
        "nearBelowPermille": Schema.integer(min: 0, max: 500),
        "nearRepeat": Schema.integer(min: 1, max: 100),
    ])
    static let policyInput: [String: JSONValue] = [
        "year": Schema.integer(), "budgetFen": Schema.integer(min: 1), "unitFen": Schema.integer(min: 1),
        "yearlyCapFen": Schema.integer(min: 1), "categories": Schema.array(categoryRule, max: 4),
        "eligibility": eligibility,
        "validUntil": Schema.dateTime, "modes": Schema.array(mode, max: 2), "providerCities": cities,
        "holdHours": Schema.integer(min: 1, max: 2_160), "acceptanceDays": Schema.integer(min: 1, max: 90),
        "fraudRules": fraudRules,
    ]
    static let providerStatus = Schema.enumeration(Provider.Status.allCases.map(\.rawValue))
    static let redemptionStatus = Schema.enumeration(Redemption.Status.allCases.map(\.rawValue))
    static let balances = Schema.object(
        [
            "availableFen": fen, "heldFen": fen, "capturedFen": fen, "expiredFen": fen, "revokedFen": fen,
        ], required: ["availableFen", "heldFen", "capturedFen", "expiredFen", "revokedFen"])
    static let amounts: JSONValue = ["type": "object", "additionalProperties": Schema.integer()]

    static let all: [String: JSONValue] = [
        "NewVoucherPolicy": Schema.object(
            policyInput, required: ["year", "budgetFen", "unitFen", "yearlyCapFen", "categories", "validUntil"]),
        "VoucherPolicy": Schema.object(
            policyInput.merging([
                "id": Schema.integer(), "city": Components.cityCode, "version": Schema.integer(min: 1),
                "current": Schema.boolean,
                "createdAt": Schema.dateTime,
            ]) { $1 },
            required: [
                "id", "city", "year", "version", "budgetFen", "unitFen", "yearlyCapFen", "categories", "eligibility",
                "validUntil", "modes", "providerCities", "holdHours", "acceptanceDays", "fraudRules", "current",
                "createdAt",
            ]),
        "VoucherPolicyList": Schema.items(of: "VoucherPolicy"),
        "NewProvider": Schema.object(["categories": Schema.array(category, max: 4)], required: ["categories"]),
        "Provider": Schema.object(
            [
                "id": Schema.integer(), "organizationId": Schema.integer(), "city": Components.cityCode,
                "categories": Schema.array(category, max: 4), "status": providerStatus,
                "noticeEndsAt": Schema.nullable(Schema.dateTime),
                "objections": Schema.array(
                    Schema.object(
                        [
                            "organizationId": Schema.integer(), "reason": Schema.string(max: 1_000),
                            "at": Schema.dateTime,
                            "resolution": Schema.nullable(Schema.string(max: 500)),
                        ], required: ["reason", "at"])),
                "history": Schema.array(
                    Schema.object(
                        [
                            "status": providerStatus, "reason": Schema.nullable(Schema.string(max: 500)),
                            "at": Schema.dateTime,
                        ], required: ["status", "at"])),
                "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime,
            ],
            required: [
                "id", "organizationId", "city", "categories", "status", "objections", "history", "createdAt",
                "updatedAt",
            ]),
        "ProviderPage": Schema.page(of: "Provider"),
        "ProviderAction": Schema.object(
            [
                "action": Schema.enumeration(ProviderAction.Kind.allCases.map(\.rawValue)),
                "reason": Schema.string(max: 500),
            ], required: ["action"]),
        "NewObjection": Schema.object(["reason": Schema.string(max: 1_000, min: 1)], required: ["reason"]),
        "NewVoucherApplication": Schema.object(
            ["amountFen": Schema.integer(min: 1), "year": Schema.integer()], required: ["amountFen"]),
        "VoucherApplication": Schema.object(
            [
                "id": Schema.integer(), "enterpriseOrganizationId": Schema.integer(), "city": Components.cityCode,
                "year": Schema.integer(),
                "policyId": Schema.integer(), "amountFen": fen,
                "status": Schema.enumeration(VoucherApplication.Status.allCases.map(\.rawValue)),
                "reason": Schema.nullable(Schema.string(max: 500)), "voucherId": Schema.nullable(Schema.integer()),
                "createdAt": Schema.dateTime, "decidedAt": Schema.nullable(Schema.dateTime),
            ],
            required: [
                "id", "enterpriseOrganizationId", "city", "year", "policyId", "amountFen", "status", "createdAt",
            ]),
        "VoucherApplicationPage": Schema.page(of: "VoucherApplication"),
        "VoucherDecision": Schema.object(
            [
                "approve": Schema.boolean, "amountFen": Schema.integer(min: 1), "reason": Schema.string(max: 500),
            ], required: ["approve"]),
        "Voucher": Schema.object(
            [
                "id": Schema.integer(),
                "number": Schema.string(max: 32, description: "e.g. HS-2026-000123-K (check character last)"),
                "enterpriseOrganizationId": Schema.integer(), "city": Components.cityCode, "year": Schema.integer(),
                "policyId": Schema.integer(), "faceFen": fen, "validUntil": Schema.dateTime,
                "status": Schema.enumeration(["active", "expired", "revoked"]), "balances": balances,
                "createdAt": Schema.dateTime,
            ],
            required: [
                "id", "number", "enterpriseOrganizationId", "city", "year", "policyId", "faceFen", "validUntil",
                "status", "balances", "createdAt",
            ]),
        "VoucherPage": Schema.page(of: "Voucher"),
        "NewRedemption": Schema.object(
            [
                "voucherId": Schema.integer(min: 1), "providerOrganizationId": Schema.integer(min: 1),
                "contractNumber": Schema.string(max: 64, min: 1), "category": category,
                "contractFen": Schema.integer(min: 1),
                "mode": mode, "invoiceNumber": Schema.string(max: 64),
            ], required: ["voucherId", "providerOrganizationId", "contractNumber", "category", "contractFen"]),
        "Redemption": Schema.object(
            [
                "id": Schema.integer(), "voucherId": Schema.integer(), "voucherNumber": Schema.string(max: 32),
                "mode": mode,
                "enterpriseOrganizationId": Schema.integer(), "providerOrganizationId": Schema.integer(),
                "providerCity": Components.cityCode, "issuingCity": Components.cityCode,
                "payeeOrganizationId": Schema.integer(),
                "contractNumber": Schema.string(max: 64), "category": category, "contractFen": fen, "voucherFen": fen,
                "status": redemptionStatus, "invoiceNumber": Schema.nullable(Schema.string(max: 64)),
                "flags": Schema.array(Schema.string(max: 40)),
                "review": Schema.enumeration(["none", "pending", "approved", "rejected"]),
                "holdExpiresAt": Schema.nullable(Schema.dateTime), "capturedAt": Schema.nullable(Schema.dateTime),
                "settlementId": Schema.nullable(Schema.integer()), "reason": Schema.nullable(Schema.string(max: 500)),
                "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime,
                "contractId": Schema.nullable(Schema.integer()),
                "acceptBy": Schema.nullable(Schema.dateTime), "acceptedAt": Schema.nullable(Schema.dateTime),
                "releasedFen": Schema.nullable(fen),
                "acts": Schema.nullable(
                    Schema.array(
                        Schema.object(
                            [
                                "step": Schema.string(max: 40),
                                "party": Schema.enumeration(["enterprise", "provider", "city", "system"]),
                                "userId": Schema.nullable(Schema.integer()), "at": Schema.dateTime,
                            ], required: ["step", "party", "at"]))),
            ],
            required: [
                "id", "voucherId", "voucherNumber", "mode", "enterpriseOrganizationId", "providerOrganizationId",
                "providerCity", "issuingCity", "payeeOrganizationId", "contractNumber", "category", "contractFen",
                "voucherFen", "status", "flags", "review", "createdAt", "updatedAt",
            ]),
        "RedemptionPage": Schema.page(of: "Redemption"),
        "RedemptionStep": Schema.object(
            [
                "step": Schema.enumeration(RedemptionStep.Kind.allCases.map(\.rawValue)),
                "invoiceNumber": Schema.string(max: 64),
                "reason": Schema.string(max: 500),
                "outcome": Schema.enumeration(RedemptionStep.Outcome.allCases.map(\.rawValue)),
                "amountFen": Schema.integer(min: 1),
            ], required: ["step"]),
        "SettlementReport": Schema.object(
            [
                "period": Schema.string(max: 7), "totalFen": fen,
                "lines": Schema.array(
                    Schema.object(
                        [
                            "issuingCity": Components.cityCode, "payeeOrganizationId": Schema.integer(),
                            "payeeName": Schema.string(max: 200),
                            "payeeCity": Components.cityCode, "mode": mode, "redemptions": Schema.integer(min: 0),
                            "amountFen": fen, "settledFen": fen,
                        ],
                        required: [
                            "issuingCity", "payeeOrganizationId", "payeeName", "payeeCity", "mode", "redemptions",
                            "amountFen", "settledFen",
                        ])),
                "matrix": [
                    "type": "object", "additionalProperties": amounts,
                    "description": "issuing city → provider city → fen",
                ],
                "totalsByIssuingCity": amounts, "totalsByProviderCity": amounts,
            ], required: ["period", "lines", "matrix", "totalsByIssuingCity", "totalsByProviderCity", "totalFen"]),
        "NewSettlement": Schema.object(
            ["period": Schema.string(max: 7, min: 7, pattern: "^[0-9]{4}-[0-9]{2}$")], required: ["period"]),
        "SettlementPayment": Schema.object(
            ["paymentReference": Schema.string(max: 100, min: 1)], required: ["paymentReference"]),
        "SettlementBatch": Schema.object(
            [
                "id": Schema.integer(), "city": Components.cityCode, "period": Schema.string(max: 7),
                "status": Schema.enumeration(["approved", "paid"]), "totalFen": fen,
                "items": Schema.array(
                    Schema.object(
                        [
                            "payeeOrganizationId": Schema.integer(), "year": Schema.integer(), "amountFen": fen,
                            "redemptionIds": Schema.array(Schema.integer()), "nettedFen": Schema.nullable(fen),
                        ], required: ["payeeOrganizationId", "year", "amountFen", "redemptionIds"])),
                "paymentReference": Schema.nullable(Schema.string(max: 100)), "createdAt": Schema.dateTime,
                "paidAt": Schema.nullable(Schema.dateTime),
                "approvedBy": Schema.nullable(Schema.integer()), "cashFen": Schema.nullable(fen),
            ], required: ["id", "city", "period", "status", "totalFen", "items", "createdAt"]),
        "LedgerReport": Schema.object(
            [
                "clean": Schema.boolean, "accounts": Schema.integer(min: 0), "transfers": Schema.integer(min: 0),
                "totalFen": Schema.integer(),
                "violations": Schema.array(Schema.string(max: 500)),
            ], required: ["clean", "accounts", "transfers", "totalFen", "violations"]),
    ]

    static let writeErrors = [400, 401, 403, 404, 409, 413, 415, 422]

    static let operations: [Operation] = [
        Operation(
            method: "post", path: "/v1/voucher-policies",
            summary: "A city's voucher policy for a year (city admin; funds the budget)", tag: "vouchers",
            idempotent: true, request: "NewVoucherPolicy", success: (201, "VoucherPolicy"), errors: writeErrors),
        Operation(
            method: "get", path: "/v1/voucher-policies", summary: "Current policies (?city=&year=&versions=all)",
            tag: "vouchers", authenticated: false,
            query: [
                OpenAPIDocument.param("city", Components.cityCode), OpenAPIDocument.param("year", Schema.integer()),
                OpenAPIDocument.param("versions", Schema.enumeration(["current", "all"])),
            ], success: (200, "VoucherPolicyList"), errors: [422]),
        Operation(
            method: "get", path: "/v1/voucher-policies/{id}", summary: "One policy version", tag: "vouchers",
            authenticated: false, success: (200, "VoucherPolicy"), errors: [404]),
        Operation(
            method: "post", path: "/v1/voucher-policies/{id}/amendments",
            summary: "Amend forward: a new version (budget changes are ledger transfers)", tag: "vouchers",
            idempotent: true, request: "NewVoucherPolicy", success: (201, "VoucherPolicy"), errors: writeErrors),
        Operation(
            method: "post", path: "/v1/providers", summary: "Apply to the provider registry (服务机构库)", tag: "vouchers",
            idempotent: true, request: "NewProvider", success: (201, "Provider"), errors: writeErrors),
        Operation(
            method: "get", path: "/v1/providers",
            summary: "The registry across all five cities (?city=&category=&status=, default listed)", tag: "vouchers",
            authenticated: false,
            query: [
                OpenAPIDocument.param("city", Components.cityCode), OpenAPIDocument.param("category", category),
                OpenAPIDocument.param("status", providerStatus),
            ] + OpenAPIDocument.pageParameters, success: (200, "ProviderPage"), errors: [422]),
        Operation(
            method: "get", path: "/v1/providers/{id}", summary: "One provider with its notice, objections and history",
            tag: "vouchers", authenticated: false, success: (200, "Provider"), errors: [404]),
        Operation(
            method: "post", path: "/v1/providers/{id}/actions",
            summary: "Review, overrule objections, suspend, reinstate, delist (the provider's city admin)",
            tag: "vouchers", idempotent: true, request: "ProviderAction", success: (200, "Provider"),
            errors: writeErrors),
        Operation(
            method: "post", path: "/v1/providers/{id}/objections", summary: "Object during the public notice (公示)",
            tag: "vouchers", idempotent: true, request: "NewObjection", success: (201, "Provider"), errors: writeErrors),
        Operation(
            method: "post", path: "/v1/vouchers", summary: "An enterprise applies to its own city for a voucher",
            tag: "vouchers", idempotent: true, request: "NewVoucherApplication", success: (201, "VoucherApplication"),
            errors: writeErrors),
        Operation(
            method: "get", path: "/v1/vouchers",
            summary: "The caller's vouchers (a city admin: the city's) with balances", tag: "vouchers",
            query: OpenAPIDocument.pageParameters, success: (200, "VoucherPage"), errors: [401, 422]),
        Operation(
            method: "get", path: "/v1/vouchers/{id}", summary: "One voucher with its balances", tag: "vouchers",
            success: (200, "Voucher"), errors: [401, 404]),
        Operation(
            method: "get", path: "/v1/voucher-applications", summary: "Applications (own, or the city's for its admin)",
            tag: "vouchers",
            query: [
                OpenAPIDocument.param("status", Schema.enumeration(VoucherApplication.Status.allCases.map(\.rawValue)))
            ] + OpenAPIDocument.pageParameters, success: (200, "VoucherApplicationPage"), errors: [401, 422]),
        Operation(
            method: "post", path: "/v1/voucher-applications/{id}/decision",
            summary: "Approve (possibly less) or reject with a reason (the city admin)", tag: "vouchers",
            idempotent: true, request: "VoucherDecision", success: (200, "VoucherApplication"), errors: writeErrors),
        Operation(
            method: "post", path: "/v1/redemptions",
            summary: "Open a redemption with a listed provider in any of the five cities (holds the voucher part)",
            tag: "vouchers", idempotent: true, request: "NewRedemption", success: (201, "Redemption"),
            errors: writeErrors),
        Operation(
            method: "get", path: "/v1/redemptions",
            summary: "Redemptions the caller may see (?status=&flagged=true for anomalies)", tag: "vouchers",
            query: [
                OpenAPIDocument.param("status", redemptionStatus),
                OpenAPIDocument.param("flagged", Schema.enumeration(["true", "false"])),
            ] + OpenAPIDocument.pageParameters, success: (200, "RedemptionPage"), errors: [401, 422]),
        Operation(
            method: "get", path: "/v1/redemptions/{id}", summary: "One redemption", tag: "vouchers",
            success: (200, "Redemption"), errors: [401, 404]),
        Operation(
            method: "post", path: "/v1/redemptions/{id}/steps",
            summary: "confirm, accept, dispute, cancel, review, claim decisions, reverse", tag: "vouchers",
            idempotent: true, request: "RedemptionStep", success: (200, "Redemption"), errors: writeErrors),
        Operation(
            method: "get", path: "/v1/settlements/report",
            summary: "A month's amounts per payee and the 5 × 5 city matrix (?period=YYYY-MM; format=csv for CSV)",
            tag: "vouchers",
            query: [
                OpenAPIDocument.param("period", Schema.string(max: 7)),
                OpenAPIDocument.param("format", Schema.enumeration(["json", "csv"])),
            ], success: (200, "SettlementReport"), errors: [401, 403, 422]),
        Operation(
            method: "post", path: "/v1/settlements",
            summary: "Approve the city's settlement batch for a month (city admin)", tag: "vouchers", idempotent: true,
            request: "NewSettlement", success: (201, "SettlementBatch"), errors: writeErrors),
        Operation(
            method: "get", path: "/v1/settlements/{id}", summary: "One settlement batch", tag: "vouchers",
            success: (200, "SettlementBatch"), errors: [401, 404]),
        Operation(
            method: "post", path: "/v1/settlements/{id}/payment",
            summary: "Mark paid with the payment reference (payable → settled)", tag: "vouchers", idempotent: true,
            request: "SettlementPayment", success: (200, "SettlementBatch"), errors: writeErrors),
        Operation(
            method: "get", path: "/v1/ledger/check",
            summary: "The ledger's invariants checked from scratch (auditors, platform)", tag: "vouchers",
            success: (200, "LedgerReport"), errors: [401, 403]),
    ]
}
