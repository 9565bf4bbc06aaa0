import Identity
import Listings
import Matching
import Store
import Vouchers

/// Every module's migrations, in dependency order. New modules add theirs here.
public enum CorridorModules {
    public static let migrations: [ModuleMigrations] = [IdentityMigrations.all, ListingsMigrations.all, MatchingMigrations.all, VouchersMigrations.all]
    public static let version = "0.1.0"
}
