import Kernel

/// Everything a user can ask to do, named as in the audit log.
public enum Permission: String, CaseIterable, Sendable {
    case organizationCreate = "organization.create"
    case organizationRead = "organization.read"
    case organizationUpdate = "organization.update"
    case userCreate = "user.create"
    case userList = "user.list"
    case tokenCreate = "token.create"
    case tokenList = "token.list"
    case tokenRevoke = "token.revoke"
    case auditRead = "audit.read"
    /// Making a signed checkpoint of the audit log on demand.
    case auditCheckpoint = "audit.checkpoint"
    case listingCreate = "listing.create"
    case listingUpdate = "listing.update"
    case listingModerate = "listing.moderate"
    /// Reading drafts and hidden listings of others (supervision).
    case listingSupervise = "listing.supervise"
    case challengeApprove = "challenge.approve"
    case challengeManage = "challenge.manage"
    case challengeApply = "challenge.apply"
    case challengeReview = "challenge.review"
    /// Seeing the ranked matches of a listing or an organisation.
    case matchView = "match.view"
    /// Recording viewed / contacted / dismissed / deal on a match.
    case matchFeedback = "match.feedback"
    /// Ad-hoc matching of free text.
    case matchQuery = "match.query"
    case voucherPolicyManage = "voucher_policy.manage"
    /// An enterprise applying for, holding and spending vouchers.
    case voucherApply = "voucher.apply"
    case voucherDecide = "voucher.decide"
    case voucherRead = "voucher.read"
    case providerApply = "provider.apply"
    case providerReview = "provider.review"
    /// A provider confirming delivery of a redemption made with it.
    case redemptionDeliver = "redemption.deliver"
    /// A city admin approving flagged redemptions and 通用 reimbursements, reversing captures.
    case redemptionReview = "redemption.review"
    case settlementManage = "settlement.manage"
    case ledgerRead = "ledger.read"
    /// Reading an organisation's declared relations (holder, related parties).
    case relationRead = "relation.read"
    /// An enterprise asking its city to verify an eligibility attribute.
    case certificationRequest = "certification.request"
    /// A city verifying or rejecting it.
    case certificationDecide = "certification.decide"
    case certificationRead = "certification.read"
    /// Disabling a user (every session and token revoked at once).
    case userDisable = "user.disable"
    /// Register, rotate, disable an organisation's webhook endpoints and redeliver to them.
    case webhookManage = "webhook.manage"
    /// Set the notification preferences an organisation's people start from.
    case notificationDefaults = "notification.defaults"
    /// Reading an organisation's self-registration and its licence (issue 18).
    case registrationRead = "registration.read"
    /// A city verifying or rejecting a self-registered organisation of its city.
    case registrationDecide = "registration.decide"
}

/// How far a role's permission reaches.
public enum Scope: Sendable, Equatable {
    case nowhere
    case ownOrganization
    case ownCity
    case anywhere
}

/// What an action is about: the organisation it touches and that organisation's city.
public struct AccessTarget: Sendable, Equatable {
    public var organizationID: Int64?
    public var city: CityCode?

    public init(organizationID: Int64?, city: CityCode?) {
        self.organizationID = organizationID
        self.city = city
    }

    public static let platformWide = AccessTarget(organizationID: nil, city: nil)
}

