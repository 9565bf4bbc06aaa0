import Kernel

/// How an actor stands towards one contract.
public enum ContractRole: String, Hashable, Sendable, CaseIterable {
    /// An org_admin or org_member of the buyer.
    case buyer
    /// An org_admin or org_member of the seller.
    case seller
    /// The registration clerk of the seller's city, once the seller has applied.
    case clerk
    /// A registration clerk of another city (the seller city's, before any application, is a stranger).
    case otherClerk
    /// Auditors and platform administrators: read everything, act on nothing.
    case reader
    /// Anyone else: the contract does not exist for them.
    case stranger
}

/// The contracts' authorisation table (issue 16), in one place: only the parties read a
/// contract and its thread; the clerk of the seller's city reads and acts on what it registers;
/// auditors and platform administrators read all; anyone else is answered "not found".
public enum ContractAccess {
    /// The role a registration clerk holds. For now a city's administrator (`city_admin`); a
    /// dedicated clerk role is added here and nowhere else.
    static func isRegistrationClerk(_ actor: Actor, of city: CityCode) -> Bool {
        actor.kind == .user && actor.role == clerkRole && actor.city == city
    }

    /// The role of registration clerks (the ones told of an application).
    static let clerkRole = Role.cityAdmin

    /// The actor's standing. `applied`: the seller has applied for registration at least once.
    public static func role(
        of actor: Actor, buyer: Int64, seller: Int64, sellerCity: CityCode, applied: Bool
    ) -> ContractRole {
        guard actor.kind == .user, let role = actor.role else { return .stranger }
        switch role {
        case .orgAdmin, .orgMember:
            if actor.organizationID == buyer { return .buyer }
            if actor.organizationID == seller { return .seller }
            return .stranger
        case .cityAdmin:
            guard isRegistrationClerk(actor, of: sellerCity) else { return .otherClerk }
            return applied ? .clerk : .stranger
        case .auditor, .platformAdmin:
            return .reader
        case .expert:
            return .stranger
        }
    }

    static func role(of actor: Actor, on contract: Contract) -> ContractRole {
        role(
            of: actor, buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId,
            sellerCity: contract.sellerCity, applied: contract.registration.appliedAt != nil)
    }

    public static func canRead(_ role: ContractRole) -> Bool {
        switch role {
        case .buyer, .seller, .clerk, .reader: true
        case .otherClerk, .stranger: false
        }
    }

    /// A party's step: the party, or the refusal for everyone else.
    static func requireParty(_ role: ContractRole) throws(DomainError) -> ContractParty {
        switch role {
        case .buyer: return .buyer
        case .seller: return .seller
        case .clerk, .reader: throw DealsError.notAParty
        case .otherClerk, .stranger: throw DealsError.contractNotFound
        }
    }

    /// A registration step: the clerk of the seller's city only.
    static func requireClerk(_ role: ContractRole) throws(DomainError) {
        switch role {
        case .clerk: return
        case .otherClerk: throw DealsError.registrationWrongCity
        case .buyer, .seller, .reader: throw DealsError.notTheClerk
        case .stranger: throw DealsError.contractNotFound
        }
    }
}
