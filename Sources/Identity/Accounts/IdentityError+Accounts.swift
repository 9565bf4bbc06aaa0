import Kernel

/// The identity catalogue's refusals for invitations, password resets, password rules and
/// one-time passwords (issue 18); listed with the rest in IdentityErrorTests.
extension IdentityError {
    // MARK: password rules (after length: common, then the username, then the organisation)

    static func passwordTooCommon(field: String) -> DomainError {
        .invalid(
            "password_too_common", field: field, zh: "密码过于常见，请换一个不易猜到的密码",
            en: "The password is too common; choose one that is hard to guess")
    }
    static func passwordContainsUsername(field: String) -> DomainError {
        .invalid(
            "password_contains_username", field: field, zh: "密码不能包含用户名",
            en: "The password must not contain the username")
    }
    static func passwordContainsOrganization(field: String) -> DomainError {
        .invalid(
            "password_contains_organization", field: field, zh: "密码不能包含机构名称",
            en: "The password must not contain the organisation's name")
    }

    // MARK: invitations

    static var invitationNotFound: DomainError { .notFound("invitation", zh: "邀请") }
    static var invitationExpired: DomainError {
        DomainError(
            .conflict, code: "invitation_expired", zh: "邀请链接已过期，请联系管理员重新邀请",
            en: "The invitation has expired; ask your administrator for a new one")
    }
    static func invitationNotPending(_ status: Invitation.Status) -> DomainError {
        DomainError(
            .conflict, code: "invitation_not_pending", zh: "邀请已使用或已撤销",
            en: "The invitation was already used or revoked",
            details: ["status": .string(status.rawValue)])
    }

    // MARK: password reset

    static var resetTokenInvalid: DomainError {
        DomainError(
            .conflict, code: "reset_token_invalid", field: "token", zh: "重置链接无效、已使用或已过期",
            en: "The reset link is invalid, used or expired")
    }
    static func resetThrottled(seconds: Int) -> DomainError {
        DomainError(
            .tooManyRequests, code: "reset_throttled", zh: "请求过于频繁，请 \(seconds) 秒后再试",
            en: "Too many requests; try again in \(seconds) seconds",
            details: ["retryAfterSeconds": .int(Int64(seconds))])
    }

    // MARK: one-time passwords (RFC 6238)

    static var totpCodeRequired: DomainError {
        DomainError(
            .unauthenticated, code: "totp_code_required", field: "code", zh: "请输入身份验证器中的动态口令",
            en: "Enter the code from your authenticator app")
    }
    static var totpCodeWrong: DomainError {
        DomainError(
            .unauthenticated, code: "totp_code_wrong", field: "code", zh: "动态口令错误或已使用",
            en: "The code is wrong or was already used")
    }
    static var totpRequired: DomainError {
        DomainError(
            .forbidden, code: "totp_required", zh: "管理员账号须先启用动态口令（两步验证）",
            en: "Administrators must turn on one-time passwords (two-step sign-in) first")
    }
    static var totpAlreadyOn: DomainError {
        DomainError(.conflict, code: "totp_already_on", zh: "已启用动态口令", en: "One-time passwords are already on")
    }
    static var totpNotStarted: DomainError {
        DomainError(
            .conflict, code: "totp_not_started", zh: "请先开始设置动态口令", en: "Start setting up one-time passwords first")
    }
    static var totpNotOn: DomainError {
        DomainError(.conflict, code: "totp_not_on", zh: "未启用动态口令", en: "One-time passwords are not on")
    }
    static var totpStaffCannotTurnOff: DomainError {
        DomainError(
            .forbidden, code: "totp_mandatory", zh: "管理员账号不能关闭动态口令",
            en: "Administrators cannot turn one-time passwords off")
    }
}
