import Foundation
import GRDB
import Identity
import Kernel

/// When a redemption needs the issuing city's review before capture.
public struct FraudRules: Sendable, Equatable {
    /// One enterprise's redemptions with one provider above this share (thousandths) of its
    /// redemptions, counted once it has at least `minimumForShare`.
    public var maxProviderSharePermille = 600
    public var minimumForShare = 3
    /// Contract values just under these (in fen) are suspicious when they repeat.
    public var thresholdsFen: [Int64] = [10_000_000, 50_000_000, 100_000_000]
    /// "Just under": within this share (thousandths) below a threshold.
    public var nearBelowPermille = 50
    /// How many earlier contracts of the enterprise just under a threshold make it a pattern.
    public var nearRepeat = 2
    /// How many of the enterprise's latest redemptions the concentration rule looks at.
    static let window = 200

    public init() {}

    /// The reasons to flag a new redemption (empty: none). Related parties: shared contact
    /// details, or a relation either side declared (`RelationService.link`: a related party,
    /// the same controlling holder, one the other's holder).
    func flags(_ db: Database, enterprise: Organization, provider: Organization, contractFen: Int64) throws -> [String] {
        var flags: [String] = []
        let shared = [
            (enterprise.contact.phone, provider.contact.phone), (enterprise.contact.email, provider.contact.email),
            (enterprise.contact.address, provider.contact.address),
        ].contains { pair in
            guard let a = pair.0?.trimmingCharacters(in: .whitespaces).lowercased(), !a.isEmpty else { return false }
            return a == pair.1?.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if try shared || RelationService.link(db, enterprise, provider) != nil { flags.append("related_parties") }
        // Concentration over the enterprise's latest redemptions (a bounded window, so the check
        // costs the same for an enterprise with ten redemptions or ten thousand).
        let recent = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT provider_org_id, status FROM voucher_redemptions WHERE enterprise_org_id = ?
                ORDER BY id DESC LIMIT ?
                """),
            arguments: [enterprise.id, Self.window]
        ).filter { !["cancelled", "released", "rejected"].contains($0["status"] as String) }
        let total = Int64(recent.count) + 1
        let same = Int64(recent.filter { ($0["provider_org_id"] as Int64) == provider.id }.count) + 1
        if total >= Int64(minimumForShare), same * 1_000 > total * Int64(maxProviderSharePermille) {
            flags.append("provider_concentration")
        }
        if isNearThreshold(contractFen) {
            let earlier = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT contract_fen FROM voucher_redemptions WHERE enterprise_org_id = ? ORDER BY id DESC LIMIT 50"),
                arguments: [enterprise.id]
            ).filter(isNearThreshold).count
            if earlier >= nearRepeat { flags.append("threshold_splitting") }
        }
        return flags
    }

    func isNearThreshold(_ value: Int64) -> Bool {
        thresholdsFen.contains { threshold in
            value < threshold && value * 1_000 >= threshold * Int64(1_000 - nearBelowPermille)
        }
    }
}
