import Foundation
import GRDB
import Identity
import Kernel
import Store

extension ProviderService {
    /// The providers a voucher's policy accepts, for its holder choosing one to redeem with: listed
    /// as of now, in one of the policy's provider cities, registered for at least one category the
    /// policy covers (and for `category` when given), never the holder itself — the same rules
    /// `RedemptionService.open` enforces. Whoever may not spend the voucher gets
    /// `voucher_not_found` or `forbidden`, as opening a redemption would.
    public func accepted(
        forVoucher id: Int64, category: ServiceCategory? = nil, viewer: Actor
    ) async throws -> [Provider] {
        let now = database.clock.now()
        return try await database.read { db in
            guard let voucher = try VoucherService.voucher(db, id: id, totals: false),
                VoucherService.canRead(viewer, voucher)
            else { throw VoucherError.voucherNotFound }
            try Authorization.check(
                viewer, .voucherApply,
                on: AccessTarget(organizationID: voucher.enterpriseOrganizationId, city: voucher.city))
            guard let policy = try PolicyService.find(db, id: voucher.policyId) else {
                throw VoucherError.policyNotFound
            }
            let covered = Set(policy.categories.map(\.category))
            let wanted: Set<ServiceCategory> = category.map { covered.contains($0) ? [$0] : [] } ?? covered
            let cities = policy.providerCities.map(\.rawValue)
            let documents = try String.fetchAll(
                db,
                sql: """
                    SELECT document FROM voucher_providers
                    WHERE city IN (\(cities.map { _ in "?" }.joined(separator: ","))) AND org_id != ?
                    ORDER BY id
                    """,
                arguments: StatementArguments(cities) + [voucher.enterpriseOrganizationId])
            return try documents.map { try VoucherCoding.decode(Provider.self, $0).effective(at: now) }
                .filter { $0.status == .listed && !wanted.isDisjoint(with: $0.categories) }
                .map { Self.shown($0, to: viewer) }
        }
    }
}
