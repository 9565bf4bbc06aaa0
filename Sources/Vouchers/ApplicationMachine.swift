import Kernel

/// A voucher application's lifecycle as a pure state machine (issue 15): pending → approved
/// (the voucher is issued from the city's budget) or rejected (with a reason). Who decides,
/// the state and the reason are the machine's; the policy, eligibility, cap and budget checks
/// of an approval need the database and stay with the service that issues the voucher.
enum ApplicationMachine {
    typealias Status = VoucherApplication.Status

    enum Role: Hashable, Sendable, CaseIterable {
        /// May decide for the application's city.
        case decider
        /// Decides for another city.
        case otherCity
        /// May read the application (the enterprise, an auditor) but not decide.
        case reader
        /// Anyone else: the application does not exist for them.
        case stranger
    }

    enum Event: Equatable, Sendable {
        case approve(Reason)
        case reject(Reason)
    }

    enum Action: Hashable, Sendable {
        /// Issue the voucher (the service checks the policy, eligibility, amount, cap and budget).
        case issue(reason: String?)
        case reject(reason: String)
    }

    struct Transition: Hashable, Sendable {
        var status: Status
        var action: Action
    }

    static func decide(_ status: Status, _ event: Event, by role: Role) -> Result<Transition, DomainError> {
        do { return .success(try transition(status, event, by: role)) } catch { return .failure(error) }
    }

    private static func transition(
        _ status: Status, _ event: Event, by role: Role
    ) throws(DomainError)
        -> Transition
    {
        switch role {
        case .decider: break
        case .otherCity: throw VoucherError.wrongCity
        case .reader: throw VoucherError.forbidden
        case .stranger: throw VoucherError.applicationNotFound
        }
        guard status == .pending else {
            throw VoucherError.wrongState("application", state: status.rawValue, allowed: [Status.pending.rawValue])
        }
        switch event {
        case .approve(let reason):
            return Transition(status: .approved, action: .issue(reason: try reason.text()))
        case .reject(let reason):
            guard let text = try reason.text() else { throw VoucherError.rejectionReasonRequired }
            return Transition(status: .rejected, action: .reject(reason: text))
        }
    }
}
