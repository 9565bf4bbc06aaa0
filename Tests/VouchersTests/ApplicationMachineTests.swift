import Kernel
import Testing
@testable import Vouchers

/// The application lifecycle against a table written from the rules: every status × decision
/// (with a reason given, absent or malformed) × standing of the actor.
struct ApplicationMachineTests {
    typealias M = ApplicationMachine
    typealias Status = VoucherApplication.Status

    static let malformed = DomainError.invalid("too_long", field: "reason", zh: "过长", en: "Too long")
    static let reasons: [Reason] = [.absent, .given("失信"), .malformed(malformed)]
    static let events: [M.Event] = reasons.map(M.Event.approve) + reasons.map(M.Event.reject)

    /// Who may decide, then the state, then the reason's text, then (to reject) its presence.
    static func expected(_ status: Status, _ event: M.Event, _ role: M.Role) -> Result<M.Transition, DomainError> {
        switch role {
        case .decider: break
        case .otherCity: return .failure(VoucherError.wrongCity)
        case .reader: return .failure(VoucherError.forbidden)
        case .stranger: return .failure(VoucherError.applicationNotFound)
        }
        let leavesFrom: [Status: Bool] = [.pending: true, .approved: false, .rejected: false]
        guard leavesFrom[status]! else {
            return .failure(VoucherError.wrongState("application", state: status.rawValue, allowed: ["pending"]))
        }
        switch event {
        case .approve(.malformed(let error)), .reject(.malformed(let error)): return .failure(error)
        case .approve(.absent): return .success(M.Transition(status: .approved, action: .issue(reason: nil)))
        case .approve(.given(let text)): return .success(M.Transition(status: .approved, action: .issue(reason: text)))
        case .reject(.absent): return .failure(VoucherError.rejectionReasonRequired)
        case .reject(.given(let text)): return .success(M.Transition(status: .rejected, action: .reject(reason: text)))
        }
    }

    /// 3 statuses × 6 events × 4 roles = 72 cases.
    @Test(arguments: Status.allCases, M.Role.allCases)
    func everyDecisionFrom(_ status: Status, by role: M.Role) {
        for event in Self.events {
            let want = Self.expected(status, event, role)
            #expect(M.decide(status, event, by: role) == want, "\(status) × \(event) × \(role)")
        }
    }
}
