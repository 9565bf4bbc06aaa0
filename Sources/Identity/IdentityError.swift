import Kernel

/// The one catalogue of the identity module's refusals: a member per stable code, with its kind
/// (the HTTP layer maps it to a status), its field, its details and its Chinese and English
/// message, here and nowhere else (issue 15). Grouped by flow; within a flow, where several
/// apply, the services check them in the order listed. Each member is a `DomainError`, the one
/// error type the HTTP layer and the console know, so logic files write
/// `throw IdentityError.someCase`. Codes and messages are the wire contract: change them only
/// with the OpenAPI document.
enum IdentityError {
    private static func conflict(
        _ code: String, field: String? = nil, zh: String, en: String, details: [String: JSONValue] = [:]
    ) -> DomainError {
        DomainError(.conflict, code: code, field: field, zh: zh, en: en, details: details)
    }

    private static func forbidden(_ code: String, field: String? = nil, zh: String, en: String) -> DomainError {
        DomainError(.forbidden, code: code, field: field, zh: zh, en: en)
    }

    private static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        .invalid(code, field: field, zh: zh, en: en)
    }

    // MARK: not found

    static var organizationNotFound: DomainError { .notFound("organization", zh: "机构") }
    static var userNotFound: DomainError { .notFound("user", zh: "用户") }
    static var tokenNotFound: DomainError { .notFound("token", zh: "令牌") }
    static var certificationNotFound: DomainError { .notFound("certification", zh: "资质认定申请") }
    static var relationNotFound: DomainError { .notFound("relation", zh: "关联声明") }

    // MARK: signing in (after the lockout: the credentials)

    static func loginLocked(seconds: Int) -> DomainError {
        DomainError(
            .tooManyRequests, code: "login_locked",
            zh: "登录失败次数过多，请 \(seconds) 秒后再试", en: "Too many failed sign-ins; try again in \(seconds) seconds",
            details: ["retryAfterSeconds": .int(Int64(seconds))]
        )
    }
    static var invalidCredentials: DomainError {
        DomainError(.unauthenticated, code: "invalid_credentials", zh: "用户名或密码错误", en: "Wrong username or password")
    }

    // MARK: passwords (`Passwords.validate`, `field` is the body's member checked)

    static var passwordRequired: DomainError {
        invalid("password_required", field: "password", zh: "请设置初始密码", en: "Set an initial password")
    }
    static func passwordTooShort(field: String, minimum: Int) -> DomainError {
        invalid(
            "password_too_short", field: field,
            zh: "密码至少需要 \(minimum) 个字符", en: "The password must have at least \(minimum) characters")
    }
    static func passwordTooManyBytes(field: String, maximumBytes: Int) -> DomainError {
        invalid(
            "password_too_long", field: field,
            zh: "密码不能超过 \(maximumBytes) 字节（约 24 个汉字）",
            en: "The password must be at most \(maximumBytes) bytes (bcrypt reads no more)")
    }
    static func passwordTooLong(field: String, maximum: Int) -> DomainError {
        invalid(
            "too_long", field: field,
            zh: "密码不能超过 \(maximum) 个字符", en: "The password must be at most \(maximum) characters")
    }
    static var currentPasswordWrong: DomainError {
        invalid(
            "current_password_wrong", field: "currentPassword", zh: "当前密码不正确", en: "The current password is not right")
    }

    // MARK: users (creating: the role, the organisation, the username; disabling)

    static var usernameFormat: DomainError {
        invalid(
            "username_format", field: "username", zh: "用户名须为 3–64 个字符，只含小写字母、数字和 . _ -",
            en: "A username has 3–64 characters: lower-case letters, digits, '.', '_' or '-'")
    }
    static var roleNotGrantable: DomainError {
        forbidden("role_not_grantable", field: "role", zh: "无权授予该角色", en: "You may not give this role")
    }
    static var organizationManagedByPlatform: DomainError {
        forbidden(
            "organization_managed_by_platform", zh: "平台和政府机构的用户只能由平台管理员创建",
            en: "Users of the platform and government organisations are created by platform administrators only")
    }
    static func roleNotAllowedForKind(_ kind: OrganizationKind) -> DomainError {
        invalid(
            "role_not_allowed_for_kind", field: "role",
            zh: "该角色不能属于此类机构", en: "This role cannot belong to a \(kind.rawValue) organisation")
    }
    static var userEmailFormat: DomainError {
        invalid("email_format", field: "email", zh: "电子邮箱格式不正确", en: "The e-mail address is not valid")
    }
    static var emailTaken: DomainError {
        conflict(
            "email_taken", field: "email", zh: "该电子邮箱已属于另一位用户",
            en: "This e-mail address already belongs to another user")
    }
    static var usernameTaken: DomainError {
        conflict("username_taken", field: "username", zh: "用户名已被占用", en: "This username is already taken")
    }
    static var cannotDisableSelf: DomainError {
        conflict("cannot_disable_self", zh: "不能停用自己的账号", en: "You cannot disable your own account")
    }
    static var roleAboveYours: DomainError {
        forbidden(
            "role_above_yours", zh: "不能停用角色高于自己的用户", en: "You cannot disable a user whose role is above yours")
    }
    /// `corridor admin create` before `corridor seed`.
    static var noPlatformOrganization: DomainError {
        conflict(
            "no_platform_organization", zh: "尚无平台运营机构，请先运行 corridor seed",
            en: "There is no platform organisation yet: run `corridor seed` first")
    }

    // MARK: API and service tokens

    static var expiryOutOfRange: DomainError {
        invalid(
            "expiry_out_of_range", field: "expiresInDays", zh: "有效期须为 1 到 365 天",
            en: "expiresInDays must be between 1 and 365")
    }
    static var tokenForAnotherUser: DomainError {
        forbidden(
            "token_for_another_user", field: "userId", zh: "只能为自己签发令牌", en: "A token is issued only to its own user")
    }
    /// The same code as `roleNotGrantable`, worded for a service token.
    static var serviceTokenRoleNotGrantable: DomainError {
        forbidden(
            "role_not_grantable", field: "role", zh: "服务令牌的角色不能高于签发者",
            en: "A service token's role cannot be above its owner's")
    }
    static var tokenAlreadyRevoked: DomainError {
        conflict("token_already_revoked", zh: "令牌已被吊销", en: "The token is already revoked")
    }

    // MARK: organisations (the credit code, the contact, then what needs the database)

    static func creditCodeLength(field: String, length: Int) -> DomainError {
        invalid(
            "credit_code_length", field: field, zh: "统一社会信用代码必须为 18 位（当前 \(length) 位）",
            en: "A unified social credit code has 18 characters (got \(length))")
    }
    static func creditCodeCharacter(field: String, character: Character) -> DomainError {
        invalid(
            "credit_code_character", field: field, zh: "统一社会信用代码含非法字符“\(character)”（不得使用 I、O、S、V、Z）",
            en:
                "The unified social credit code contains the illegal character '\(character)' (I, O, S, V and Z are not used)"
        )
    }
    static func creditCodeCheck(field: String) -> DomainError {
        invalid(
            "credit_code_check", field: field, zh: "统一社会信用代码校验位错误",
            en: "The unified social credit code's check character is wrong")
    }
    static var phoneFormat: DomainError {
        invalid(
            "phone_format", field: "contact.phone", zh: "电话号码只能包含数字、空格和 + - ( )",
            en: "A phone number may contain only digits, spaces and + - ( )")
    }
    static var emailFormat: DomainError {
        invalid("email_format", field: "contact.email", zh: "电子邮箱格式不正确", en: "The e-mail address is not valid")
    }
    static var kindReserved: DomainError {
        forbidden(
            "kind_reserved", zh: "城市管理员不能登记政府或平台机构",
            en: "A city administrator cannot register government or platform organisations")
    }
    static func creditCodeTaken(by organization: Int64) -> DomainError {
        conflict(
            "credit_code_taken", field: "creditCode", zh: "该统一社会信用代码已被登记（机构 \(organization)）",
            en: "This unified social credit code is already registered (organisation \(organization))",
            details: ["organizationId": .int(organization)])
    }
    static var unknownPark: DomainError {
        invalid("unknown_park", field: "park", zh: "园区代码不存在", en: "Unknown park code")
    }
    static var attributesNeedCertification: DomainError {
        invalid(
            "attributes_need_certification", field: "attributes", zh: "资质须通过认定申请由所在城市审核，不能直接修改",
            en: "Attributes change only through a certification request verified by the city")
    }

    // MARK: certifications: the request (the body, then the organisation)

    static var certificateNumberControlCharacters: DomainError {
        invalid(
            "control_characters", field: "certificateNumber", zh: "证书编号含控制字符",
            en: "The certificate number contains control characters")
    }
    static var revenueBandRequired: DomainError {
        invalid("revenue_band_required", field: "revenueBand", zh: "请填写营业收入区间", en: "revenueBand is required")
    }
    static var holdsRequired: DomainError {
        invalid("holds_required", field: "holds", zh: "请说明是否具备该资质", en: "holds is required")
    }
    static var certificateRequired: DomainError {
        invalid(
            "certificate_required", field: "certificateNumber", zh: "须提供证书编号", en: "The certificate number is required")
    }
    static var validUntilRequired: DomainError {
        invalid(
            "valid_until_required", field: "validUntil", zh: "须提供证书有效期", en: "The certificate's validity is required")
    }
    /// A request for a certificate already past its end date.
    static var certificateExpired: DomainError {
        invalid("certificate_expired", field: "validUntil", zh: "证书已过有效期", en: "The certificate has expired")
    }
    static var validityTooLong: DomainError {
        invalid(
            "validity_too_long", field: "validUntil", zh: "有效期超过该类证书的最长期限",
            en: "The validity is longer than such a certificate has")
    }
    static var onlyEnterprisesCertify: DomainError {
        forbidden(
            "organization_kind_not_allowed", zh: "只有企业需要认定资质", en: "Only enterprises have certified attributes")
    }
    static func certificationPending(_ pending: Int64) -> DomainError {
        conflict(
            "certification_pending", field: "attribute", zh: "该资质已有待审核的申请（\(pending)）",
            en: "A request for this attribute is already pending (\(pending))",
            details: ["certificationId": .int(pending)])
    }

    // MARK: certifications: the decision (who, the state, the reason, the date)

    static var wrongCity: DomainError {
        forbidden("wrong_city", zh: "只能审核本市机构的资质", en: "This organisation belongs to another city")
    }
    static func certificationWrongState(_ state: Certification.Status) -> DomainError {
        conflict(
            "certification_wrong_state", zh: "该申请已审核", en: "This request has already been decided",
            details: ["state": .string(state.rawValue)])
    }
    static var rejectionReasonRequired: DomainError {
        invalid("reason_required", field: "reason", zh: "驳回须说明理由", en: "A rejection needs a reason")
    }
    /// The same code as `certificateExpired`: the certificate ran out while the request waited.
    static var certificateExpiredBeforeDecision: DomainError {
        conflict("certificate_expired", zh: "证书已过有效期", en: "The certificate has expired")
    }

    // MARK: relations (declaring, then withdrawing)

    static var relationToSelf: DomainError {
        invalid(
            "relation_to_self", field: "relatedCreditCode", zh: "不能声明与本机构自身的关联",
            en: "An organisation cannot declare a relation to itself")
    }
    static func relationExists(_ relation: Int64) -> DomainError {
        conflict(
            "relation_exists", field: "relatedCreditCode", zh: "该关联已声明（\(relation)）",
            en: "This relation is already declared (\(relation))", details: ["relationId": .int(relation)])
    }
    static func controllingHolderDeclared(creditCode: String, relation: Int64) -> DomainError {
        conflict(
            "controlling_holder_declared", field: "kind", zh: "已声明控股股东 \(creditCode)，请先撤回",
            en: "A controlling holder (\(creditCode)) is already declared; withdraw it first",
            details: ["relationId": .int(relation)])
    }
    static var relationDeclaredByCity: DomainError {
        forbidden(
            "relation_declared_by_city", zh: "该关联由城市管理员声明，只能由城市管理员撤回",
            en: "A city administrator declared this relation; only a city administrator can withdraw it")
    }
}
