import Foundation
import Kernel
@testable import Listings
import Testing

/// The 揭榜挂帅 lifecycle checked against a complete table written here from the rules, not read
/// from the machine: every state × every event (with every combination of its facts) × every set
/// of parties an actor can hold. The table's rows and columns must be exactly `State.allCases`
/// and `EventName.allCases`, and its party letters exactly `Party.allCases`, so a case added to
/// the machine fails these tests until the table says what it may do.
struct ChallengeStateMachineTests {
    typealias Machine = ChallengeStateMachine
    typealias State = Machine.State
    typealias EventName = Machine.EventName
    typealias Event = Machine.Event
    typealias Party = Machine.Party

    /// Who may send which event from which state: o owner, a admin, w awardee, s system; "."
    /// nobody (the event is impossible there).
    static let grid = """
        state                  sub apv rja cla ext srv awd beg sms ams rms cls cnc trm
        draft                  oa  .   .   .   .   .   .   .   .   .   .   .   oa  .
        pending_approval       .   a   a   .   .   .   .   .   .   .   .   .   oa  .
        published              .   .   .   oas oa  .   .   .   .   .   .   .   oa  .
        applications_closed    .   .   .   .   .   oa  .   .   .   .   .   .   oa  .
        under_review           .   .   .   .   .   .   oa  .   .   .   .   .   oa  .
        awarded                .   .   .   .   .   .   .   oaw .   .   .   .   .   oa
        in_progress            .   .   .   .   .   .   .   .   w   .   .   .   .   oa
        milestone_under_review .   .   .   .   .   .   .   .   w   oa  oa  .   .   oa
        accepted               .   .   .   .   .   .   .   .   .   .   .   oa  .   .
        closed                 .   .   .   .   .   .   .   .   .   .   .   .   .   .
        cancelled              .   .   .   .   .   .   .   .   .   .   .   .   .   .
        terminated             .   .   .   .   .   .   .   .   .   .   .   .   .   .
        """

    static let columns: [String: EventName] = [
        "sub": .submit, "apv": .approve, "rja": .rejectApproval, "cla": .closeApplications, "ext": .extend,
        "srv": .startReview, "awd": .award, "beg": .begin, "sms": .submitMilestone, "ams": .acceptMilestone,
        "rms": .rejectMilestone, "cls": .close, "cnc": .cancel, "trm": .terminate,
    ]

    static let letters: [Character: Party] = ["o": .owner, "a": .admin, "w": .awardee, "s": .system]

    /// The grid read into (state, event) → who may; nil where the event is impossible.
    static let table: [State: [EventName: Set<Party>]] = {
        let lines = grid.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let header = lines[0].dropFirst().map { columns[$0] }
        var table: [State: [EventName: Set<Party>]] = [:]
        for line in lines.dropFirst() {
            guard let state = State(rawValue: line[0]), line.count == header.count + 1 else {
                Issue.record("a malformed row: \(line)")
                continue
            }
            var row: [EventName: Set<Party>] = [:]
            for (cell, event) in zip(line.dropFirst(), header) where cell != "." {
                guard let event else { continue }
                row[event] = Set(cell.compactMap { letters[$0] })
            }
            table[state] = row
        }
        return table
    }()

    /// Every variant of an event, with each combination of the facts it carries.
    static func variants(_ name: EventName) -> [Event] {
        switch name {
        case .submit: [.submit(needsApproval: false), .submit(needsApproval: true)]
        case .approve: [.approve]
        case .rejectApproval: [.rejectApproval(reason: "材料不全")]
        case .closeApplications: [.closeApplications]
        case .extend: [.extend(to: Date(timeIntervalSince1970: 2_000_000_000))]
        case .startReview: [.startReview]
        case .award: [.award(chosen: nil, reason: nil), .award(chosen: [7, 9], reason: "综合考虑")]
        case .begin: [.begin]
        case .submitMilestone: [.submitMilestone]
        case .acceptMilestone:
            [false, true].flatMap { others in
                [false, true].map { all in
                    Event.acceptMilestone(application: 7, tranche: 1, othersPending: others, allAccepted: all)
                }
            }
        case .rejectMilestone: [.rejectMilestone(othersPending: false), .rejectMilestone(othersPending: true)]
        case .close: [.close]
        case .cancel: [.cancel(reason: "需求已由内部解决")]
        case .terminate: [.terminate(reason: "团队解散")]
        }
    }

    static let events: [Event] = EventName.allCases.flatMap(variants)

    /// Where a legal event leads (from the rules).
    static func target(_ state: State, _ event: Event) -> State {
        switch event {
        case .submit(let needsApproval): needsApproval ? .pendingApproval : .published
        case .approve, .extend: .published
        case .rejectApproval: .draft
        case .closeApplications: .applicationsClosed
        case .startReview: .underReview
        case .award: .awarded
        case .begin: .inProgress
        case .submitMilestone: .milestoneUnderReview
        case .acceptMilestone(_, _, let othersPending, let allAccepted):
            allAccepted ? .accepted : othersPending ? .milestoneUnderReview : .inProgress
        case .rejectMilestone(let othersPending): othersPending ? .milestoneUnderReview : .inProgress
        case .close: .closed
        case .cancel: .cancelled
        case .terminate: .terminated
        }
    }

    /// What the service is told to do when a legal event moves.
    static func actions(_ event: Event) -> [Machine.Action] {
        switch event {
        case .submit: [.clearReason(.rejectApproval)]
        case .rejectApproval(let reason): [.recordReason(.rejectApproval, reason)]
        case .extend(let deadline): [.moveDeadline(deadline)]
        case .award(let chosen, let reason): [.awardApplications(chosen: chosen, reason: reason)]
        case .acceptMilestone(let application, let tranche, _, _):
            [.makeTranchePayable(application: application, tranche: tranche)]
        case .cancel(let reason): [.recordReason(.cancel, reason)]
        case .terminate(let reason): [.recordReason(.terminate, reason)]
        case .approve, .closeApplications, .startReview, .begin, .submitMilestone, .rejectMilestone, .close: []
        }
    }

