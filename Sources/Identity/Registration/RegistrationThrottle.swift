import Foundation
import Kernel
import Synchronization

/// At most `limit` registration attempts per client address within `window` (issue 18), so that
/// nobody fills the verification queues or probes credit codes at the speed of the server. The
/// address is the one the HTTP layer set for the request (`LoginThrottle.clientAddress`); the
/// state lives in memory, bounded, and is lost on restart (which only lets a client try sooner).
public final class RegistrationThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let clock: any Kernel.Clock
    private let attempts = Mutex<[String: [Date]]>([:])
    static let capacity = 100_000

    public init(limit: Int = 10, window: TimeInterval = 3_600, clock: any Kernel.Clock) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Counts one attempt from `address`, or throws `registration_rate_limited` (429) with the
    /// seconds to wait. No address (a call from inside the process) is not counted.
    public func take(address: String?) throws {
        guard let address, limit > 0 else { return }
        let now = clock.now()
        let wait: TimeInterval? = attempts.withLock { attempts in
            if attempts.count >= Self.capacity { attempts.removeAll(keepingCapacity: true) }
            var recent = (attempts[address] ?? []).filter { now.timeIntervalSince($0) < window }
            defer { attempts[address] = recent }
            if recent.count >= limit, let oldest = recent.first {
                return window - now.timeIntervalSince(oldest)
            }
            recent.append(now)
            return nil
        }
        if let wait { throw IdentityError.registrationRateLimited(seconds: max(1, Int(wait.rounded(.up)))) }
    }
}
