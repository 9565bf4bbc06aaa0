import GRDB
import Identity
import Kernel
import Store
import Testing

/// The authorisation table, tested as a table: every role against every permission, on a
/// target in the actor's own organisation, in another organisation of the same city, and in
/// another city.
struct AuthorizationTests {
    enum Relation: CaseIterable {
        case ownOrganization, sameCity, otherCity
    }

    /// Written out independently of `Authorization.table`: (own org, same city, other city).
    static let expected: [Role: [Permission: (Bool, Bool, Bool)]] = [
        .platformAdmin: Dictionary(uniqueKeysWithValues: Permission.allCases.map { ($0, (true, true, true)) }),
        .cityAdmin: [
            .organizationCreate: (true, true, false), .organizationRead: (true, true, true),
            .organizationUpdate: (true, true, false), .userCreate: (false, false, false),
            .userList: (true, true, false),
            .tokenCreate: (true, false, false), .tokenList: (true, false, false), .tokenRevoke: (true, false, false),
            .auditRead: (false, false, false), .auditCheckpoint: (false, false, false),
            .listingCreate: (true, false, false), .listingUpdate: (true, false, false),
            .listingModerate: (false, false, false),
            .listingSupervise: (true, true, false), .challengeApprove: (true, true, false),
            .challengeManage: (true, true, false),
            .challengeApply: (false, false, false), .challengeReview: (false, false, false),
            .matchView: (true, true, false), .matchFeedback: (true, true, false), .matchQuery: (true, true, true),
            .voucherPolicyManage: (true, true, false), .voucherApply: (false, false, false),
            .voucherDecide: (true, true, false),
            .voucherRead: (true, true, false), .providerApply: (false, false, false),
            .providerReview: (true, true, false),
            .redemptionDeliver: (false, false, false), .redemptionReview: (true, true, false),
            .settlementManage: (true, true, false), .ledgerRead: (true, true, false),
            .relationRead: (true, true, true),
            .certificationRequest: (false, false, false), .certificationDecide: (true, true, false),
            .certificationRead: (true, true, false),
            .userDisable: (false, false, false), .webhookManage: (true, false, false),
            .notificationDefaults: (true, false, false),
            .registrationRead: (true, true, false), .registrationDecide: (true, true, false),
        ],
        .orgAdmin: [
            .organizationCreate: (false, false, false), .organizationRead: (true, true, true),
            .organizationUpdate: (true, false, false), .userCreate: (true, false, false),
            .userList: (true, false, false),
            .tokenCreate: (true, false, false), .tokenList: (true, false, false), .tokenRevoke: (true, false, false),
            .auditRead: (false, false, false), .auditCheckpoint: (false, false, false),
            .listingCreate: (true, false, false), .listingUpdate: (true, false, false),
            .listingModerate: (false, false, false),
            .listingSupervise: (true, false, false), .challengeApprove: (false, false, false),
            .challengeManage: (true, false, false),
            .challengeApply: (true, false, false), .challengeReview: (false, false, false),
            .matchView: (true, false, false), .matchFeedback: (true, false, false), .matchQuery: (true, true, true),
            .voucherPolicyManage: (false, false, false), .voucherApply: (true, false, false),
            .voucherDecide: (false, false, false),
            .voucherRead: (true, false, false), .providerApply: (true, false, false),
            .providerReview: (false, false, false),
            .redemptionDeliver: (true, false, false), .redemptionReview: (false, false, false),
            .settlementManage: (false, false, false), .ledgerRead: (false, false, false),
            .relationRead: (true, false, false),
            .certificationRequest: (true, false, false), .certificationDecide: (false, false, false),
            .certificationRead: (true, false, false),
            .userDisable: (true, false, false), .webhookManage: (true, false, false),
            .notificationDefaults: (true, false, false),
            .registrationRead: (true, false, false), .registrationDecide: (false, false, false),
        ],
        .orgMember: Dictionary(
            uniqueKeysWithValues: Permission.allCases.map {
                switch $0 {
                case .organizationRead, .matchQuery: ($0, (true, true, true))
                case .listingCreate, .listingUpdate, .listingSupervise, .challengeManage, .challengeApply, .matchView,
                    .matchFeedback,
                    .voucherApply, .voucherRead, .redemptionDeliver, .certificationRead:
                    ($0, (true, false, false))
                default: ($0, (false, false, false))
                }
            }),
        .expert: Dictionary(
            uniqueKeysWithValues: Permission.allCases.map {
                ($0, [.organizationRead, .challengeReview].contains($0) ? (true, true, true) : (false, false, false))
            }),
        .auditor: Dictionary(
            uniqueKeysWithValues: Permission.allCases.map {
                (
                    $0,
                    [
                        .organizationRead, .userList, .tokenList, .auditRead, .auditCheckpoint, .listingSupervise,
                        .voucherRead, .ledgerRead, .relationRead, .certificationRead, .registrationRead,
                    ].contains($0) ? (true, true, true) : (false, false, false)
                )
            }),
    ]

