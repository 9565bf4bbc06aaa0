import Kernel

/// A settlement batch's lifecycle as a pure state machine (issue 15): approved (by the issuing
/// city, with its items) → paid (recorded by another user of the city: separation of duties).
enum SettlementMachine {
    typealias Status = SettlementBatch.Status

    enum Role: Hashable, Sendable, CaseIterable {
        /// May manage the city's settlement, and approved this batch.
        case approver
        /// May manage the city's settlement; someone else approved the batch.
        case manager
        /// May not manage this city's settlement.
        case outsider
    }

    enum Event: Hashable, Sendable, CaseIterable {
        /// The payment is recorded with its reference.
        case pay
    }

    enum Action: Hashable, Sendable {
        /// For each payee, payable → settled, netted against what the payee owes back.
        case settle
    }

    struct Transition: Hashable, Sendable {
        var status: Status
        var actions: [Action]
    }

    static func decide(_ status: Status, _ event: Event, by role: Role) -> Result<Transition, DomainError> {
        switch event {
        case .pay:
            guard role != .outsider else { return .failure(VoucherError.forbidden) }
            guard status == .approved else {
                return .failure(
                    VoucherError.wrongState(
                        "settlement", state: status.rawValue, allowed: [Status.approved.rawValue]))
            }
            guard role != .approver else {
                return .failure(VoucherError.samePerson(step: "record the payment", earlier: "approve the batch"))
            }
            return .success(Transition(status: .paid, actions: [.settle]))
        }
    }
}
