import Foundation
import GRDB
import Kernel
import Listings

/// Applies a transition's actions to a contract inside the step's write: the contract's own
/// fields, its payments and registration number, and the listings' status changes (through
/// Listings' own function, with the same `Database`). Collects what the audit entry records.
struct ContractEffects {
    let db: Database
    let now: Date
    let actor: Actor
    var change: [String: JSONValue] = [:]

    init(db: Database, now: Date, actor: Actor) {
        self.db = db
        self.now = now
        self.actor = actor
    }

    mutating func enact(
        _ transition: ContractMachine.Transition, on contract: inout Contract, input: StepInput
    )
        throws
    {
        let party = ContractParty(rawValue: transition.actor)
        for action in transition.actions {
            switch action {
            case .replaceTerms:
                let terms = try required(input.terms)
                try adopt(terms, into: &contract)
                contract.buyerConfirmation = nil
                contract.sellerConfirmation = nil
                change["terms"] = try DealsCoding.json(terms)
            case .recordConfirmation:
                let confirmation = Contract.Confirmation(termsHash: contract.termsHash, userId: actor.userID, at: now)
                if party == .buyer {
                    contract.buyerConfirmation = confirmation
                } else {
                    contract.sellerConfirmation = confirmation
                }
                change["confirmedBy"] = .string(transition.actor)
            case .sign:
                contract.signedAt = now
                if let need = contract.terms.needId, try ListingDealTransitions.closeNeed(db, id: need, now: now) {
                    change["needClosed"] = .int(need)
                }
            case .releaseListings:
                change["listingsReleased"] = .array(try release(contract.terms.listingIds, of: contract.id))
            case .markApplied:
                contract.registration.appliedAt = now
            case .assignNumber:
                let number = try ContractStore.nextRegistrationNumber(
                    db, city: contract.sellerCity, year: Self.chinaYear(now))
                contract.registration.number = number
                contract.registration.registeredAt = now
                contract.registration.clerkUserId = actor.userID
                contract.registration.returnedReason = nil
                change["registrationNumber"] = .string(number)
            case .recordReturn:
                contract.registration.returnedReason = input.reason
                change["reason"] = .optional(input.reason)
            case .recordPayment:
                let payment = try required(input.payment)
                let recorded = try ContractStore.insertPayment(
                    db, contract: contract.id, payment: payment, organization: actor.organizationID ?? 0,
                    user: actor.userID, now: now)
                contract.payments.append(recorded)
                contract.paidFen += payment.amountFen
                change["payment"] = [
                    "id": .int(recorded.id), "amountFen": .int(payment.amountFen),
                    "instalment": payment.instalment.map { .int(Int64($0)) } ?? .null,
                ]
            case .completeListings:
                contract.completedAt = now
                if contract.terms.type.transfersListing(exclusive: contract.terms.exclusive) {
                    var moved: [JSONValue] = []
                    for id in contract.terms.listingIds {
                        if try ListingDealTransitions.markTransferred(db, id: id, now: now) { moved.append(.int(id)) }
                    }
                    change["listingsTransferred"] = .array(moved)
                } else {
                    change["listingsReleased"] = .array(try release(contract.terms.listingIds, of: contract.id))
                }
            case .recordTermination:
                contract.terminationReason = input.reason
                contract.terminatedAt = now
                contract.amendment = nil
                change["reason"] = .optional(input.reason)
            case .recordAmendment:
                let terms = try required(input.terms)
                let hash = try TermsRules.hash(
                    buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId, terms: terms)
                let mine = Contract.Confirmation(termsHash: hash, userId: actor.userID, at: now)
                contract.amendment = Contract.Amendment(
                    terms: terms, termsHash: hash, proposedBy: party ?? .buyer,
                    buyerConfirmation: party == .buyer ? mine : nil, sellerConfirmation: party == .seller ? mine : nil)
                change["amendment"] = ["terms": try DealsCoding.json(terms), "termsHash": .string(hash)]
            case .recordAmendmentConfirmation:
                guard var amendment = contract.amendment else { break }
                let confirmation = Contract.Confirmation(termsHash: amendment.termsHash, userId: actor.userID, at: now)
                if party == .buyer {
                    amendment.buyerConfirmation = confirmation
                } else {
                    amendment.sellerConfirmation = confirmation
                }
                contract.amendment = amendment
                change["confirmedBy"] = .string(transition.actor)
            case .adoptAmendment:
                guard let amendment = contract.amendment else { break }
                try adopt(amendment.terms, into: &contract)
                contract.version += 1
                contract.buyerConfirmation = amendment.buyerConfirmation
                contract.sellerConfirmation = amendment.sellerConfirmation
                contract.amendment = nil
                if let need = contract.terms.needId, try ListingDealTransitions.closeNeed(db, id: need, now: now) {
                    change["needClosed"] = .int(need)
                }
                change["adoptedVersion"] = .int(Int64(contract.version))
            }
        }
    }

    /// New terms in force: hash, field, the contract's listings and the listings' status.
    private mutating func adopt(_ terms: ContractTerms, into contract: inout Contract) throws {
        let old = contract.terms.listingIds
        contract.field = try ContractReferences.check(
            db, terms, buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId)
        contract.terms = terms
        contract.termsHash = try TermsRules.hash(
            buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId, terms: terms)
        try ContractStore.replaceListings(db, contract)
        let added = terms.listingIds.filter { !old.contains($0) }
        let removed = old.filter { !terms.listingIds.contains($0) }
        change["listingsUnderNegotiation"] = .array(try Self.markNegotiating(db, added, now: now))
        change["listingsReleased"] = .array(try release(removed, of: contract.id))
    }

    private func release(_ listings: [Int64], of contract: Int64) throws -> [JSONValue] {
        var released: [JSONValue] = []
        for id in listings {
            guard try !ContractStore.namedElsewhere(db, listing: id, except: contract) else { continue }
            if try ListingDealTransitions.releaseNegotiation(db, id: id, now: now) { released.append(.int(id)) }
        }
        return released
    }

    static func markNegotiating(_ db: Database, _ listings: [Int64], now: Date) throws -> [JSONValue] {
        var marked: [JSONValue] = []
        for id in listings {
            if try ListingDealTransitions.markUnderNegotiation(db, id: id, now: now) { marked.append(.int(id)) }
        }
        return marked
    }

    private func required<T>(_ value: T?) throws -> T {
        guard let value else { throw DealsError.contractNotFound }
        return value
    }

    /// The calendar year in China Standard Time (registration numbers count per year).
    static func chinaYear(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        return calendar.component(.year, from: date)
    }
}
