import Foundation
import GRDB
import Identity
import Kernel
import Listings

/// The checks of a contract's parties and origin references, through Identity's and Listings'
/// read interfaces, and the field the statistics count it under.
enum ContractReferences {
    static let sellerKinds: Set<OrganizationKind> = [.university, .institute, .lab, .enterprise, .provider]

    struct Parties {
        var buyer: OrganizationSummary
        var seller: OrganizationSummary
    }

    static func parties(_ db: Database, buyer: Int64, seller: Int64) throws -> Parties {
        guard buyer != seller else { throw DealsError.partiesSame }
        guard let buyerOrganization = try OrganizationDirectory.summary(db, id: buyer),
            let sellerOrganization = try OrganizationDirectory.summary(db, id: seller)
        else { throw DealsError.organizationNotFound }
        guard sellerKinds.contains(sellerOrganization.kind) else { throw DealsError.sellerKind }
        guard buyerOrganization.kind != .platform else { throw DealsError.buyerKind }
        return Parties(buyer: buyerOrganization, seller: sellerOrganization)
    }

    /// Checks every reference of the terms and returns the contract's field: the first field of
    /// the first listing named, else of the need, else of the challenge, else `other` (the
    /// seller's organisation has no field of its own in Identity; the listing says what
    /// technology changes hands).
    static func check(_ db: Database, _ terms: ContractTerms, buyer: Int64, seller: Int64) throws -> Field {
        var fields: [Field] = []
        for id in terms.listingIds {
            guard let listing = try ListingDirectory.facts(db, id: id), listing.ownerOrganizationId == seller,
                listing.kind == .patent || listing.kind == .achievement
            else { throw DealsError.listingNotSellers }
            fields += listing.fields
        }
        if let id = terms.needId {
            guard let need = try ListingDirectory.facts(db, id: id), need.kind == .need,
                need.ownerOrganizationId == buyer
            else { throw DealsError.needNotBuyers }
            fields += need.fields
        }
        if let id = terms.challengeId {
            guard let challenge = try ListingDirectory.facts(db, id: id), challenge.kind == .challenge,
                challenge.ownerOrganizationId == buyer
            else { throw DealsError.challengeNotBuyers }
            fields += challenge.fields
        }
        if let id = terms.connectionId {
            guard let connection = try ConnectionStore.find(db, id: id), connection.status == .accepted,
                Set([connection.requesterOrganizationId, connection.receiverOrganizationId]) == Set([buyer, seller])
            else { throw DealsError.connectionNotBetweenParties }
        }
        return fields.first ?? .other
    }
}
