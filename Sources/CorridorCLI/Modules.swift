import AuditLog
import Console
import CorridorCrypto
import Deals
import Identity
import Listings
import Matching
import Notifications
import Store
import Vouchers

/// Every module's migrations, in dependency order. New modules add theirs here.
public enum CorridorModules {
    /// `auditHash`: the audit tree's hash for a database created now (an existing one keeps its own).
    public static func migrations(auditHash: DigestAlgorithm = .sha256) -> [ModuleMigrations] {
        [
            AuditLogMigrations.module(hash: auditHash), IdentityMigrations.all, ListingsMigrations.all,
            MatchingMigrations.all, VouchersMigrations.all, DealsMigrations.all, NotificationsMigrations.all,
            ConsolePreferences.migrations,
        ]
    }

    public static let version = "0.1.0"
}
