import Identity
import Kernel

/// The schemas of the request and response bodies.
enum Components {
    static let cityCode = Schema.enumeration(
        CityCode.allCases.map(\.rawValue), description: "WH 武汉, EZ 鄂州, HS 黄石, HG 黄冈, XN 咸宁")
    static let organizationKind = Schema.enumeration(OrganizationKind.allCases.map(\.rawValue))
    static let role = Schema.enumeration(Role.allCases.map(\.rawValue))
    static let creditCode = Schema.string(
        max: 18, min: 18, pattern: "^[0-9A-HJ-NPQRTUWXY]{18}$",
        description: "统一社会信用代码 (GB 32100-2015), check character verified"
    )

    static let attributes = Schema.object(
        [
            "highTech": Schema.boolean, "techSME": Schema.boolean, "specialized": Schema.boolean,
            "revenueBand": Schema.nullable(Schema.enumeration(RevenueBand.allCases.map(\.rawValue))),
        ], required: ["highTech", "techSME", "specialized"])

    static let contact = Schema.object([
        "name": Schema.nullable(Schema.string(max: Limits.shortText)),
        "phone": Schema.nullable(Schema.string(max: Limits.phone)),
        "email": Schema.nullable(Schema.string(max: Limits.email)),
        "address": Schema.nullable(Schema.string(max: Limits.address)),
    ])

    static let user = Schema.object(
        [
            "id": Schema.integer(), "organizationId": Schema.integer(), "username": Schema.string(max: 64),
            "displayName": Schema.string(max: Limits.shortText), "role": role, "createdAt": Schema.dateTime,
            "disabledAt": Schema.nullable(Schema.dateTime),
        ], required: ["id", "organizationId", "username", "displayName", "role", "createdAt"])

    static let relationKind = Schema.enumeration(OrganizationRelation.Kind.allCases.map(\.rawValue))
    static let relations: [String: JSONValue] = [
        "NewOrganizationRelation": Schema.object(
            [
                "kind": relationKind, "relatedCreditCode": creditCode, "note": Schema.nullable(Schema.string(max: 500)),
            ], required: ["kind", "relatedCreditCode"]),
        "OrganizationRelation": Schema.object(
            [
                "id": Schema.integer(), "organizationId": Schema.integer(), "kind": relationKind,
                "relatedCreditCode": creditCode,
                "relatedOrganizationId": Schema.nullable(Schema.integer()),
                "note": Schema.nullable(Schema.string(max: 500)),
                "createdAt": Schema.dateTime, "declaredByRole": Schema.nullable(role),
            ], required: ["id", "organizationId", "kind", "relatedCreditCode", "createdAt"]),
        "OrganizationRelationList": Schema.items(of: "OrganizationRelation"),
    ]

