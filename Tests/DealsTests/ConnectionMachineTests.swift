import Kernel
import Testing
@testable import Deals

/// The connection lifecycle against a table from the rules: every status × event × standing.
struct ConnectionMachineTests {
    typealias M = ConnectionMachine

    static func expected(
        _ status: ConnectionStatus, _ event: M.Event, _ role: M.Role
    ) -> Result<
        ConnectionStatus, DomainError
    > {
        let answers: Set<M.Event> = [.accept, .decline, .block]
        switch role {
        case .stranger: return .failure(DealsError.connectionNotFound)
        case .reader: return .failure(DealsError.notAParty)
        case .requester where answers.contains(event): return .failure(DealsError.notTheReceiver)
        case .receiver where event == .withdraw: return .failure(DealsError.notTheRequester)
        default: break
        }
        guard status == .pending else {
            return .failure(DealsError.wrongState("connection", state: status.rawValue, allowed: ["pending"]))
        }
        let next: [M.Event: ConnectionStatus] = [
            .accept: .accepted, .decline: .declined, .block: .blocked, .withdraw: .withdrawn,
        ]
        return .success(next[event]!)
    }

    /// 5 statuses × 4 events × 4 roles = 80 cases.
    @Test(arguments: ConnectionStatus.allCases, M.Role.allCases)
    func everyAnswerFrom(_ status: ConnectionStatus, by role: M.Role) {
        for event in M.Event.allCases {
            #expect(
                M.decide(status, event, by: role) == Self.expected(status, event, role),
                "\(status) × \(event) × \(role)")
        }
    }
}
