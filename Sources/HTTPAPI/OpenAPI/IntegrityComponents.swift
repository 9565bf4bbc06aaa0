import Identity
import Kernel
import Vouchers

/// Schemas and routes of certified attributes, voucher revocation and receivables.
enum IntegrityComponents {
    typealias Operation = OpenAPIDocument.Operation

    static let attribute = Schema.enumeration(Certification.Attribute.allCases.map(\.rawValue))
    static let revenueBand = Schema.enumeration(RevenueBand.allCases.map(\.rawValue))
    static let certificationStatus = Schema.enumeration(Certification.Status.allCases.map(\.rawValue))

    static let all: [String: JSONValue] = [
        "NewCertification": Schema.object(
            [
                "attribute": attribute, "holds": Schema.boolean, "revenueBand": revenueBand,
                "certificateNumber": Schema.string(max: 64), "validUntil": Schema.dateTime,
            ], required: ["attribute"]),
        "Certification": Schema.object(
            [
                "id": Schema.integer(), "organizationId": Schema.integer(), "attribute": attribute,
                "holds": Schema.boolean,
                "revenueBand": Schema.nullable(revenueBand),
                "certificateNumber": Schema.nullable(Schema.string(max: 64)),
                "validUntil": Schema.nullable(Schema.dateTime), "status": certificationStatus,
                "requestedBy": Schema.nullable(Schema.integer()),
                "requestedAt": Schema.dateTime, "decidedBy": Schema.nullable(Schema.integer()),
                "decidedAt": Schema.nullable(Schema.dateTime),
                "reason": Schema.nullable(Schema.string(max: 500)),
            ], required: ["id", "organizationId", "attribute", "holds", "status", "requestedAt"]),
        "CertificationList": Schema.items(of: "Certification"),
        "CertificationPage": Schema.page(of: "Certification"),
        "CertificationDecision": Schema.object(
            ["approve": Schema.boolean, "reason": Schema.string(max: 500)], required: ["approve"]),
        "VoucherRevocation": Schema.object(["reason": Schema.string(max: 500, min: 1)], required: ["reason"]),
        "Receivable": Schema.object(
            [
                "city": Components.cityCode, "year": Schema.integer(), "payeeOrganizationId": Schema.integer(),
                "balanceFen": VoucherComponents.fen,
            ], required: ["city", "year", "payeeOrganizationId", "balanceFen"]),
        "ReceivableList": Schema.items(of: "Receivable"),
        "NewRecovery": Schema.object(
            [
                "payeeOrganizationId": Schema.integer(min: 1), "year": Schema.integer(),
                "amountFen": Schema.integer(min: 1),
                "reference": Schema.string(max: 100, min: 1),
            ], required: ["payeeOrganizationId", "year", "amountFen", "reference"]),
    ]

    static let writeErrors = VoucherComponents.writeErrors

    static let operations: [Operation] = [
        Operation(
            method: "post", path: "/v1/organizations/{id}/certifications",
            summary: "An enterprise asks its city to verify an eligibility attribute (its own admin)",
            tag: "organizations", idempotent: true, request: "NewCertification", success: (201, "Certification"),
            errors: writeErrors),
        Operation(
            method: "get", path: "/v1/organizations/{id}/certifications",
            summary: "The organisation's certification requests and verified attributes", tag: "organizations",
            success: (200, "CertificationList"), errors: [401, 403, 404]),
        Operation(
            method: "get", path: "/v1/certifications",
            summary: "Certification requests of the caller's city (?status=pending)", tag: "organizations",
            query: [
                OpenAPIDocument.param("status", certificationStatus)
            ] + OpenAPIDocument.pageParameters, success: (200, "CertificationPage"), errors: [401, 403, 422]),
        Operation(
            method: "post", path: "/v1/certifications/{id}/decision",
            summary: "Verify or reject (with a reason) a certification request (the enterprise's city admin)",
            tag: "organizations", idempotent: true, request: "CertificationDecision", success: (200, "Certification"),
            errors: writeErrors),
        Operation(
            method: "post", path: "/v1/vouchers/{id}/revocation",
            summary:
                "Revoke a voucher: open holds released, the unused balance back to the budget (the issuing city admin)",
            tag: "vouchers", idempotent: true, request: "VoucherRevocation", success: (200, "Voucher"),
            errors: writeErrors),
        Operation(
            method: "get", path: "/v1/receivables",
            summary: "What payees owe back after paid redemptions were reversed (the city, auditors)", tag: "vouchers",
            success: (200, "ReceivableList"), errors: [401]),
        Operation(
            method: "post", path: "/v1/receivables/recoveries",
            summary: "Record a repayment: receivable → the city's budget (city admin)", tag: "vouchers",
            idempotent: true, request: "NewRecovery", success: (201, "Receivable"), errors: writeErrors),
    ]
}
