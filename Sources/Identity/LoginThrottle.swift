import Foundation
import Kernel
import Synchronization

/// Refuses sign-in attempts for a while after repeated failures, per (username, client address)
/// and per client address, so that passwords cannot be guessed at the speed of the server — and
/// a stranger who knows a user name cannot lock its owner out: the owner's own address has its
/// own count. The first lockout
/// lasts `lockout`; each further one doubles it (up to `maximumLockout`) until a success for the
/// username, or until nothing happened for `window` after the last lockout ended. The state lives
/// in memory, bounded to `capacity` keys; it is lost on restart, which only ever lets a client
/// try again sooner.
public final class LoginThrottle: Sendable {
    public struct Policy: Sendable, Equatable {
        /// Failed sign-ins for one username within `window` that lock it (0: never).
        public var failuresPerUsername: Int
        /// Failed sign-ins from one address within `window` that lock it (0: never).
        public var failuresPerAddress: Int
        public var window: TimeInterval
        /// The first lockout; each further one doubles.
        public var lockout: TimeInterval
        /// The longest lockout.
        public var maximumLockout: TimeInterval

        public init(
            failuresPerUsername: Int, failuresPerAddress: Int, window: TimeInterval, lockout: TimeInterval,
            maximumLockout: TimeInterval? = nil
        ) {
            self.failuresPerUsername = failuresPerUsername
            self.failuresPerAddress = failuresPerAddress
            self.window = window
            self.lockout = lockout
            self.maximumLockout = maximumLockout ?? lockout * 64
        }

        public static let standard = Policy(failuresPerUsername: 5, failuresPerAddress: 50, window: 900, lockout: 60)
    }

    /// The client address of the request being served (set by the HTTP layer), so that every
    /// sign-in path (the API and the console) is throttled per address without passing it along.
    @TaskLocal public static var clientAddress: String?

    /// Keys kept at most; beyond, expired ones are dropped first, then arbitrary ones.
    public static let capacity = 100_000

    private enum Key: Hashable {
        /// One account from one address ("" when the address is unknown).
        case account(String, String)
        case address(String)
    }

    private struct Entry {
        var failures = 0
        var windowStart: Date
        /// Lockouts so far: the next one lasts lockout × 2^strikes.
        var strikes = 0
        var lockedUntil: Date?
        /// When the entry last mattered: the last failure or the end of the last lockout.
        var lastEvent: Date
    }

    public let policy: Policy
    private let clock: any Kernel.Clock
    private let entries = Mutex<[Key: Entry]>([:])

    public init(policy: Policy, clock: any Kernel.Clock) {
        self.policy = policy
        self.clock = clock
    }

    /// Throws `login_locked` (429, with the seconds to wait) while the username or the address is locked.
    public func check(username: String?, address: String?) throws {
        let now = clock.now()
        let wait = entries.withLock { entries in
            keys(username: username, address: address).compactMap { key -> TimeInterval? in
                guard let until = entries[key]?.lockedUntil, until > now else { return nil }
                return until.timeIntervalSince(now)
            }.max()
        }
        if let wait { throw Self.locked(seconds: Int(wait.rounded(.up))) }
    }

    /// Counts a failed attempt; may lock the account for this address, or the address. Returns
    /// the lockout (seconds) the account just got from this address, if it got one (to report).
    @discardableResult
    public func failed(username: String?, address: String?) -> TimeInterval? {
        let now = clock.now()
        return entries.withLock { entries in
            var locked: TimeInterval?
            if let username, policy.failuresPerUsername > 0 {
                locked = record(
                    .account(username, address ?? ""), threshold: policy.failuresPerUsername, now: now, in: &entries)
            }
            if let address, policy.failuresPerAddress > 0 {
                record(.address(address), threshold: policy.failuresPerAddress, now: now, in: &entries)
            }
            return locked
        }
    }

    /// A successful sign-in clears the account's failures and lockout history from that address.
    /// The address keeps its count: otherwise one valid account would let its owner guess others'
    /// passwords forever.
    public func succeeded(username: String, address: String? = nil) {
        _ = entries.withLock { $0.removeValue(forKey: .account(username, address ?? "")) }
    }

    /// Seconds the account still waits from that address (tests, diagnostics); nil when not locked.
    public func remainingLockout(username: String, address: String? = nil) -> TimeInterval? {
        let now = clock.now()
        return entries.withLock { entries in
            entries[.account(username, address ?? "")]?.lockedUntil.map { $0.timeIntervalSince(now) }.flatMap {
                $0 > 0 ? $0 : nil
            }
        }
    }

    static func locked(seconds: Int) -> DomainError {
        IdentityError.loginLocked(seconds: max(1, seconds))
    }

    private func keys(username: String?, address: String?) -> [Key] {
        (username.map { [Key.account($0, address ?? "")] } ?? []) + (address.map { [Key.address($0)] } ?? [])
    }

    @discardableResult
    private func record(_ key: Key, threshold: Int, now: Date, in entries: inout [Key: Entry]) -> TimeInterval? {
        var entry = entries[key] ?? Entry(windowStart: now, lastEvent: now)
        if let until = entry.lockedUntil, until > now { return nil }  // refused before a password was checked
        var locked: TimeInterval?
        if now.timeIntervalSince(entry.lastEvent) > policy.window {
            entry = Entry(windowStart: now, lastEvent: now)
        }
        if now.timeIntervalSince(entry.windowStart) > policy.window {
            entry.failures = 0
            entry.windowStart = now
        }
        entry.failures += 1
        entry.lastEvent = now
        if entry.failures >= threshold {
            let delay = min(policy.maximumLockout, policy.lockout * pow(2, Double(min(entry.strikes, 30))))
            entry.strikes += 1
            entry.failures = 0
            entry.lockedUntil = now.addingTimeInterval(delay)
            entry.windowStart = now.addingTimeInterval(delay)
            entry.lastEvent = now.addingTimeInterval(delay)
            locked = delay
        }
        if entries[key] == nil, entries.count >= Self.capacity { evict(now: now, from: &entries) }
        entries[key] = entry
        return locked
    }

    /// Drops the entries that no longer matter; if too few, arbitrary ones down to 90 %.
    private func evict(now: Date, from entries: inout [Key: Entry]) {
        let window = policy.window
        entries = entries.filter { _, entry in
            (entry.lockedUntil.map { $0 > now } ?? false) || now.timeIntervalSince(entry.lastEvent) <= window
        }
        let target = Self.capacity * 9 / 10
        if entries.count > target {
            for key in Array(entries.keys.prefix(entries.count - target)) { entries.removeValue(forKey: key) }
        }
    }
}
