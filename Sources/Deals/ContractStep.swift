import Foundation
import GRDB
import Kernel
import Store

/// What a step brings besides its event: new terms, a payment, a reason.
struct StepInput: Sendable {
    var terms: ContractTerms?
    var payment: NewPayment?
    var reason: String?
}

extension ContractService {
    /// One step on a contract in one audited write: load (a contract the actor may not read is
    /// "not found"), let the machine decide, check the step's own input, apply the actions.
    func step(
        _ id: Int64, _ event: ContractMachine.Event, action: String, by actor: Actor,
        prepare: @escaping @Sendable (Database, Contract, Date) throws -> StepInput = { _, _, _ in StepInput() }
    ) async throws -> Contract {
        try await step(id, action: action, by: actor, event: { _ in event }, prepare: prepare)
    }

    func step(
        _ id: Int64, action: String, by actor: Actor, event: @escaping @Sendable (Contract) -> ContractMachine.Event,
        prepare: @escaping @Sendable (Database, Contract, Date) throws -> StepInput = { _, _, _ in StepInput() }
    ) async throws -> Contract {
        try await database.write(as: actor, action: action) { db, context in
            guard var contract = try ContractStore.find(db, id: id) else { throw DealsError.contractNotFound }
            let role = ContractAccess.role(of: context.actor, on: contract)
            let event = event(contract)
            // Registration steps answer a clerk of another city with its own code; everything
            // else hides the contract from whoever may not read it.
            if !ContractAccess.canRead(role), role != .otherClerk || !Self.isRegistration(event) {
                throw DealsError.contractNotFound
            }
            let transition = try ContractMachine.decide(Self.state(of: contract), event, by: role).get()
            let now = Self.instant(context.now)
            let input = try prepare(db, contract, now)
            if let terms = input.terms, event == .amend,
                try TermsRules.hash(
                    buyer: contract.buyerOrganizationId, seller: contract.sellerOrganizationId, terms: terms)
                    == contract.termsHash
            {
                return .unchanged(contract)
            }
            var effects = ContractEffects(db: db, now: now, actor: context.actor)
            try effects.enact(transition, on: &contract, input: input)
            contract.status = transition.status
            contract.updatedAt = now
            contract.history.append(
                Contract.Event(
                    step: event.name, party: transition.actor, userId: context.actor.userID, reason: input.reason,
                    version: contract.version, at: now))
            try ContractStore.update(db, contract)
            var change = effects.change
            change["step"] = .string(event.name)
            change["status"] = .string(contract.status.rawValue)
            change["termsHash"] = .string(contract.termsHash)
            change["version"] = .int(Int64(contract.version))
            return Audited(contract, target: "contract", id: String(id), change: .object(change)).notifying(
                try DealsNotices.contract(
                    db, contract, kind: DealsNotices.kind(of: event, contract),
                    by: ContractParty(rawValue: transition.actor)))
        }
    }

    static func isRegistration(_ event: ContractMachine.Event) -> Bool {
        switch event {
        case .register, .returnRegistration: true
        default: false
        }
    }

    static func state(of contract: Contract) -> ContractMachine.State {
        ContractMachine.State(
            status: contract.status, termsHash: contract.termsHash,
            confirmed: Set(
                ContractParty.allCases.filter { contract.confirmation(of: $0)?.termsHash == contract.termsHash }),
            termsComplete: contract.terms.isComplete,
            amendment: contract.amendment.map { amendment in
                ContractMachine.AmendmentState(
                    termsHash: amendment.termsHash,
                    confirmed: Set(
                        ContractParty.allCases.filter {
                            ($0 == .buyer ? amendment.buyerConfirmation : amendment.sellerConfirmation)?.termsHash
                                == amendment.termsHash
                        }))
            })
    }
}
