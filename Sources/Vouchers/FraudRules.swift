import Foundation
import GRDB
import Identity
import Kernel

/// When a redemption needs the issuing city's review before capture. The parameters are policy
/// settings (`VoucherPolicy.fraudRules`); these are the defaults.
public struct FraudRules: Codable, Sendable, Equatable {
    /// One provider's share (thousandths) of the money an enterprise has put into redemptions
    /// within the window, cancelled ones included, above which a redemption is flagged…
    public var maxProviderSharePermille = 600
    /// …once the enterprise has at least this many redemptions in the window.
    public var minimumForShare = 3
    public var concentrationWindowDays = 365
    /// Contract values that decide the procedure (fen); a pair of parties whose contracts
    /// within the splitting window add up across one, each below it, is flagged.
    public var thresholdsFen: [Int64] = [10_000_000, 50_000_000, 100_000_000]
    public var splittingWindowDays = 90
    /// "Just under" a threshold: within this share (thousandths) below it…
    public var nearBelowPermille = 50
    /// …repeated this many times among the enterprise's earlier contracts.
    public var nearRepeat = 2
    /// At most this many of the enterprise's latest redemptions in the window are weighed.
    static let lookBack = 1_000

    /// The enterprise's latest redemptions in the window: how many, their value, and the value
    /// with one provider (read from `voucher_redemptions_enterprise_recent` alone).
    static let concentrationSQL = """
        SELECT count(*) AS n, coalesce(sum(contract_fen), 0) AS total,
            coalesce(sum(CASE WHEN provider_org_id = ? THEN contract_fen ELSE 0 END), 0) AS same
        FROM (SELECT provider_org_id, contract_fen FROM voucher_redemptions
              WHERE enterprise_org_id = ? AND created_at >= ? AND id <> ? ORDER BY created_at DESC LIMIT ?)
        """

    /// The pair's other contracts in the window (read from `voucher_contracts_pair` alone).
    static let splittingSQL = """
        SELECT coalesce(sum(contract_fen), 0) FROM voucher_contracts
        WHERE enterprise_org_id = ? AND provider_org_id = ? AND created_at >= ? AND id <> ?
        """

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FraudRules()
        maxProviderSharePermille =
            try c.decodeIfPresent(Int.self, forKey: .maxProviderSharePermille) ?? d.maxProviderSharePermille
        minimumForShare = try c.decodeIfPresent(Int.self, forKey: .minimumForShare) ?? d.minimumForShare
        concentrationWindowDays =
            try c.decodeIfPresent(Int.self, forKey: .concentrationWindowDays) ?? d.concentrationWindowDays
        thresholdsFen = try c.decodeIfPresent([Int64].self, forKey: .thresholdsFen) ?? d.thresholdsFen
        splittingWindowDays = try c.decodeIfPresent(Int.self, forKey: .splittingWindowDays) ?? d.splittingWindowDays
        nearBelowPermille = try c.decodeIfPresent(Int.self, forKey: .nearBelowPermille) ?? d.nearBelowPermille
        nearRepeat = try c.decodeIfPresent(Int.self, forKey: .nearRepeat) ?? d.nearRepeat
    }

    func validated() throws {
        func check(_ ok: Bool, _ field: String, _ range: String) throws {
            guard ok else {
                throw VoucherError.fraudRuleOutOfRange(field, range: range)
            }
        }
        try check((1...1_000).contains(maxProviderSharePermille), "maxProviderSharePermille", "1–1000")
        try check((1...1_000).contains(minimumForShare), "minimumForShare", "1–1000")
        try check((1...1_096).contains(concentrationWindowDays), "concentrationWindowDays", "1–1096")
        try check((1...1_096).contains(splittingWindowDays), "splittingWindowDays", "1–1096")
        try check((0...500).contains(nearBelowPermille), "nearBelowPermille", "0–500")
        try check((1...100).contains(nearRepeat), "nearRepeat", "1–100")
        try check(
            thresholdsFen.count <= 10 && thresholdsFen.allSatisfy { (1...1_000_000_000_000).contains($0) },
            "thresholdsFen", "1 fen–¥10 billion, at most 10")
    }

    /// What is being judged: a redemption about to be opened (id 0) or one being re-judged at
    /// confirmation and acceptance (its own row and contract left out of the look-backs).
    struct Subject {
        var enterprise: Organization
        var provider: Organization
        var contractFen: Int64
        var redemptionID: Int64 = 0
        var contractID: Int64 = 0
    }

    /// The reasons to flag (empty: none). Related parties: contact details the two share now or
    /// ever shared (compared as fingerprints), or a relation either side or a city declared.
    func flags(_ db: Database, _ subject: Subject, now: Date) throws -> [String] {
        var flags: [String] = []
        let (enterprise, provider) = (subject.enterprise, subject.provider)
        if try !ContactHistory.shared(db, enterprise.id, provider.id).isEmpty
            || RelationService.link(db, enterprise, provider) != nil
        {
            flags.append("related_parties")
        }
        let since = Timestamp.millis(now.addingTimeInterval(-TimeInterval(concentrationWindowDays) * 86_400))
        // The enterprise's latest `lookBack` redemptions within the window: the check costs the
        // same for an enterprise with ten redemptions a year or a hundred thousand.
        let spent = try Row.fetchOne(
            db.cachedStatement(sql: Self.concentrationSQL),
            arguments: [provider.id, enterprise.id, since, subject.redemptionID, Self.lookBack]
        )
        let count = (spent?["n"] as Int64? ?? 0) + 1
        let total = (spent?["total"] as Int64? ?? 0) + subject.contractFen
        let same = (spent?["same"] as Int64? ?? 0) + subject.contractFen
        // At most 1,001 contracts of at most ¥10 billion each: × 1,000 stays far inside Int64.
        if count >= Int64(minimumForShare), same * 1_000 > total * Int64(maxProviderSharePermille) {
            flags.append("provider_concentration")
        }
        if try splits(db, subject, now: now) || nearRepeats(db, subject) { flags.append("threshold_splitting") }
        return flags
    }

    /// The pair's other contracts in the window and this one add up across a threshold that
    /// this one alone stays under.
    func splits(_ db: Database, _ subject: Subject, now: Date) throws -> Bool {
        let since = Timestamp.millis(now.addingTimeInterval(-TimeInterval(splittingWindowDays) * 86_400))
        let prior =
            try Int64.fetchOne(
                db.cachedStatement(sql: Self.splittingSQL),
                arguments: [subject.enterprise.id, subject.provider.id, since, subject.contractID]
            ) ?? 0
        guard prior > 0 else { return false }
        return thresholdsFen.contains { threshold in
            subject.contractFen < threshold && prior < threshold && prior + subject.contractFen >= threshold
        }
    }

    /// Contracts just under a threshold, again and again.
    func nearRepeats(_ db: Database, _ subject: Subject) throws -> Bool {
        guard isNearThreshold(subject.contractFen) else { return false }
        let earlier = try Int64.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT contract_fen FROM voucher_redemptions WHERE enterprise_org_id = ? AND id <> ? ORDER BY id DESC LIMIT 50"
            ),
            arguments: [subject.enterprise.id, subject.redemptionID]
        ).filter(isNearThreshold).count
        return earlier >= nearRepeat
    }

    func isNearThreshold(_ value: Int64) -> Bool {
        thresholdsFen.contains { threshold in
            value < threshold && value * 1_000 >= threshold * Int64(1_000 - nearBelowPermille)
        }
    }
}
