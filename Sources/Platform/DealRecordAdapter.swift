import Deals
import GRDB
import Matching

/// Matching asks what deals say about candidates; Deals answers. The two sit in one layer and
/// know nothing of each other, so the platform joins them here.
struct DealRecordAdapter: DealRecord {
    func contracts(_ db: Database, organizations: [Int64]) throws -> [Int64: Int] {
        try DealTrackRecord.contracts(db, organizations: organizations)
    }

    func listings(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts] {
        try DealTrackRecord.listings(db, ids: ids).mapValues { DealCounts(contacted: $0.contacted, deals: $0.deals) }
    }

    func organizations(_ db: Database, ids: [Int64]) throws -> [Int64: DealCounts] {
        try DealTrackRecord.organizations(db, ids: ids).mapValues {
            DealCounts(contacted: $0.contacted, deals: $0.deals)
        }
    }
}
