import Foundation
import GRDB
import Kernel

/// The status changes a technology contract makes to listings (issue 16), for Deals to call
/// with its own `Database` inside its audited write, so that the listing and the contract change
/// in one transaction and Deals never writes the `listings` table. Each returns whether it
/// changed anything; a listing not in the state a step starts from is left as it is.
public enum ListingDealTransitions {
    /// A draft contract names it: listed → under negotiation (patents and achievements).
    public static func markUnderNegotiation(_ db: Database, id: Int64, now: Date) throws -> Bool {
        try supply(db, id: id, now: now, from: [.listed], to: .underNegotiation)
    }

    /// No live contract names it any longer: under negotiation → listed.
    public static func releaseNegotiation(_ db: Database, id: Int64, now: Date) throws -> Bool {
        try supply(db, id: id, now: now, from: [.underNegotiation], to: .listed)
    }

    /// A transfer or exclusive-licence contract naming it completed: listed or under
    /// negotiation → transferred.
    public static func markTransferred(_ db: Database, id: Int64, now: Date) throws -> Bool {
        try supply(db, id: id, now: now, from: [.listed, .underNegotiation], to: .transferred)
    }

    /// A contract for the need was signed: open or in talks → closed (its owner may reopen it).
    public static func closeNeed(_ db: Database, id: Int64, now: Date) throws -> Bool {
        guard let old = try ListingStore.find(db, Need.self, id: id), old.status == .open || old.status == .inTalks
        else { return false }
        var next = old
        next.status = .closed
        try save(db, old: old, next: &next, now: now)
        return true
    }

    private static func supply(
        _ db: Database, id: Int64, now: Date, from: Set<SupplyStatus>, to status: SupplyStatus
    ) throws -> Bool {
        if let old = try ListingStore.find(db, Patent.self, id: id) {
            guard from.contains(old.status) else { return false }
            var next = old
            next.status = status
            try save(db, old: old, next: &next, now: now)
            return true
        }
        if let old = try ListingStore.find(db, Achievement.self, id: id) {
            guard from.contains(old.status) else { return false }
            var next = old
            next.status = status
            try save(db, old: old, next: &next, now: now)
            return true
        }
        return false
    }

    private static func save<Document: ListingDocument>(
        _ db: Database, old: Document, next: inout Document, now: Date
    ) throws {
        next.version = old.version + 1
        next.updatedAt = now
        try ListingStore.update(db, old: old, new: next)
    }
}
