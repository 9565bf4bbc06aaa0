import Foundation
import GRDB
import Kernel

/// The steps after signature: registration, payments, completion, termination, amendments.
extension ContractService {
    /// The seller applies for 技术合同认定登记 at its city's registration office.
    public func applyForRegistration(_ id: Int64, by actor: Actor) async throws -> Contract {
        try await step(id, .applyRegistration, action: "contract.apply_registration", by: actor)
    }

    /// The seller city's clerk registers the contract and assigns its number.
    public func register(_ id: Int64, by actor: Actor) async throws -> Contract {
        try await step(id, .register, action: "contract.register", by: actor)
    }

    /// The clerk sends the application back to the seller, with a reason (the contract stays signed).
    public func returnRegistration(_ id: Int64, reason: String, by actor: Actor) async throws -> Contract {
        let text = try Validate.optionalText(reason, field: "reason", max: 1_000, multiline: true)
        return try await step(
            id, .returnRegistration(reason: text != nil), action: "contract.return_registration", by: actor
        ) { _, _, _ in StepInput(reason: text) }
    }

    /// Records a payment made; the first moves the contract to performing, the one that reaches
    /// the value completes it. The payments never exceed the value.
    public func recordPayment(_ id: Int64, _ payment: NewPayment, by actor: Actor) async throws -> Contract {
        try await step(
            id, action: "contract.record_payment", by: actor,
            event: { .recordPayment(amountFen: payment.amountFen, remainingFen: $0.terms.valueFen - $0.paidFen) }
        ) { _, contract, now in
            // A day's grace: the payer's calendar may be ahead of the server's clock.
            guard payment.paidOn <= now.addingTimeInterval(86_400) else { throw DealsError.paymentInFuture }
            if let instalment = payment.instalment {
                guard (1...contract.terms.instalments.count).contains(instalment) else {
                    throw DealsError.instalmentUnknown
                }
            }
            return StepInput(payment: payment)
        }
    }

    /// A party marks a performing contract complete.
    public func complete(_ id: Int64, by actor: Actor) async throws -> Contract {
        try await step(id, .complete, action: "contract.complete", by: actor)
    }

    /// A party terminates a signed, registered or performing contract, with a reason.
    public func terminate(_ id: Int64, reason: String, by actor: Actor) async throws -> Contract {
        let text = try Validate.optionalText(reason, field: "reason", max: 1_000, multiline: true)
        return try await step(id, .terminate(reason: text != nil), action: "contract.terminate", by: actor) { _, _, _ in
            StepInput(reason: text)
        }
    }

    /// A party proposes changed terms after signature (a new version); the signed version stands
    /// until the other party confirms this one's hash. A later proposal replaces it.
    public func proposeAmendment(_ id: Int64, terms: ContractTerms, by actor: Actor) async throws -> Contract {
        try await step(id, .proposeAmendment, action: "contract.propose_amendment", by: actor) { db, contract, _ in
            let validated = try TermsRules.validated(terms)
            guard validated.valueFen >= contract.paidFen else {
                throw DealsError.valueBelowPaid(paid: contract.paidFen)
            }
            _ = try ContractReferences.check(
                db, validated, buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId)
            return StepInput(terms: validated)
        }
    }

    /// The other party confirms the amendment whose hash it read; the new version takes effect.
    public func confirmAmendment(_ id: Int64, termsHash: String, by actor: Actor) async throws -> Contract {
        try await step(
            id, .confirmAmendment(termsHash: termsHash.lowercased()), action: "contract.confirm_amendment", by: actor
        ) { _, contract, _ in
            // Payments recorded since the proposal may have passed its value.
            if let amendment = contract.amendment, amendment.terms.valueFen < contract.paidFen {
                throw DealsError.valueBelowPaid(paid: contract.paidFen)
            }
            return StepInput()
        }
    }
}
