import Kernel

/// Refusals of self-registration and verification (issue 18), part of the identity catalogue.
extension IdentityError {
    static var registrationNotFound: DomainError { .notFound("registration", zh: "机构注册") }

    static var organizationUnverified: DomainError {
        DomainError(
            .forbidden, code: "organization_unverified",
            zh: "本机构的注册尚未通过所在城市审核，暂不能发布、申请、兑付或对接",
            en:
                "Your organisation's registration is not verified by its city yet; it cannot publish, apply, redeem or connect"
        )
    }
    static var registrationKindNotAllowed: DomainError {
        .invalid(
            "kind_not_allowed", field: "kind", zh: "只能注册企业、高校、科研院所、实验室或服务机构",
            en: "Only enterprises, universities, institutes, labs and providers register themselves")
    }
    static var adminUsernameFormat: DomainError {
        .invalid(
            "username_format", field: "admin.username", zh: "用户名须为 3–64 个小写字母、数字或 . _ -",
            en: "The username must be 3–64 lower-case letters, digits or . _ -")
    }
    static var adminEmailFormat: DomainError {
        .invalid("email_format", field: "admin.email", zh: "电子邮箱格式不正确", en: "The e-mail address is not valid")
    }
    static func registrationRateLimited(seconds: Int) -> DomainError {
        DomainError(
            .tooManyRequests, code: "registration_rate_limited",
            zh: "注册过于频繁，请 \(seconds) 秒后再试", en: "Too many registrations; try again in \(seconds) seconds",
            details: ["retryAfterSeconds": .int(Int64(seconds))])
    }
    static func documentTooLarge(limit: Int) -> DomainError {
        DomainError(
            .payloadTooLarge, code: "document_too_large", field: "document",
            zh: "文件超过 \(limit / 1_048_576) MB 上限", en: "The file exceeds the \(limit / 1_048_576) MB limit",
            details: ["limitBytes": .int(Int64(limit))])
    }
    static var documentType: DomainError {
        DomainError(
            .unsupportedMediaType, code: "document_type", field: "document",
            zh: "营业执照或证书只能是 PDF、PNG 或 JPEG 文件", en: "The licence or certificate must be a PDF, PNG or JPEG file")
    }
    static var documentMissing: DomainError {
        DomainError(
            .conflict, code: "registration_document_missing", field: "document",
            zh: "尚未上传营业执照或机构证书", en: "No business licence or certificate has been uploaded")
    }
    static func registrationWrongState(
        _ status: Registration.Status, allowed: [RegistrationMachine.Event]
    ) -> DomainError {
        DomainError(
            .conflict, code: "registration_wrong_state",
            zh: "该注册当前状态（\(status.rawValue)）下不能进行此操作",
            en: "This cannot be done while the registration is \(status.rawValue)",
            details: ["state": .string(status.rawValue), "allowedEvents": .array(allowed.map { .string($0.rawValue) })])
    }
    static var registrationWrongCity: DomainError {
        DomainError(
            .forbidden, code: "wrong_city", zh: "只能审核本市机构的注册", en: "This organisation belongs to another city")
    }
    static var cannotVerifyOwnOrganization: DomainError {
        DomainError(
            .forbidden, code: "same_organization", zh: "不能审核本机构自己的注册",
            en: "An organisation cannot verify its own registration")
    }
}

extension IdentityError {
    static var adminUsernameTaken: DomainError {
        DomainError(
            .conflict, code: "username_taken", field: "admin.username", zh: "该用户名已被使用",
            en: "This username is already taken")
    }
    static var adminEmailTaken: DomainError {
        DomainError(
            .conflict, code: "email_taken", field: "admin.email", zh: "该电子邮箱已属于另一位用户",
            en: "This e-mail address already belongs to another user")
    }
}