    static let all: [String: JSONValue] = [
        "Problem": Schema.object(
            [
                "type": Schema.string(max: 200), "title": Schema.string(max: 200),
                "status": Schema.integer(min: 400, max: 599),
                "code": Schema.string(max: 100), "field": Schema.nullable(Schema.string(max: 200)),
                "detail": Schema.string(max: 2_000), "messageZh": Schema.string(max: 2_000),
                "messageEn": Schema.string(max: 2_000), "requestId": Schema.string(max: 128),
                "details": ["type": "object"],
            ], required: ["type", "title", "status", "code", "detail", "messageZh", "messageEn", "requestId"],
            additional: false),
        "Organization": Schema.object(
            [
                "id": Schema.integer(), "kind": organizationKind, "name": Schema.string(max: Limits.name),
                "nameEn": Schema.nullable(Schema.string(max: Limits.name)), "city": cityCode, "creditCode": creditCode,
                "attributes": attributes, "contact": contact, "park": Schema.nullable(Schema.string(max: 64)),
                "createdAt": Schema.dateTime, "updatedAt": Schema.dateTime, "version": Schema.integer(min: 1),
            ],
            required: [
                "id", "kind", "name", "city", "creditCode", "attributes", "contact", "createdAt", "updatedAt",
                "version",
            ]),
        "NewOrganization": Schema.object(
            [
                "kind": organizationKind, "name": Schema.string(max: Limits.name, min: 1),
                "nameEn": Schema.nullable(Schema.string(max: Limits.name)), "city": cityCode, "creditCode": creditCode,
                "attributes": attributes, "contact": contact, "park": Schema.nullable(Schema.string(max: 64)),
            ], required: ["kind", "name", "city", "creditCode"]),
        "OrganizationPatch": Schema.object([
            "name": Schema.string(max: Limits.name, min: 1), "nameEn": Schema.nullable(Schema.string(max: Limits.name)),
            "attributes": attributes, "contact": contact, "park": Schema.nullable(Schema.string(max: 64)),
        ]),
        "OrganizationPage": Schema.page(of: "Organization"),
        "User": user,
        "UserPage": Schema.page(of: "User"),
        "NewUser": Schema.object(
            [
                "username": Schema.string(max: 64, min: 3, pattern: "^[a-z0-9._-]{3,64}$"),
                "displayName": Schema.string(max: Limits.shortText, min: 1), "role": role,
                "password": Schema.string(max: 128, min: 10),
            ], required: ["username", "displayName", "role", "password"]),
        "CreatedUser": Schema.object(["user": Schema.ref("User")], required: ["user"]),
        "PasswordChange": Schema.object(
            [
                "currentPassword": Schema.string(max: 128), "newPassword": Schema.string(max: 128, min: 10),
            ], required: ["currentPassword", "newPassword"]),
        "SignInAlert": Schema.object(
            [
                "id": Schema.integer(), "userId": Schema.integer(), "username": Schema.string(max: 64),
                "address": Schema.nullable(Schema.string(max: 64)),
                "lockedSeconds": Schema.integer(min: 0), "at": Schema.dateTime,
            ], required: ["id", "userId", "username", "lockedSeconds", "at"]),
        "SignInAlertList": Schema.items(of: "SignInAlert"),
        "SessionsRevoked": Schema.object(
            ["userId": Schema.integer(), "revokedTokens": Schema.integer(min: 0)],
            required: ["userId", "revokedTokens"]),
        "Login": Schema.object(
            ["username": Schema.string(max: 64), "password": Schema.string(max: 128)],
            required: ["username", "password"]),
        "IssuedToken": Schema.object(
            [
                "id": Schema.integer(),
                "token": Schema.string(
                    max: 64,
                    description:
                        "Shown once; send as `Authorization: Bearer …`. Empty in a replay of the same Idempotency-Key"),
                "tokenType": Schema.enumeration(["Bearer"]), "expiresAt": Schema.dateTime, "user": Schema.ref("User"),
                "role": Schema.nullable(role), "alreadyShown": Schema.nullable(Schema.boolean),
            ], required: ["id", "token", "tokenType", "expiresAt", "user"]),
        "NewAPIToken": Schema.object(
            [
                "name": Schema.string(max: Limits.shortText, min: 1),
                "userId": Schema.integer(min: 1, description: "the caller's own id only"),
                "expiresInDays": Schema.integer(min: 1, max: 365), "role": role,
            ], required: ["name"]),
        "APIToken": Schema.object(
            [
                "id": Schema.integer(), "name": Schema.nullable(Schema.string(max: Limits.shortText)),
                "kind": Schema.enumeration(["session", "api", "service"]), "role": Schema.nullable(role),
                "userId": Schema.integer(), "organizationId": Schema.integer(), "city": cityCode,
                "createdAt": Schema.dateTime, "expiresAt": Schema.dateTime,
                "revokedAt": Schema.nullable(Schema.dateTime),
            ], required: ["id", "kind", "userId", "organizationId", "city", "createdAt", "expiresAt"]),
        "APITokenPage": Schema.page(of: "APIToken"),
        "Me": Schema.object(
            [
                "user": Schema.ref("User"), "organization": Schema.ref("Organization"),
                "tokenExpiresAt": Schema.dateTime,
            ], required: ["user", "organization", "tokenExpiresAt"]),
        "City": Schema.object(
            [
                "code": cityCode, "nameZh": Schema.string(max: 20), "nameEn": Schema.string(max: 40),
                "divisionCode": Schema.string(max: 6, min: 6),
            ], required: ["code", "nameZh", "nameEn", "divisionCode"]),
        "Field": Schema.object(
            [
                "code": Schema.string(max: 40), "nameZh": Schema.string(max: 40), "nameEn": Schema.string(max: 100),
            ], required: ["code", "nameZh", "nameEn"]),
        "Park": Schema.object(
            [
                "code": Schema.string(max: 64), "nameZh": Schema.string(max: 200), "kind": Schema.string(max: 64),
                "hostCity": Schema.nullable(cityCode), "partnerCity": Schema.nullable(cityCode),
                "source": Schema.nullable(Schema.string(max: 20)),
            ], required: ["code", "nameZh", "kind"]),
        "CityList": Schema.items(of: "City"),
        "FieldList": Schema.items(of: "Field"),
        "ParkList": Schema.items(of: "Park"),
        "Status": Schema.object(["status": Schema.string(max: 100)], required: ["status"]),
    ].merging(ListingComponents.all) { $1 }.merging(MatchComponents.all) { $1 }.merging(VoucherComponents.all) { $1 }
        .merging(IntegrityComponents.all) { $1 }.merging(relations) { $1 }.merging(AuditComponents.all) { $1 }
}
