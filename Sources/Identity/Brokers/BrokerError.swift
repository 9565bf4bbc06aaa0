import Kernel

/// The refusals of brokers and delegations (issue 18), part of Identity's catalogue. Acting for
/// a client is checked in the order listed under "acting": who the broker is, whether a
/// delegation exists, its dates, its revocation, its scope, then a money step's confirmation.
public enum BrokerError {
    private static func forbidden(_ code: String, field: String? = nil, zh: String, en: String) -> DomainError {
        DomainError(.forbidden, code: code, field: field, zh: zh, en: en)
    }

    // MARK: not found

    static var agencyNotFound: DomainError { .notFound("broker_agency", zh: "技术转移机构") }
    static var delegationNotFound: DomainError { .notFound("delegation", zh: "委托") }

    // MARK: registering agencies and brokers

    static var agencyExists: DomainError {
        DomainError(
            .conflict, code: "broker_agency_exists", zh: "该机构已登记为技术转移机构",
            en: "This organisation is already registered as a broker organisation")
    }
    static var agencyKindRefused: DomainError {
        .invalid(
            "broker_agency_kind", field: "organizationId", zh: "政府部门和平台不能登记为技术转移机构",
            en: "Government bodies and the platform cannot be broker organisations")
    }
    static var brokerExists: DomainError {
        DomainError(.conflict, code: "broker_exists", zh: "该用户已登记为技术经理人", en: "This user is already a broker")
    }
    static var brokerNotInAgency: DomainError {
        .invalid(
            "broker_not_in_agency", field: "userId", zh: "技术经理人须为本机构的用户",
            en: "A broker must be a user of the broker organisation")
    }

    // MARK: granting and revoking

    static var onlyClientAdmin: DomainError {
        forbidden(
            "delegation_admin_only", zh: "只有委托方机构的管理员可以授予或撤销委托",
            en: "Only the client organisation's administrator grants or revokes a delegation")
    }
    static var clientKindRefused: DomainError {
        .invalid(
            "delegation_client_kind", field: "clientOrganizationId", zh: "只有企业和高校可以委托技术经理人",
            en: "Only enterprises and universities delegate to brokers")
    }
    static var selfDelegation: DomainError {
        .invalid(
            "delegation_to_self", field: "agencyId", zh: "机构不能委托给自己",
            en: "An organisation cannot delegate to itself")
    }
    static var scopeEmpty: DomainError {
        .invalid("delegation_scope_empty", field: "scope", zh: "请至少选择一项委托范围", en: "Choose at least one scope")
    }
    static var periodInvalid: DomainError {
        .invalid(
            "delegation_period", field: "endsAt", zh: "委托须在开始之后、且不超过三年后结束",
            en: "A delegation ends after it starts, in the future, and within three years")
    }
    static var alreadyRevoked: DomainError {
        DomainError(.conflict, code: "delegation_already_revoked", zh: "委托已撤销", en: "The delegation is already revoked")
    }
    static var confirmationNotMoney: DomainError {
        .invalid(
            "delegation_no_money_scope", field: "contractId", zh: "该委托不含资金事项，无需确认",
            en: "The delegation does not include money steps")
    }

    // MARK: acting for a client

    public static var notApplicable: DomainError {
        forbidden(
            "delegation_not_applicable", field: "Corridor-On-Behalf-Of", zh: "此操作不能代理办理",
            en: "This operation cannot be done on behalf of a client")
    }
    static var notABroker: DomainError {
        forbidden(
            "not_a_broker", field: "Corridor-On-Behalf-Of", zh: "您不是已登记技术转移机构的技术经理人",
            en: "You are not a registered broker of a broker organisation")
    }
    static var missing: DomainError {
        forbidden(
            "delegation_missing", field: "Corridor-On-Behalf-Of", zh: "该机构没有委托贵机构",
            en: "This client has not delegated to your organisation")
    }
    static var notStarted: DomainError {
        forbidden(
            "delegation_not_started", field: "Corridor-On-Behalf-Of", zh: "委托尚未开始",
            en: "The delegation has not started yet")
    }
    static var expired: DomainError {
        forbidden("delegation_expired", field: "Corridor-On-Behalf-Of", zh: "委托已到期", en: "The delegation has ended")
    }
    static var revoked: DomainError {
        forbidden(
            "delegation_revoked", field: "Corridor-On-Behalf-Of", zh: "委托方已撤销委托",
            en: "The client has revoked the delegation")
    }
    static func outOfScope(_ action: String) -> DomainError {
        DomainError(
            .forbidden, code: "delegation_out_of_scope", field: "Corridor-On-Behalf-Of", zh: "此操作不在委托范围内",
            en: "This operation is outside the delegation's scope", details: ["action": .string(action)])
    }
    static var confirmationRequired: DomainError {
        forbidden(
            "money_confirmation_required", field: "Corridor-On-Behalf-Of",
            zh: "资金事项须由委托方逐笔确认后才能代理办理",
            en: "The client must confirm each money step before its broker records it")
    }
}
