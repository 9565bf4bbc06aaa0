import Foundation
import GRDB
import Identity
import Kernel
import Store

/// Technology contracts: drafts by either party, confirmation by hash, signature, registration
/// by the seller city's clerk, payments, completion or termination, and amendments after
/// signature. Every step is one audited write through `ContractMachine`.
public struct ContractService: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// A draft between the actor's organisation and the other party; names its listings as
    /// under negotiation.
    public func create(_ input: NewContract, by actor: Actor) async throws -> Contract {
        try await database.write(as: actor, action: "contract.create") { db, context in
            let parties = try ContractReferences.parties(
                db, buyer: input.buyerOrganizationId, seller: input.sellerOrganizationId)
            let role = ContractAccess.role(
                of: context.actor, buyer: parties.buyer.id, seller: parties.seller.id, sellerCity: parties.seller.city,
                applied: false)
            guard let party = try? ContractAccess.requireParty(role) else { throw DealsError.notAParty }
            try Authorization.requireVerified(context.actor)
            let terms = try TermsRules.validated(input.terms)
            let field = try ContractReferences.check(db, terms, buyer: parties.buyer.id, seller: parties.seller.id)
            let now = Self.instant(context.now)
            var contract = Contract(
                id: 0, buyerOrganizationId: parties.buyer.id, sellerOrganizationId: parties.seller.id,
                buyerCity: parties.buyer.city, sellerCity: parties.seller.city, status: .draft, version: 1,
                terms: terms,
                termsHash: try TermsRules.hash(buyer: parties.buyer.id, seller: parties.seller.id, terms: terms),
                field: field, buyerConfirmation: nil, sellerConfirmation: nil, amendment: nil,
                registration: Contract.Registration(), payments: [], paidFen: 0, terminationReason: nil,
                history: [
                    Contract.Event(
                        step: "create", party: party.rawValue, userId: context.actor.userID, version: 1, at: now)
                ],
                createdAt: now, updatedAt: now, signedAt: nil, completedAt: nil, terminatedAt: nil)
            contract.brokerOrganizationId = context.actor.broker?.organizationID
            try ContractStore.insert(db, &contract)
            let listings = try ContractEffects.markNegotiating(db, terms.listingIds, now: now)
            return Audited(
                contract, target: "contract", id: String(contract.id),
                change: [
                    "contract": try DealsCoding.json(contract), "listingsUnderNegotiation": .array(listings),
                ]
            ).notifying(try DealsNotices.contract(db, contract, kind: .contractCreated, by: party))
        }
    }

    /// New terms for a draft: both confirmations are cleared. The same terms again change nothing.
    public func amend(_ id: Int64, terms: ContractTerms, by actor: Actor) async throws -> Contract {
        try await step(id, .amend, action: "contract.amend", by: actor) { db, contract, _ in
            let validated = try TermsRules.validated(terms)
            _ = try ContractReferences.check(
                db, validated, buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId)
            return StepInput(terms: validated)
        }
    }

    /// Confirms the terms whose hash the party has read; the second party's confirmation of the
    /// same hash signs the contract.
    public func confirm(_ id: Int64, termsHash: String, by actor: Actor) async throws -> Contract {
        try await step(id, .confirm(termsHash: termsHash.lowercased()), action: "contract.confirm", by: actor)
    }

    /// Abandons a draft.
    public func cancel(_ id: Int64, by actor: Actor) async throws -> Contract {
        try await step(id, .cancel, action: "contract.cancel", by: actor)
    }

    /// One time for every timestamp of a write, to whole milliseconds (as stored and replayed).
    static func instant(_ date: Date) -> Date {
        Timestamp.date(millis: Timestamp.millis(date))
    }
}
