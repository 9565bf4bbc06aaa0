import Kernel
import Testing
@testable import Vouchers

/// The settlement batch lifecycle against a table written from the rules: every status × event ×
/// standing of the actor.
struct SettlementMachineTests {
    typealias M = SettlementMachine
    typealias Status = SettlementBatch.Status

    /// Who may record the payment, then the state, then separation of duties.
    static func expected(_ status: Status, _ event: M.Event, _ role: M.Role) -> Result<M.Transition, DomainError> {
        switch event {
        case .pay:
            if role == .outsider { return .failure(VoucherError.forbidden) }
            switch status {
            case .approved: break
            case .paid:
                return .failure(VoucherError.wrongState("settlement", state: "paid", allowed: ["approved"]))
            }
            if role == .approver {
                return .failure(VoucherError.samePerson(step: "record the payment", earlier: "approve the batch"))
            }
            return .success(M.Transition(status: .paid, actions: [.settle]))
        }
    }

    /// 2 statuses × 1 event × 3 roles = 6 cases.
    @Test(arguments: Status.allCases, M.Role.allCases)
    func everyEventFrom(_ status: Status, by role: M.Role) {
        for event in M.Event.allCases {
            #expect(M.decide(status, event, by: role) == Self.expected(status, event, role))
        }
    }
}
