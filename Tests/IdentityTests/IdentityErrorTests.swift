import Kernel
import Testing

@testable import Identity

/// Every member of `IdentityError`, the module's one catalogue of refusals (issue 15), listed by
/// hand (a parameterised member with a representative argument): each has a well-formed code
/// of its own and a message in both languages.
struct IdentityErrorTests {
    static let entries: [(name: String, error: DomainError)] = [
        ("organizationNotFound", IdentityError.organizationNotFound),
        ("userNotFound", IdentityError.userNotFound),
        ("tokenNotFound", IdentityError.tokenNotFound),
        ("certificationNotFound", IdentityError.certificationNotFound),
        ("relationNotFound", IdentityError.relationNotFound),
        ("loginLocked", IdentityError.loginLocked(seconds: 30)),
        ("invalidCredentials", IdentityError.invalidCredentials),
        ("passwordRequired", IdentityError.passwordRequired),
        ("passwordTooShort", IdentityError.passwordTooShort(field: "password", minimum: 8)),
        ("passwordTooManyBytes", IdentityError.passwordTooManyBytes(field: "password", maximumBytes: 72)),
        ("passwordTooLong", IdentityError.passwordTooLong(field: "newPassword", maximum: 128)),
        ("currentPasswordWrong", IdentityError.currentPasswordWrong),
        ("usernameFormat", IdentityError.usernameFormat),
        ("roleNotGrantable", IdentityError.roleNotGrantable),
        ("organizationManagedByPlatform", IdentityError.organizationManagedByPlatform),
        ("roleNotAllowedForKind", IdentityError.roleNotAllowedForKind(.government)),
        ("usernameTaken", IdentityError.usernameTaken),
        ("cannotDisableSelf", IdentityError.cannotDisableSelf),
        ("roleAboveYours", IdentityError.roleAboveYours),
        ("noPlatformOrganization", IdentityError.noPlatformOrganization),
        ("expiryOutOfRange", IdentityError.expiryOutOfRange),
        ("tokenForAnotherUser", IdentityError.tokenForAnotherUser),
        ("serviceTokenRoleNotGrantable", IdentityError.serviceTokenRoleNotGrantable),
        ("tokenAlreadyRevoked", IdentityError.tokenAlreadyRevoked),
        ("creditCodeLength", IdentityError.creditCodeLength(field: "creditCode", length: 17)),
        ("creditCodeCharacter", IdentityError.creditCodeCharacter(field: "relatedCreditCode", character: "I")),
        ("creditCodeCheck", IdentityError.creditCodeCheck(field: "creditCode")),
        ("phoneFormat", IdentityError.phoneFormat),
        ("emailFormat", IdentityError.emailFormat),
        ("userEmailFormat", IdentityError.userEmailFormat),
        ("emailTaken", IdentityError.emailTaken),
        ("kindReserved", IdentityError.kindReserved),
        ("creditCodeTaken", IdentityError.creditCodeTaken(by: 42)),
        ("unknownPark", IdentityError.unknownPark),
        ("attributesNeedCertification", IdentityError.attributesNeedCertification),
        ("certificateNumberControlCharacters", IdentityError.certificateNumberControlCharacters),
        ("revenueBandRequired", IdentityError.revenueBandRequired),
        ("holdsRequired", IdentityError.holdsRequired),
        ("certificateRequired", IdentityError.certificateRequired),
        ("validUntilRequired", IdentityError.validUntilRequired),
        ("certificateExpired", IdentityError.certificateExpired),
        ("validityTooLong", IdentityError.validityTooLong),
        ("onlyEnterprisesCertify", IdentityError.onlyEnterprisesCertify),
        ("certificationPending", IdentityError.certificationPending(7)),
        ("wrongCity", IdentityError.wrongCity),
        ("certificationWrongState", IdentityError.certificationWrongState(.verified)),
        ("rejectionReasonRequired", IdentityError.rejectionReasonRequired),
        ("certificateExpiredBeforeDecision", IdentityError.certificateExpiredBeforeDecision),
        ("relationToSelf", IdentityError.relationToSelf),
        ("relationExists", IdentityError.relationExists(3)),
        (
            "controllingHolderDeclared",
            IdentityError.controllingHolderDeclared(creditCode: "91350100M000100Y43", relation: 3)
        ),
        ("relationDeclaredByCity", IdentityError.relationDeclaredByCity),
        ("passwordTooCommon", IdentityError.passwordTooCommon(field: "password")),
        ("passwordContainsUsername", IdentityError.passwordContainsUsername(field: "password")),
        ("passwordContainsOrganization", IdentityError.passwordContainsOrganization(field: "newPassword")),
        ("invitationNotFound", IdentityError.invitationNotFound),
        ("invitationExpired", IdentityError.invitationExpired),
        ("invitationNotPending", IdentityError.invitationNotPending(.accepted)),
        ("resetTokenInvalid", IdentityError.resetTokenInvalid),
        ("resetThrottled", IdentityError.resetThrottled(seconds: 60)),
        ("totpCodeRequired", IdentityError.totpCodeRequired),
        ("totpCodeWrong", IdentityError.totpCodeWrong),
        ("totpRequired", IdentityError.totpRequired),
        ("totpAlreadyOn", IdentityError.totpAlreadyOn),
        ("totpNotStarted", IdentityError.totpNotStarted),
        ("totpNotOn", IdentityError.totpNotOn),
        ("totpStaffCannotTurnOff", IdentityError.totpStaffCannotTurnOff),
    ]

    /// Codes worn by two members on purpose: the same refusal worded for another flow
    /// (`role_not_grantable` for a user and for a service token; `certificate_expired` in a
    /// request's body and at the city's decision).
    /// `email_format` for an organisation's contact address and for a user's own.
    static let sharedCodes: Set<String> = ["role_not_grantable", "certificate_expired", "email_format"]

    @Test func namesAndCodesAreUnique() {
        let names = Self.entries.map(\.name)
        #expect(Set(names).count == names.count, "a member is listed twice")
        let counts = Dictionary(Self.entries.map { ($0.error.code, 1) }, uniquingKeysWith: +)
        let repeated = Set(counts.filter { $0.value > 1 }.keys)
        #expect(repeated == Self.sharedCodes, "codes used more than once: \(repeated.sorted())")
    }

    @Test(arguments: IdentityErrorTests.entries.map(\.name))
    func entryIsWellFormed(_ name: String) throws {
        let error = try #require(Self.entries.first { $0.name == name }?.error)
        #expect(error.code.wholeMatch(of: /[a-z][a-z0-9_]*/) != nil, "\(name): code \(error.code)")
        #expect(!error.messageZh.isEmpty, "\(name): no Chinese message")
        #expect(!error.messageEn.isEmpty, "\(name): no English message")
        #expect(
            error.messageZh.unicodeScalars.contains { (0x3400...0x9FFF).contains($0.value) },
            "\(name): the Chinese message has no Chinese character")
        #expect(error.field.map { !$0.isEmpty } ?? true, "\(name): an empty field")
    }
}
