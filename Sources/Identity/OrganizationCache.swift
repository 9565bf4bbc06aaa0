import Foundation
import Kernel
import Synchronization

/// Recently read organisations, so the hottest read of the API skips the database. Writes in
/// this process put the new version in at once; a newer version is never replaced by an older
/// one read concurrently; changes made by another process are seen within `lifetime`.
final class OrganizationCache: Sendable {
    private struct Entry {
        var organization: Organization
        var cachedUntil: Date
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    private let lifetime: TimeInterval
    private let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func get(_ id: Int64, now: Date) -> Organization? {
        guard lifetime > 0 else { return nil }
        return entries.withLock { entries in
            guard let entry = entries[id], entry.cachedUntil > now else { return nil }
            return entry.organization
        }
    }

    func put(_ organization: Organization, now: Date) {
        guard lifetime > 0 else { return }
        entries.withLock { entries in
            if let existing = entries[organization.id], existing.organization.version > organization.version { return }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[organization.id] = Entry(organization: organization, cachedUntil: now.addingTimeInterval(lifetime))
        }
    }
}
