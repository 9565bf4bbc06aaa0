import Kernel
import Testing
@testable import Vouchers

/// The voucher lifecycle against a table written from the rules: every status × event (with its
/// reason or validity) × standing of the actor, and the clock's expiry.
struct VoucherMachineTests {
    typealias M = VoucherMachine
    typealias Status = Voucher.Status

    static let malformed = DomainError.invalid("required", field: "reason", zh: "reason 不能为空", en: "empty")
    static let events: [M.Event] = [
        .revoke(.absent), .revoke(.given("骗取")), .revoke(.malformed(malformed)), .spend(lapsed: false),
        .spend(lapsed: true),
    ]

    static func expected(_ status: Status, _ event: M.Event, _ role: M.Role) -> Result<M.Transition, DomainError> {
        switch event {
        case .revoke(let reason):
            switch role {
            case .issuingCity: break
            case .otherCity: return .failure(VoucherError.wrongCity)
            case .holder, .reader: return .failure(VoucherError.forbidden)
            case .stranger: return .failure(VoucherError.voucherNotFound)
            }
            let text: String
            switch reason {
            case .malformed(let error): return .failure(error)
            case .absent: return .failure(VoucherError.reasonRequired)
            case .given(let given): text = given
            }
            // Active or expired vouchers can be revoked; a revoked one cannot.
            let revocable: [Status: Bool] = [.active: true, .expired: true, .revoked: false]
            guard revocable[status]! else {
                return .failure(
                    VoucherError.wrongState("voucher", state: status.rawValue, allowed: ["active", "expired"]))
            }
            return .success(
                M.Transition(status: .revoked, actions: [.releaseOpenRedemptions(reason: text), .returnAvailable]))
        case .spend(let lapsed):
            switch role {
            case .holder: break
            case .stranger: return .failure(VoucherError.voucherNotFound)
            case .issuingCity, .otherCity, .reader: return .failure(VoucherError.forbidden)
            }
            guard status == .active, !lapsed else { return .failure(VoucherError.voucherExpired) }
            return .success(M.Transition(status: .active, actions: [.hold]))
        }
    }

    /// 3 statuses × 5 events × 5 roles = 75 cases.
    @Test(arguments: Status.allCases, M.Role.allCases)
    func everyEventFrom(_ status: Status, by role: M.Role) {
        for event in Self.events {
            #expect(M.decide(status, event, by: role) == Self.expected(status, event, role), "\(status) × \(event)")
        }
    }

    /// 3 statuses × due or not = 6 cases.
    @Test(arguments: Status.allCases, [false, true])
    func theClockExpiresOnlyActiveVouchersPastTheirEnd(_ status: Status, due: Bool) {
        let want = status == .active && due ? M.Transition(status: .expired, actions: [.returnAvailable]) : nil
        #expect(M.expiry(status, due: due) == want)
    }
}
