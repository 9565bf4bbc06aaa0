/// The technology-contract types of the Civil Code's chapter on technology contracts (技术合同),
/// with the sub-kinds that registration (认定登记) distinguishes.
public enum ContractType: String, Codable, CaseIterable, Sendable {
    /// 技术开发（委托开发）
    case commissionedDevelopment = "commissioned_development"
    /// 技术开发（合作开发）
    case cooperativeDevelopment = "cooperative_development"
    /// 技术转让（专利权转让）
    case patentRightTransfer = "patent_right_transfer"
    /// 技术转让（专利申请权转让）
    case patentApplicationRightTransfer = "patent_application_right_transfer"
    /// 技术转让（技术秘密转让）
    case technicalSecretTransfer = "technical_secret_transfer"
    /// 技术许可（专利实施许可）
    case patentLicence = "patent_licence"
    /// 技术许可（技术秘密许可）
    case technicalSecretLicence = "technical_secret_licence"
    /// 技术咨询
    case consulting
    /// 技术服务
    case service

    /// The five types of the law.
    public enum Family: String, Codable, CaseIterable, Sendable {
        case development, transfer, licence, consulting, service
    }

    public var family: Family {
        switch self {
        case .commissionedDevelopment, .cooperativeDevelopment: .development
        case .patentRightTransfer, .patentApplicationRightTransfer, .technicalSecretTransfer: .transfer
        case .patentLicence, .technicalSecretLicence: .licence
        case .consulting: .consulting
        case .service: .service
        }
    }

    public var nameZh: String {
        switch self {
        case .commissionedDevelopment: "技术开发（委托开发）"
        case .cooperativeDevelopment: "技术开发（合作开发）"
        case .patentRightTransfer: "技术转让（专利权）"
        case .patentApplicationRightTransfer: "技术转让（专利申请权）"
        case .technicalSecretTransfer: "技术转让（技术秘密）"
        case .patentLicence: "技术许可（专利实施许可）"
        case .technicalSecretLicence: "技术许可（技术秘密许可）"
        case .consulting: "技术咨询"
        case .service: "技术服务"
        }
    }

    public var nameEn: String {
        switch self {
        case .commissionedDevelopment: "Technology development (commissioned)"
        case .cooperativeDevelopment: "Technology development (cooperative)"
        case .patentRightTransfer: "Technology transfer (patent right)"
        case .patentApplicationRightTransfer: "Technology transfer (patent application right)"
        case .technicalSecretTransfer: "Technology transfer (technical secret)"
        case .patentLicence: "Technology licence (patent)"
        case .technicalSecretLicence: "Technology licence (technical secret)"
        case .consulting: "Technology consulting"
        case .service: "Technology service"
        }
    }

    /// Completing a contract of this type (with `exclusive` for licences) moves the named
    /// listings to transferred: the technology has left the seller's hands.
    public func transfersListing(exclusive: Bool) -> Bool {
        family == .transfer || (family == .licence && exclusive)
    }
}

/// A contract's lifecycle status (see `ContractMachine`).
public enum ContractStatus: String, Codable, CaseIterable, Sendable {
    case draft
    case signed
    case registrationApplied = "registration_applied"
    case registered
    case performing
    case completed
    case terminated
    /// A draft abandoned before signature (never counted in turnover).
    case cancelled

    /// Still running: names its listings as under negotiation.
    public var isLive: Bool { ![.completed, .terminated, .cancelled].contains(self) }
}

/// The two sides of a contract.
public enum ContractParty: String, Codable, CaseIterable, Sendable {
    case buyer, seller

    public var other: ContractParty { self == .buyer ? .seller : .buyer }
}
