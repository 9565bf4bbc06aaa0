import AuditLog
import CorridorCrypto
import Deals
import Foundation
import Identity
import Kernel
import Listings
import Matching
import Notifications
import Store
import Vouchers

/// The domain services the routes call, built once from the database and configuration.
public struct AppServices: Sendable {
    public let database: AppDatabase
    public let verifier: TokenVerifier
    public let organizations: OrganizationService
    public let relations: RelationService
    public let users: UserService
    public let auth: AuthService
    public let invitations: InvitationService
    /// Mails invitations and reset links (nothing without `mail.host`).
    public let accountMail: AccountMailer
    public let reference: ReferenceService
    public let patents: PatentService
    public let achievements: AchievementService
    public let needs: NeedService
    public let challenges: ChallengeService
    public let search: SearchService
    public let patentImport: PatentImport
    public let matches: MatchService
    public let feedback: FeedbackService
    public let policies: PolicyService
    public let providers: ProviderService
    public let vouchers: VoucherService
    public let redemptions: RedemptionService
    public let settlements: SettlementService
    public let receivables: ReceivableService
    public let certifications: CertificationService
    public let registrations: RegistrationService
    public let connections: ConnectionService
    public let threads: ThreadService
    public let contracts: ContractService
    public let contractStatistics: ContractStatistics
    public let inbox: InboxService
    public let savedSearches: SavedSearchService
    public let savedSearchEvaluation: SavedSearchEvaluation
    public let matchSubscriptions: MatchSubscriptionService
    public let matchSubscriptionEvaluation: MatchSubscriptionEvaluation
    public let outboxDrain: OutboxDrain
    public let webhooks: WebhookService
    public let preferences: PreferenceService
    public let webhookDeliveries: WebhookDeliveries
    /// Signs the one-click unsubscribe links of notification e-mail (derived from the webhook key).
    public let unsubscribeKey: [UInt8]
    /// Queues notification e-mail as preferences say (only when a relay is configured).
    public let mailFanOut: MailFanOut

    public let checkpoints: CheckpointService
    public let proofs: ProofService

    /// `auditSigning`: the checkpoint signers and witnesses (the command line loads them from
    /// the configured key files); nil signs with a key made for this process only (tests).
    /// `webhookKey`: the server's webhook key (the command line reads `webhooks.keyFile` or the
    /// development key); nil: a key made for this process only (tests). The key that seals TOTP
    /// secrets is derived from it too (HMAC with its own label).
    public init(
        database: AppDatabase, configuration: ServerConfiguration, auditSigning: AuditSigning? = nil,
        webhookKey: [UInt8]? = nil
    ) throws {
        self.database = database
        checkpoints = CheckpointService(
            database: database, signing: try auditSigning ?? Self.ephemeralSigning(configuration.audit))
        proofs = ProofService(database: database)
        let passwords = Passwords(cost: UInt8(configuration.auth.bcryptCost))
        verifier = TokenVerifier(database: database, cacheLifetime: Double(configuration.auth.tokenCacheSeconds))
        organizations = OrganizationService(
            database: database, cacheLifetime: Double(configuration.database.readCacheSeconds)
        )
        relations = RelationService(database: database)
        users = UserService(database: database, passwords: passwords)
        auth = AuthService(
            database: database, passwords: passwords, verifier: verifier,
            sessionLifetime: Double(configuration.auth.tokenLifetimeSeconds),
            throttle: LoginThrottle(policy: configuration.limits.loginPolicy, clock: database.clock),
            security: AccountSecuritySettings(
                serverKey: webhookKey, requireTOTPForStaff: configuration.security.requireTOTPForStaff)
        )
        invitations = InvitationService(database: database, passwords: passwords)
        accountMail = AccountMailer(configuration.mail)
        reference = ReferenceService(database: database)
        patents = PatentService(database: database)
        achievements = AchievementService(database: database)
        needs = NeedService(database: database)
        challenges = ChallengeService(database: database)
        search = SearchService(database: database)
        patentImport = PatentImport(database: database)
        matches = MatchService(database: database, weights: configuration.matching, deals: DealRecordAdapter())
        feedback = FeedbackService(database: database)
        policies = PolicyService(database: database)
        providers = ProviderService(database: database, noticeDays: configuration.vouchers.noticeDays)
        vouchers = VoucherService(database: database)
        redemptions = RedemptionService(database: database, contracts: VoucherContractRegistry())
        settlements = SettlementService(database: database)
        receivables = ReceivableService(database: database)
        certifications = CertificationService(database: database)
        registrations = RegistrationService(
            database: database, passwords: passwords, verifier: verifier, organizations: organizations,
            documents: RegistrationDocumentStore(
                folder: URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("registrations")))
        connections = ConnectionService(database: database)
        threads = ThreadService(
            database: database,
            attachments: AttachmentStore(
                folder: URL(fileURLWithPath: configuration.database.dataDir).appendingPathComponent("attachments")))
        contracts = ContractService(database: database)
        contractStatistics = ContractStatistics(database: database)
        inbox = InboxService(database: database)
        savedSearches = SavedSearchService(database: database, search: search)
        savedSearchEvaluation = SavedSearchEvaluation(database: database)
        matchSubscriptions = MatchSubscriptionService(database: database)
        matchSubscriptionEvaluation = MatchSubscriptionEvaluation(database: database, matches: matches)
        outboxDrain = OutboxDrain(database: database)
        let serverKey = webhookKey ?? SecureRandom.bytes(32)
        let webhookSettings = Self.webhookSettings(configuration.webhooks, key: serverKey)
        unsubscribeKey = HMAC.sha256(key: serverKey, message: "corridor mail unsubscribe v1")
        webhooks = WebhookService(database: database, settings: webhookSettings)
        preferences = PreferenceService(database: database)
        webhookDeliveries = WebhookDeliveries(database: database, settings: webhookSettings)
        mailFanOut = MailFanOut(database: database, queues: accountMail.sends)
    }

    /// Sends queued notification e-mail through the configured relay, in the words `title`
    /// gives each kind of event; nil without a relay (`mail.host`).
    public func notificationMail(
        title: @escaping @Sendable (String) -> (zh: String, en: String),
        link: @escaping @Sendable (String, String) -> String? = { _, _ in nil }
    ) -> MailDelivery? {
        guard let client = accountMail.client, let from = try? MailAddress(accountMail.from, name: "光谷科创大走廊")
        else { return nil }
        let settings = MailSettings(
            from: from, publicBase: accountMail.linkBase, unsubscribeKey: unsubscribeKey, title: title, link: link)
        return MailDelivery(database: database, settings: settings, transport: client)
    }

    static func webhookSettings(_ settings: ServerConfiguration.WebhookSettings, key: [UInt8]) -> WebhookSettings {
        WebhookSettings(
            masterKey: key, allowPrivateTargets: settings.allowPrivateTargets,
            giveUpAfter: TimeInterval(settings.giveUpSeconds), timeout: TimeInterval(settings.timeoutSeconds))
    }

    static func ephemeralSigning(_ settings: ServerConfiguration.AuditSettings) throws -> AuditSigning {
        let name = settings.keyName.isEmpty ? settings.origin : settings.keyName
        return AuditSigning(
            origin: settings.origin, signers: [try NoteSigner(name: name, key: try SigningKey.generate(.ed25519))])
    }
}
