import Foundation
import Kernel
import NIOCore

/// The OpenAPI 3.1 document served at `/openapi.json`. Written by hand, route by route; a test
/// compares its operations with the router's and fails on any difference.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var tag: String
        var authenticated = true
        var idempotent = false
        var request: String?
        var query: [JSONValue] = []
        var success: (Int, String?)
        var errors: [Int]
        /// The success body's media type; a non-JSON one is described as a string.
        var mediaType = "application/json"
    }

    static let operations: [Operation] =
        [
            Operation(
                method: "get", path: "/healthz", summary: "Liveness", tag: "system", authenticated: false,
                success: (200, "Status"), errors: []),
            Operation(
                method: "get", path: "/readyz", summary: "Readiness: the database takes writes", tag: "system",
                authenticated: false, success: (200, "Status"), errors: [503]),
            Operation(
                method: "get", path: "/openapi.json", summary: "This document", tag: "system", authenticated: false,
                success: (200, nil), errors: []),
            Operation(
                method: "get", path: "/metrics",
                summary:
                    "Prometheus metrics (loopback clients, or `Authorization: Bearer` with the configured metrics.token)",
                tag: "system", authenticated: false, success: (200, nil), errors: [403], mediaType: "text/plain"),
            Operation(
                method: "get", path: "/v1/cities", summary: "The five corridor cities", tag: "reference",
                authenticated: false, success: (200, "CityList"), errors: []),
            Operation(
                method: "get", path: "/v1/fields", summary: "The six focus fields", tag: "reference",
                authenticated: false, success: (200, "FieldList"), errors: []),
            Operation(
                method: "get", path: "/v1/parks",
                summary: "Offshore innovation parks and collaborative industrial parks", tag: "reference",
                authenticated: false, success: (200, "ParkList"), errors: []),
            Operation(
                method: "post", path: "/v1/auth/login", summary: "Sign in; returns a bearer token", tag: "auth",
                authenticated: false, request: "Login", success: (200, "IssuedToken"),
                errors: [400, 401, 413, 415, 422]),
            Operation(
                method: "post", path: "/v1/auth/logout", summary: "Revoke the token of this request", tag: "auth",
                success: (204, nil), errors: [401]),
            Operation(
                method: "get", path: "/v1/me", summary: "The signed-in user and organisation", tag: "auth",
                success: (200, "Me"), errors: [401]),
            Operation(
                method: "post", path: "/v1/me/password",
                summary: "Change one's own password (every other session and token revoked)", tag: "auth",
                request: "PasswordChange", success: (200, "SessionsRevoked"), errors: [400, 401, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/organizations/{id}/sign-in-alerts",
                summary:
                    "Accounts of the organisation locked after repeated failed sign-ins (its admins, its city, auditors)",
                tag: "auth", success: (200, "SignInAlertList"), errors: [401, 403, 404]),
            Operation(
                method: "post", path: "/v1/users/{id}/disable",
                summary: "Disable a user of one's organisation (every session and token revoked)", tag: "auth",
                success: (200, "SessionsRevoked"), errors: [401, 403, 404, 409]),
            Operation(
                method: "post", path: "/v1/tokens", summary: "Issue an API token for a system (organisation admins)",
                tag: "auth", idempotent: true, request: "NewAPIToken", success: (201, "IssuedToken"),
                errors: [400, 401, 403, 404, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/tokens", summary: "API tokens of an organisation", tag: "auth",
                query: [param("organizationId", Schema.integer(min: 1))] + pageParameters,
                success: (200, "APITokenPage"), errors: [401, 403, 404, 422]),
            Operation(
                method: "delete", path: "/v1/tokens/{id}", summary: "Revoke an API token", tag: "auth",
                success: (204, nil), errors: [401, 403, 404, 409]),
            Operation(
                method: "post", path: "/v1/organizations",
                summary: "Register an organisation (platform or city admins)", tag: "organizations", idempotent: true,
                request: "NewOrganization", success: (201, "Organization"), errors: [400, 401, 403, 409, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/organizations", summary: "List organisations, filtered by kind and city",
                tag: "organizations",
                query: [param("kind", Components.organizationKind), param("city", Components.cityCode)]
                    + pageParameters, success: (200, "OrganizationPage"), errors: [401, 422]),
            Operation(
                method: "get", path: "/v1/organizations/{id}", summary: "One organisation", tag: "organizations",
                success: (200, "Organization"), errors: [401, 404]),
            Operation(
                method: "patch", path: "/v1/organizations/{id}",
                summary: "Amend an organisation (its admin, its city admin)", tag: "organizations",
                request: "OrganizationPatch", success: (200, "Organization"),
                errors: [400, 401, 403, 404, 413, 415, 422]),
            Operation(
                method: "post", path: "/v1/organizations/{id}/users", summary: "Add a user to an organisation",
                tag: "organizations", idempotent: true, request: "NewUser", success: (201, "CreatedUser"),
                errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "post", path: "/v1/organizations/{id}/relations",
                summary: "Declare a controlling holder or a related party (the organisation's admin, its city admin)",
                tag: "organizations", idempotent: true, request: "NewOrganizationRelation",
                success: (201, "OrganizationRelation"), errors: [400, 401, 403, 404, 409, 413, 415, 422]),
            Operation(
                method: "get", path: "/v1/organizations/{id}/relations",
                summary: "The organisation's declared relations (its admins, city admins, auditors)",
                tag: "organizations", success: (200, "OrganizationRelationList"), errors: [401, 403, 404]),
            Operation(
                method: "delete", path: "/v1/organizations/{id}/relations/{relationId}",
                summary: "Withdraw a declared relation", tag: "organizations", success: (204, nil),
                errors: [401, 403, 404]),
            Operation(
                method: "get", path: "/v1/organizations/{id}/users", summary: "Users of an organisation",
                tag: "organizations", query: pageParameters, success: (200, "UserPage"), errors: [401, 403, 404, 422]),
        ] + ListingOperations.all + MatchComponents.operations + VoucherComponents.operations
        + IntegrityComponents.operations + AuditComponents.operations

    static let pageParameters: [JSONValue] = [
        param("limit", Schema.integer(min: 1, max: Int64(Limits.pageSizeMax))),
        param("cursor", Schema.string(max: 64)),
    ]

    static func param(_ name: String, _ schema: JSONValue) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema]
    }

    static let document: JSONValue = {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = describe(operation)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Corridor API",
                "version": "1.0.0",
                "description": "光谷科技创新大走廊技术转移平台 — the technology-transfer marketplace of the Optics Valley corridor.",
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(Components.all),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
    }()

    static let buffer: ByteBuffer = ByteBuffer(string: document.canonical)

    static func describe(_ operation: Operation) -> JSONValue {
        var parameters = operation.query
        for name in ["id", "applicationId", "milestoneId", "relationId"] where operation.path.contains("{\(name)}") {
            parameters.append(["name": .string(name), "in": "path", "required": true, "schema": Schema.integer(min: 1)])
        }
        if operation.idempotent {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "schema": Schema.string(max: 255, min: 1, pattern: "^[!-~]{1,255}$"),
                "description": "Replays return the first response; the same key with another body is refused (422).",
            ])
        }
        var responses: [String: JSONValue] = [:]
        let (status, schema) = operation.success
        if let schema {
            responses[String(status)] = [
                "description": "Success", "content": ["application/json": ["schema": Schema.ref(schema)]],
            ]
        } else if status == 204 {
            responses["204"] = ["description": "Done"]
        } else if operation.mediaType != "application/json" {
            responses[String(status)] = [
                "description": "Success", "content": [operation.mediaType: ["schema": ["type": "string"]]],
            ]
        } else {
            responses[String(status)] = [
                "description": "Success", "content": ["application/json": ["schema": ["type": "object"]]],
            ]
        }
        // 429: the rate limits (RateLimitMiddleware) apply to every route but the probes.
        let rateLimited = RateLimitMiddleware.exempt.contains(operation.path) ? [] : [429]
        for error in operation.errors + [400, 404, 405, 500] + rateLimited where responses[String(error)] == nil {
            responses[String(error)] = [
                "description": "Problem (RFC 9457)",
                "content": ["application/problem+json": ["schema": Schema.ref("Problem")]],
            ]
        }
        var result: [String: JSONValue] = [
            "summary": .string(operation.summary),
            "tags": [.string(operation.tag)],
            "operationId": .string(
                operation.method
                    + operation.path.replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                    .replacingOccurrences(of: ".", with: "_")),
            "responses": .object(responses),
            "security": operation.authenticated ? [["bearer": []]] : [],
        ]
        if !parameters.isEmpty { result["parameters"] = .array(parameters) }
        if let request = operation.request {
            result["requestBody"] = [
                "required": true, "content": ["application/json": ["schema": Schema.ref(request)]],
            ]
        }
        return .object(result)
    }
}
