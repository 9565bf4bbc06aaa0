import Kernel
import Testing
@testable import Vouchers

/// The provider registry's lifecycle against a table written from the rules (`ProviderAction.Kind`'s
/// documentation): every status × step or objection (with a reason given, absent or malformed,
/// and the notice not given, running or ended) × standing of the actor, and registration over
/// every earlier status.
struct ProviderMachineTests {
    typealias M = ProviderMachine
    typealias Status = Provider.Status
    typealias Kind = ProviderAction.Kind

    static let malformed = DomainError.invalid("too_long", field: "reason", zh: "过长", en: "Too long")
    static let reasons: [Reason] = [.absent, .given("资质不符"), .malformed(malformed)]
    static let events: [M.Event] =
        Kind.allCases.flatMap { kind in
            reasons.flatMap { reason in M.Notice.allCases.map { M.Event.act(kind, reason: reason, notice: $0) } }
        } + reasons.flatMap { reason in M.Notice.allCases.map { M.Event.object(reason: reason, notice: $0) } }

    /// Where each step leads and from which states, in the order a refusal lists them.
    static let table: [Kind: (from: [Status], to: Status, needsReason: Bool)] = [
        .approve: ([.applied], .inNotice, false),
        .reject: ([.applied, .inNotice], .rejected, true),
        .overrule: ([.inNotice], .listed, true),
        .suspend: ([.listed], .suspended, true),
        .reinstate: ([.suspended], .listed, false),
        .delist: ([.listed, .suspended], .delisted, true),
    ]

    static func expected(_ status: Status, _ event: M.Event, _ role: M.Role) -> Result<M.Transition, DomainError> {
        let reviews = role == .reviewer || role == .reviewerWithoutOrganisation
        let member = role == .reviewer || role == .member
        switch event {
        case .act(let kind, let reason, let notice):
            guard reviews else { return .failure(VoucherError.forbidden) }
            var text: String?
            switch reason {
            case .malformed(let error): return .failure(error)
            case .absent: text = nil
            case .given(let given): text = given
            }
            let rule = table[kind]!
            guard rule.from.contains(status) else {
                return .failure(
                    VoucherError.wrongState("provider", state: status.rawValue, allowed: rule.from.map(\.rawValue)))
            }
            if rule.needsReason, text == nil { return .failure(VoucherError.reasonRequired) }
            switch kind {
            case .overrule:
                guard notice == .ended else { return .failure(VoucherError.noticeRunning) }
                return .success(
                    M.Transition(status: .listed, actions: [.resolveObjections(reason: text), .log(reason: text)]))
            case .approve:
                return .success(M.Transition(status: .inNotice, actions: [.startNotice, .log(reason: text)]))
            case .reject, .suspend, .reinstate, .delist:
                return .success(M.Transition(status: rule.to, actions: [.log(reason: text)]))
            }
        case .object(let reason, let notice):
            guard member else { return .failure(VoucherError.forbidden) }
            guard status == .inNotice, notice == .running else { return .failure(VoucherError.noticeNotRunning) }
            switch reason {
            case .malformed(let error): return .failure(error)
            case .absent: return .failure(VoucherError.reasonRequired)
            case .given(let text):
                return .success(M.Transition(status: .inNotice, actions: [.recordObjection(reason: text)]))
            }
        }
    }

    @Test func theTableKnowsEveryStep() {
        #expect(Set(Self.table.keys) == Set(Kind.allCases))
        #expect(Self.events.count == 6 * 9 + 9)
    }

    /// 6 statuses × 63 events × 4 roles = 1,512 cases.
    @Test(arguments: Status.allCases, M.Role.allCases)
    func everyStepFrom(_ status: Status, by role: M.Role) {
        for event in Self.events {
            let want = Self.expected(status, event, role)
            #expect(M.decide(status, event, by: role) == want, "\(status) × \(event) × \(role)")
        }
    }

    static let existing: [Status?] = [nil] + Status.allCases.map { $0 }

    /// No entry, or any of the 6 statuses: 7 cases.
    @Test(arguments: existing)
    func registration(over existing: Status?) {
        let again: Set<Status?> = [nil, .rejected, .delisted]
        let want: Result<M.Transition, DomainError> =
            again.contains(existing)
            ? .success(M.Transition(status: .applied, actions: [.log(reason: nil)]))
            : .failure(VoucherError.providerExists)
        #expect(M.register(over: existing) == want)
    }
}
