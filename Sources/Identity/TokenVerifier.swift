import Foundation
import Kernel
import Store
import Synchronization

/// Verifies bearer tokens, with a small cache of recent verifications so that an authenticated
/// read costs one hash and one dictionary look-up. Revocations through this process drop the
/// entry at once; a change made by another process is seen within `cacheLifetime`.
public final class TokenVerifier: Sendable {
    private struct Entry {
        var principal: Principal
        var cachedUntil: Date
    }

    private let database: AppDatabase
    private let cacheLifetime: TimeInterval
    private let capacity: Int
    private let cache = Mutex<[Data: Entry]>([:])

    public init(database: AppDatabase, cacheLifetime: TimeInterval = 30, capacity: Int = 50_000) {
        self.database = database
        self.cacheLifetime = cacheLifetime
        self.capacity = capacity
    }

    public func verify(_ token: String) async throws -> Principal {
        guard let hash = TokenStore.hash(ofPresented: token) else { throw DomainError.unauthenticated }
        let now = database.clock.now()
        if let entry = cache.withLock({ $0[hash] }), entry.cachedUntil > now, entry.principal.tokenExpiresAt > now {
            return entry.principal
        }
        guard let principal = try await database.read({ db in try TokenStore.principal(db, hash: hash, now: now) })
        else {
            cache.withLock { _ = $0.removeValue(forKey: hash) }
            throw DomainError.unauthenticated
        }
        cache.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[hash] = Entry(principal: principal, cachedUntil: now.addingTimeInterval(cacheLifetime))
        }
        return principal
    }

    func forget(hash: Data) {
        cache.withLock { _ = $0.removeValue(forKey: hash) }
    }

    /// Drops every cached token of the organisation's people (its verification changed).
    func forget(organizationID: Int64) {
        cache.withLock { cache in cache = cache.filter { $0.value.principal.organizationID != organizationID } }
    }

    /// Drops every cached token of the user (a password change, a disabled account).
    func forget(userID: Int64) {
        cache.withLock { cache in cache = cache.filter { $0.value.principal.userID != userID } }
    }
}
