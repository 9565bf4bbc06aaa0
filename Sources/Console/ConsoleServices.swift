import AuditLog
import Identity
import Listings
import Matching
import Store
import Vouchers

/// The domain services the console's pages call — the same instances the API uses, so both
/// share caches and every action takes the same audited path.
public struct ConsoleServices: Sendable {
    public var database: AppDatabase
    public var verifier: TokenVerifier
    public var auth: AuthService
    public var organizations: OrganizationService
    public var patents: PatentService
    public var achievements: AchievementService
    public var needs: NeedService
    public var challenges: ChallengeService
    public var search: SearchService
    public var patentImport: PatentImport
    public var matches: MatchService
    public var feedback: FeedbackService
    public var policies: PolicyService
    public var providers: ProviderService
    public var vouchers: VoucherService
    public var redemptions: RedemptionService
    public var settlements: SettlementService
    public var checkpoints: CheckpointService
    public var proofs: ProofService
    public var certifications: CertificationService
    public var receivables: ReceivableService
    public var users: UserService

    public init(
        database: AppDatabase, verifier: TokenVerifier, auth: AuthService, organizations: OrganizationService,
        patents: PatentService, achievements: AchievementService, needs: NeedService, challenges: ChallengeService,
        search: SearchService, patentImport: PatentImport, matches: MatchService, feedback: FeedbackService,
        policies: PolicyService, providers: ProviderService, vouchers: VoucherService, redemptions: RedemptionService,
        settlements: SettlementService, checkpoints: CheckpointService, proofs: ProofService,
        certifications: CertificationService, receivables: ReceivableService, users: UserService
    ) {
        self.database = database
        self.verifier = verifier
        self.auth = auth
        self.organizations = organizations
        self.patents = patents
        self.achievements = achievements
        self.needs = needs
        self.challenges = challenges
        self.search = search
        self.patentImport = patentImport
        self.matches = matches
        self.feedback = feedback
        self.policies = policies
        self.providers = providers
        self.vouchers = vouchers
        self.redemptions = redemptions
        self.settlements = settlements
        self.checkpoints = checkpoints
        self.proofs = proofs
        self.certifications = certifications
        self.receivables = receivables
        self.users = users
    }
}
