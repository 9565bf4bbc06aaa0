import Kernel
import Testing
@testable import Deals

/// The authorisation table of contracts: every role × the actor's organisation (buyer, seller,
/// another) × city (the seller's, another) × whether the seller applied for registration.
struct ContractAccessTests {
    static let buyer: Int64 = 10
    static let seller: Int64 = 20
    static let other: Int64 = 30

    static func expected(_ role: Role, organization: Int64, sellerCity: Bool, applied: Bool) -> ContractRole {
        switch role {
        case .orgAdmin, .orgMember:
            return organization == buyer ? .buyer : organization == seller ? .seller : .stranger
        case .cityAdmin:
            return sellerCity ? (applied ? .clerk : .stranger) : .otherClerk
        case .auditor, .platformAdmin:
            return .reader
        case .expert:
            return .stranger
        }
    }

    @Test(arguments: Role.allCases)
    func everyStanding(_ role: Role) {
        for organization in [Self.buyer, Self.seller, Self.other] {
            for sellerCity in [true, false] {
                for applied in [false, true] {
                    let actor = Actor(
                        userID: 1, organizationID: organization, city: sellerCity ? .wuhan : .huanggang, role: role,
                        requestID: "t")
                    let got = ContractAccess.role(
                        of: actor, buyer: Self.buyer, seller: Self.seller, sellerCity: .wuhan, applied: applied)
                    let want = Self.expected(role, organization: organization, sellerCity: sellerCity, applied: applied)
                    #expect(got == want, "\(role) org \(organization) sellerCity \(sellerCity) applied \(applied)")
                    let reads = [.buyer, .seller, .clerk, .reader].contains(want)
                    #expect(ContractAccess.canRead(got) == reads)
                }
            }
        }
    }

    @Test func theSystemIsAStranger() {
        let role = ContractAccess.role(
            of: .system("job", requestID: "t"), buyer: Self.buyer, seller: Self.seller, sellerCity: .wuhan,
            applied: true)
        #expect(role == .stranger)
    }
}
