import Kernel

/// A provider's registration lifecycle as a pure state machine (issue 15): applied → (city
/// approves) in notice (公示) → listed once the notice ends with no open objection, or by the
/// city overruling the objections; listed ⇄ suspended; listed or suspended → delisted; applied
/// or in notice → rejected. A rejected or delisted organisation may apply again. Anyone signed
/// in for an organisation may object while the notice runs.
enum ProviderMachine {
    typealias Status = Provider.Status
    typealias Kind = ProviderAction.Kind

    enum Role: Hashable, Sendable, CaseIterable {
        /// May review for the provider's city, signed in for an organisation.
        case reviewer
        /// May review for the provider's city, with no organisation.
        case reviewerWithoutOrganisation
        /// Signed in for an organisation, may not review here.
        case member
        /// Neither.
        case anonymous

        var reviews: Bool { self == .reviewer || self == .reviewerWithoutOrganisation }
        var hasOrganisation: Bool { self == .reviewer || self == .member }
    }

    /// The public notice, against the clock.
    enum Notice: Hashable, Sendable, CaseIterable {
        /// No notice was given.
        case none
        case running
        case ended
    }

    enum Event: Equatable, Sendable {
        /// A city admin's step (`ProviderAction.Kind`).
        case act(Kind, reason: Reason, notice: Notice)
        /// An objection during the notice (`Validate.text`: the reason is required).
        case object(reason: Reason, notice: Notice)
    }

    enum Action: Hashable, Sendable {
        /// Every open objection resolved with the reason.
        case resolveObjections(reason: String?)
        /// noticeEndsAt := now + the notice period.
        case startNotice
        /// The new status entered in the provider's history.
        case log(reason: String?)
        case recordObjection(reason: String)
    }

    struct Transition: Hashable, Sendable {
        var status: Status
        var actions: [Action]
    }

    /// The steps that need a reason.
    static let reasoned: Set<Kind> = [.reject, .suspend, .delist, .overrule]

    /// Which states each step leaves from, in the order a refusal lists them, and where it leads.
    static func route(_ kind: Kind) -> (from: [Status], to: Status) {
        switch kind {
        case .approve: ([.applied], .inNotice)
        case .reject: ([.applied, .inNotice], .rejected)
        case .overrule: ([.inNotice], .listed)
        case .suspend: ([.listed], .suspended)
        case .reinstate: ([.suspended], .listed)
        case .delist: ([.listed, .suspended], .delisted)
        }
    }

    /// An organisation applies: first, or again after a rejection or delisting.
    static func register(over existing: Status?) -> Result<Transition, DomainError> {
        guard existing == nil || existing == .rejected || existing == .delisted else {
            return .failure(VoucherError.providerExists)
        }
        return .success(Transition(status: .applied, actions: [.log(reason: nil)]))
    }

    static func decide(_ status: Status, _ event: Event, by role: Role) -> Result<Transition, DomainError> {
        do { return .success(try transition(status, event, by: role)) } catch { return .failure(error) }
    }

    private static func transition(
        _ status: Status, _ event: Event, by role: Role
    ) throws(DomainError)
        -> Transition
    {
        switch event {
        case .act(let kind, let reason, let notice):
            guard role.reviews else { throw VoucherError.forbidden }
            let text = try reason.text()
            let (from, to) = route(kind)
            guard from.contains(status) else {
                throw VoucherError.wrongState("provider", state: status.rawValue, allowed: from.map(\.rawValue))
            }
            if reasoned.contains(kind), text == nil { throw VoucherError.reasonRequired }
            var actions: [Action] = []
            if kind == .overrule {
                guard notice == .ended else { throw VoucherError.noticeRunning }
                actions.append(.resolveObjections(reason: text))
            }
            if to == .inNotice { actions.append(.startNotice) }
            return Transition(status: to, actions: actions + [.log(reason: text)])
        case .object(let reason, let notice):
            guard role.hasOrganisation else { throw VoucherError.forbidden }
            guard status == .inNotice, notice == .running else { throw VoucherError.noticeNotRunning }
            guard let text = try reason.text() else { throw VoucherError.reasonRequired }
            return Transition(status: status, actions: [.recordObjection(reason: text)])
        }
    }
}
