import Kernel

/// The steps of a contract's lifecycle, by name, as pages offer them.
public enum ContractStepKind: String, CaseIterable, Sendable {
    case amend, confirm, cancel
    case applyRegistration = "apply_registration"
    case register
    case returnRegistration = "return_registration"
    case recordPayment = "record_payment"
    case complete, terminate
    case proposeAmendment = "propose_amendment"
    case confirmAmendment = "confirm_amendment"
}

extension ContractService {
    /// The steps `actor` may take on `contract` now, as `ContractMachine` decides them, so that a
    /// page offers a step only to whom it would accept it from (each step is decided again when
    /// taken). A confirmation the actor's party already gave is not offered again.
    public static func availableSteps(_ contract: Contract, for actor: Actor) -> Set<ContractStepKind> {
        let role = ContractAccess.role(of: actor, on: contract)
        guard ContractAccess.canRead(role) else { return [] }
        let state = state(of: contract)
        let party: ContractParty? = role == .buyer ? .buyer : role == .seller ? .seller : nil
        var steps: Set<ContractStepKind> = []
        for kind in ContractStepKind.allCases {
            let event: ContractMachine.Event
            switch kind {
            case .amend: event = .amend
            case .confirm:
                if let party, state.confirmed.contains(party) { continue }
                event = .confirm(termsHash: contract.termsHash)
            case .cancel: event = .cancel
            case .applyRegistration: event = .applyRegistration
            case .register: event = .register
            case .returnRegistration: event = .returnRegistration(reason: true)
            case .recordPayment:
                event = .recordPayment(amountFen: 1, remainingFen: contract.terms.valueFen - contract.paidFen)
            case .complete: event = .complete
            case .terminate: event = .terminate(reason: true)
            case .proposeAmendment: event = .proposeAmendment
            case .confirmAmendment:
                if let party, state.amendment?.confirmed.contains(party) == true { continue }
                event = .confirmAmendment(termsHash: contract.amendment?.termsHash ?? "")
            }
            if case .success = ContractMachine.decide(state, event, by: role) { steps.insert(kind) }
        }
        return steps
    }
}