    @Test(arguments: Role.allCases)
    func everyPermissionForRole(_ role: Role) throws {
        // The actor sits in organisation 10 in Huangshi.
        let actor = Actor(userID: 1, organizationID: 10, city: .huangshi, role: role, requestID: "t")
        let targets: [Relation: AccessTarget] = [
            .ownOrganization: AccessTarget(organizationID: 10, city: .huangshi),
            .sameCity: AccessTarget(organizationID: 11, city: .huangshi),
            .otherCity: AccessTarget(organizationID: 12, city: .wuhan),
        ]
        let row = try #require(Self.expected[role])
        #expect(row.count == Permission.allCases.count)
        for permission in Permission.allCases {
            let want = try #require(row[permission])
            for relation in Relation.allCases {
                let allowed = Authorization.allows(actor, permission, on: targets[relation]!)
                let expected =
                    switch relation {
                    case .ownOrganization: want.0
                    case .sameCity: want.1
                    case .otherCity: want.2
                    }
                #expect(allowed == expected, "\(role) \(permission) \(relation)")
            }
        }
    }

    /// A city or organisation scope never reaches a platform-wide target (for example a city
    /// administrator asking for the whole ledger check); the platform's own jobs pass everywhere.
    @Test(arguments: Permission.allCases)
    func scopedRolesStopAtPlatformWideTargets(_ permission: Permission) {
        for role in [Role.cityAdmin, .orgAdmin, .orgMember] {
            let actor = Actor(userID: 1, organizationID: 10, city: .huangshi, role: role, requestID: "t")
            let scope = Authorization.scope(of: role, for: permission)
            #expect(
                Authorization.allows(actor, permission, on: .platformWide) == (scope == .anywhere),
                "\(role) \(permission)")
        }
        #expect(Authorization.allows(.system("job", requestID: "t"), permission, on: .platformWide))
    }

    /// What each role may grant, written out: a city administrator never an auditor or a platform
    /// administrator.
    @Test func everyRoleAndWhatItMayGrant() {
        let expected: [Role: Set<Role>] = [
            .platformAdmin: Set(Role.allCases), .cityAdmin: [],
            .orgAdmin: [.orgAdmin, .orgMember, .expert], .orgMember: [], .expert: [], .auditor: [],
        ]
        for role in Role.allCases {
            #expect(role.grantableRoles == expected[role], "\(role)")
        }
        #expect(!Role.cityAdmin.grantableRoles.contains(.auditor))
    }

    @Test func aHuangshiCityAdminCannotActForWuhan() {
        let huangshi = Actor(userID: 1, organizationID: 5, city: .huangshi, role: .cityAdmin, requestID: "t")
        let wuhanEnterprise = AccessTarget(organizationID: 40, city: .wuhan)
        for permission in [Permission.organizationCreate, .organizationUpdate, .userCreate, .userList] {
            #expect(!Authorization.allows(huangshi, permission, on: wuhanEnterprise))
            #expect(throws: DomainError.forbidden) {
                try Authorization.check(huangshi, permission, on: wuhanEnterprise)
            }
        }
    }

    @Test func rolesBelongOnlyToFittingOrganisations() {
        #expect(Role.platformAdmin.allowedOrganizationKinds == [.platform])
        #expect(Role.cityAdmin.allowedOrganizationKinds == [.government])
        #expect(!Role.auditor.allowedOrganizationKinds.contains(.enterprise))
        #expect(Role.orgAdmin.grantableRoles == [.orgAdmin, .orgMember, .expert])
        #expect(!Role.cityAdmin.grantableRoles.contains(.platformAdmin))
        #expect(Role.orgMember.grantableRoles.isEmpty)
    }
}
