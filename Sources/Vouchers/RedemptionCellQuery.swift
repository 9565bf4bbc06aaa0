import Foundation
import GRDB
import Kernel
import Store

extension RedemptionService {
    /// The captured redemptions behind one cell of a period's settlement matrix (issued by one
    /// city, delivered by providers of another), oldest first, as the viewer may read them —
    /// one query, not a page-by-page scan filtered by the caller.
    public func captured(
        issuer: CityCode, providerCity: CityCode, from start: Date, to end: Date, viewer: Actor, limit: Int = 5_000
    ) async throws -> [Redemption] {
        try await database.read { db in
            let documents = try String.fetchAll(
                db,
                sql: """
                    SELECT document FROM voucher_redemptions
                    WHERE issuing_city = ? AND provider_city = ? AND status = 'captured'
                        AND captured_at >= ? AND captured_at < ?
                    ORDER BY captured_at, id LIMIT ?
                    """,
                arguments: [
                    issuer.rawValue, providerCity.rawValue, Timestamp.millis(start), Timestamp.millis(end), limit,
                ])
            return try documents.map { try VoucherCoding.decode(Redemption.self, $0) }.filter {
                Self.canRead(viewer, $0)
            }
        }
    }
}
