import Kernel

/// A voucher's lifecycle as a pure state machine (issue 15): active → expired (the clock, at
/// the end of its validity) or revoked (the issuing city, with a reason; an expired voucher too).
/// While active and valid it can be spent (a redemption holds part of it).
enum VoucherMachine {
    typealias Status = Voucher.Status

    enum Role: Hashable, Sendable, CaseIterable {
        /// May decide for the voucher's city.
        case issuingCity
        /// Decides for another city.
        case otherCity
        /// The enterprise holding the voucher, acting for itself (checked by the service first).
        case holder
        /// May read the voucher (an auditor) but neither decide nor spend.
        case reader
        /// Anyone else: the voucher does not exist for them.
        case stranger
    }

    enum Event: Equatable, Sendable {
        /// The city withdraws it (`Validate.text`: the reason is required).
        case revoke(Reason)
        /// The holder opens a redemption; `lapsed`: its validity has ended.
        case spend(lapsed: Bool)
    }

    enum Action: Hashable, Sendable {
        /// Release its open redemptions (their holds go back), with the reason.
        case releaseOpenRedemptions(reason: String)
        /// The available balance back to the city's budget.
        case returnAvailable
        /// Hold part of the available balance for a redemption.
        case hold
    }

    struct Transition: Hashable, Sendable {
        var status: Status
        var actions: [Action]
    }

    static func decide(_ status: Status, _ event: Event, by role: Role) -> Result<Transition, DomainError> {
        do { return .success(try transition(status, event, by: role)) } catch { return .failure(error) }
    }

    /// The clock: an active voucher past its validity expires; otherwise nothing happens.
    static func expiry(_ status: Status, due: Bool) -> Transition? {
        guard status == .active, due else { return nil }
        return Transition(status: .expired, actions: [.returnAvailable])
    }

    private static func transition(
        _ status: Status, _ event: Event, by role: Role
    ) throws(DomainError)
        -> Transition
    {
        switch event {
        case .revoke(let reason):
            switch role {
            case .issuingCity: break
            case .otherCity: throw VoucherError.wrongCity
            case .holder, .reader: throw VoucherError.forbidden
            case .stranger: throw VoucherError.voucherNotFound
            }
            // The service validates with `Validate.text` (required): absent does not reach here.
            guard let text = try reason.text() else { throw VoucherError.reasonRequired }
            guard status != .revoked else {
                throw VoucherError.wrongState(
                    "voucher", state: status.rawValue, allowed: [Status.active.rawValue, Status.expired.rawValue])
            }
            return Transition(status: .revoked, actions: [.releaseOpenRedemptions(reason: text), .returnAvailable])
        case .spend(let lapsed):
            switch role {
            case .holder: break
            case .stranger: throw VoucherError.voucherNotFound
            case .issuingCity, .otherCity, .reader: throw VoucherError.forbidden
            }
            guard status == .active, !lapsed else { throw VoucherError.voucherExpired }
            return Transition(status: status, actions: [.hold])
        }
    }
}