    /// Every set of parties an actor can hold, the empty one included.
    static let partySets: [Set<Party>] = (0..<(1 << Party.allCases.count)).map { mask in
        Set(Party.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element))
    }

    static func expected(_ state: State, _ event: Event, _ parties: Set<Party>) -> Machine.Outcome {
        guard let allowed = table[state]?[event.name] else { return .refuse(.illegalTransition(state, event.name)) }
        if parties.isEmpty && allowed.contains(.system) { return .refuse(.noStanding) }
        if allowed.isDisjoint(with: parties) {
            return .refuse(.notYourStep(state, event.name, allowedParties: allowed))
        }
        return .move(to: target(state, event), actions: actions(event))
    }

    @Test func theTableHasARowForEveryStateAndAColumnForEveryEvent() {
        let lines = Self.grid.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines[0].dropFirst().map { Self.columns[$0] } == EventName.allCases.map { $0 })
        #expect(lines.dropFirst().map(\.[0]) == State.allCases.map(\.rawValue))
        #expect(Set(Self.letters.values) == Set(Party.allCases))
        let cells = lines.dropFirst().flatMap { $0.dropFirst() }.filter { $0 != "." }
        #expect(cells.allSatisfy { $0.allSatisfy { Self.letters[$0] != nil } }, "an unknown party letter")
        #expect(Set(Self.table.keys) == Set(State.allCases))
        for name in EventName.allCases {
            #expect(!Self.variants(name).isEmpty && Self.variants(name).allSatisfy { $0.name == name }, "\(name)")
        }
    }

    @Test func theEventNamesAreTheWireNames() {
        #expect(
            EventName.allCases.map(\.rawValue) == [
                "submit", "approve", "reject_approval", "close_applications", "extend", "start_review", "award",
                "begin", "submit_milestone", "accept_milestone", "reject_milestone", "close", "cancel", "terminate",
            ])
        // The transitions endpoint takes the events that are not a milestone's.
        #expect(
            ChallengeTransition.Name.allCases.map(\.rawValue)
                == EventName.allCases.map(\.rawValue).filter { !$0.hasSuffix("_milestone") })
    }

    @Test(arguments: State.allCases)
    func everyEventByEverySetOfPartiesFrom(_ state: State) {
        var checked = 0
        for event in Self.events {
            for parties in Self.partySets {
                var machine = Machine(state: state)
                let got = machine.handle(event, by: parties)
                let want = Self.expected(state, event, parties)
                #expect(got == want, "\(state.rawValue) × \(event) × \(parties.map(\.rawValue).sorted())")
                if case .move(let next, _) = got {
                    #expect(machine.state == next)
                } else {
                    #expect(machine.state == state, "a refusal leaves the state as it was")
                }
                checked += 1
            }
        }
        #expect(checked == Self.events.count * 16)
    }

    @Test(arguments: State.allCases)
    func allowedEventsFrom(_ state: State) {
        #expect(
            Machine.allowedEvents(from: state) == (Self.table[state] ?? [:]).keys.sorted { $0.rawValue < $1.rawValue })
    }

    @Test(arguments: State.allCases)
    func refusalsAsClientsSeeThem(_ state: State) {
        for name in EventName.allCases {
            let illegal = Machine.Refusal.illegalTransition(state, name).error
            #expect(illegal.kind == .conflict && illegal.code == "illegal_transition")
            #expect(illegal.details["currentState"] == .string(state.rawValue))
            #expect(illegal.details["event"] == .string(name.rawValue))
            #expect(
                illegal.details["allowedEvents"]
                    == .array((Self.table[state] ?? [:]).keys.map(\.rawValue).sorted().map { .string($0) }))
            guard let allowed = Self.table[state]?[name] else { continue }
            let notYours = Machine.Refusal.notYourStep(state, name, allowedParties: allowed).error
            #expect(notYours.kind == .forbidden && notYours.code == "not_your_step")
            #expect(notYours.details["currentState"] == .string(state.rawValue))
            #expect(notYours.details["allowedParties"] == .array(allowed.map(\.rawValue).sorted().map { .string($0) }))
        }
        #expect(Machine.Refusal.noStanding.error == DomainError.forbidden)
    }

    @Test func theEndsAreFinal() {
        for state in [State.closed, .cancelled, .terminated] {
            #expect(Machine.allowedEvents(from: state).isEmpty)
            for event in Self.events {
                var machine = Machine(state: state)
                #expect(machine.handle(event, by: Party.allCases) == .refuse(.illegalTransition(state, event.name)))
            }
        }
    }

    @Test func everyStateIsReachableFromDraft() {
        var reached: Set<State> = [.draft]
        var frontier: [State] = [.draft]
        while let state = frontier.popLast() {
            for event in Self.events {
                var machine = Machine(state: state)
                if case .move(let next, _) = machine.handle(event, by: Party.allCases), reached.insert(next).inserted {
                    frontier.append(next)
                }
            }
        }
        #expect(reached == Set(State.allCases))
    }

    @Test func aRefusalForTheWrongPartyListsWhoMay() {
        var machine = Machine(state: .awarded)
        guard case .refuse(let refusal) = machine.handle(.begin, by: [.system]) else {
            Issue.record("system began an awarded challenge")
            return
        }
        #expect(refusal.error.code == "not_your_step")
        #expect(
            refusal.error.details["allowedParties"] == .array([.string("admin"), .string("awardee"), .string("owner")]))
    }
}