/// The one authorisation table: role × permission → scope. Every check in every module goes
/// through `Authorization.check`.
public enum Authorization {
    static let table: [Role: [Permission: Scope]] = [
        .platformAdmin: Dictionary(uniqueKeysWithValues: Permission.allCases.map { ($0, .anywhere) }),
        .cityAdmin: [
            // No userCreate: a city administrator makes no logins inside enterprises, providers or
            // universities (they act for themselves), nor in bureaus (the platform's to manage).
            .organizationCreate: .ownCity, .organizationRead: .anywhere, .organizationUpdate: .ownCity,
            .userList: .ownCity,
            .tokenCreate: .ownOrganization, .tokenList: .ownOrganization, .tokenRevoke: .ownOrganization,
            .listingCreate: .ownOrganization, .listingUpdate: .ownOrganization, .listingSupervise: .ownCity,
            .challengeApprove: .ownCity, .challengeManage: .ownCity,
            .matchView: .ownCity, .matchFeedback: .ownCity, .matchQuery: .anywhere,
            .voucherPolicyManage: .ownCity, .voucherDecide: .ownCity, .voucherRead: .ownCity, .providerReview: .ownCity,
            .redemptionReview: .ownCity, .settlementManage: .ownCity, .ledgerRead: .ownCity,
            .webhookManage: .ownOrganization, .notificationDefaults: .ownOrganization,
            // Reviewing a flagged redemption means reading the provider's relations in any city.
            .relationRead: .anywhere, .certificationDecide: .ownCity, .certificationRead: .ownCity,
            .registrationRead: .ownCity, .registrationDecide: .ownCity,
        ],
        .orgAdmin: [
            .organizationRead: .anywhere, .organizationUpdate: .ownOrganization,
            .userCreate: .ownOrganization, .userList: .ownOrganization, .userDisable: .ownOrganization,
            .tokenCreate: .ownOrganization, .tokenList: .ownOrganization, .tokenRevoke: .ownOrganization,
            .listingCreate: .ownOrganization, .listingUpdate: .ownOrganization, .listingSupervise: .ownOrganization,
            .challengeManage: .ownOrganization, .challengeApply: .ownOrganization,
            .matchView: .ownOrganization, .matchFeedback: .ownOrganization, .matchQuery: .anywhere,
            .voucherApply: .ownOrganization, .voucherRead: .ownOrganization, .providerApply: .ownOrganization,
            .redemptionDeliver: .ownOrganization, .relationRead: .ownOrganization,
            .certificationRequest: .ownOrganization, .certificationRead: .ownOrganization,
            .webhookManage: .ownOrganization, .notificationDefaults: .ownOrganization,
            .registrationRead: .ownOrganization,
        ],
        .orgMember: [
            .organizationRead: .anywhere, .listingCreate: .ownOrganization, .listingUpdate: .ownOrganization,
            .listingSupervise: .ownOrganization, .challengeManage: .ownOrganization, .challengeApply: .ownOrganization,
            .matchView: .ownOrganization, .matchFeedback: .ownOrganization, .matchQuery: .anywhere,
            .voucherApply: .ownOrganization, .voucherRead: .ownOrganization, .redemptionDeliver: .ownOrganization,
            .certificationRead: .ownOrganization,
        ],
        .expert: [.organizationRead: .anywhere, .challengeReview: .anywhere],
        .auditor: [
            .organizationRead: .anywhere, .userList: .anywhere, .tokenList: .anywhere, .auditRead: .anywhere,
            .auditCheckpoint: .anywhere,
            .listingSupervise: .anywhere, .voucherRead: .anywhere, .ledgerRead: .anywhere,
            .relationRead: .anywhere, .certificationRead: .anywhere, .registrationRead: .anywhere,
        ],
    ]

    /// What an organisation that registered itself may not do until its city verifies it
    /// (issue 18); `check` refuses them with `organization_unverified`. Publishing a listing,
    /// requesting a connection and drafting a contract are refused by `requireVerified` where
    /// they happen (drafts stay allowed).
    public static let gatedUntilVerified: Set<Permission> = [.voucherApply, .challengeApply, .providerApply]

    public static func scope(of role: Role, for permission: Permission) -> Scope {
        table[role]?[permission] ?? .nowhere
    }

    public static func allows(_ actor: Actor, _ permission: Permission, on target: AccessTarget) -> Bool {
        if actor.kind == .system { return true }
        guard let role = actor.role else { return false }
        switch scope(of: role, for: permission) {
        case .nowhere:
            return false
        case .anywhere:
            return true
        case .ownCity:
            guard let city = actor.city, let targetCity = target.city else { return false }
            return city == targetCity
        case .ownOrganization:
            guard let organization = actor.organizationID, let targetOrganization = target.organizationID else {
                return false
            }
            return organization == targetOrganization
        }
    }

    /// Throws 403 `forbidden` unless allowed; 403 `organization_unverified` for a gated
    /// permission of an organisation not verified yet.
    public static func check(_ actor: Actor, _ permission: Permission, on target: AccessTarget) throws {
        guard allows(actor, permission, on: target) else { throw DomainError.forbidden }
        if gatedUntilVerified.contains(permission) { try requireVerified(actor) }
    }

    /// Throws 403 `organization_unverified` while the actor's organisation awaits (or was
    /// refused) its city's verification of its self-registration.
    public static func requireVerified(_ actor: Actor) throws {
        if actor.kind == .user, actor.organizationUnverified { throw IdentityError.organizationUnverified }
    }
}

extension Role {
    /// The organisation kinds a user with this role may belong to.
    public var allowedOrganizationKinds: Set<OrganizationKind> {
        switch self {
        case .platformAdmin: [.platform]
        case .cityAdmin: [.government]
        case .auditor: [.platform, .government]
        case .orgAdmin, .orgMember, .expert: Set(OrganizationKind.allCases)
        }
    }

    /// The roles a user with this role may give to a new user (within its scope).
    public var grantableRoles: Set<Role> {
        switch self {
        case .platformAdmin: Set(Role.allCases)
        case .cityAdmin: []
        case .orgAdmin: [.orgAdmin, .orgMember, .expert]
        case .orgMember, .expert, .auditor: []
        }
    }
}
