import Matching

/// Everything `corridor serve` can be told. Built-in defaults equal `Config/corridor.json` (a
/// test holds them together) and run as-is on a laptop.
public struct ServerConfiguration: Sendable, Equatable {
    public struct HTTP: Sendable, Equatable {
        public var host = "127.0.0.1"
        public var port = 8443
        /// Plain HTTP instead of HTTPS; only when explicitly asked for.
        public var plaintext = false
        /// Largest request body accepted; larger ones get 413 before they are read whole.
        public var bodyLimitBytes = 1_048_576
        public var idleTimeoutSeconds = 60
        /// Largest bulk-import upload (`POST /v1/patents/import`), streamed to a temporary file.
        public var importLimitBytes = 67_108_864
        /// A problem code the operation does not document (openapi.yaml's `x-problem-codes`) is
        /// answered 500 `undocumented_problem_code` instead of being sent: the tests and the API
        /// fuzzer turn this on. Off, such a code is sent and logged as a warning.
        public var checkProblemCodes = false
    }

    public struct TLS: Sendable, Equatable {
        /// PEM certificate chain; empty: a development certificate made in the data folder.
        public var certificateChain = ""
        /// PEM private key; empty with `certificateChain` empty.
        public var privateKey = ""
        /// PEM bundle of certificate authorities trusted for client certificates (mTLS).
        public var clientCA = ""
        /// Refuse clients without a certificate signed by `clientCA`.
        public var requireClientCertificate = false
        /// "1.2" (default) or "1.3".
        public var minimumVersion = "1.2"
    }

    public struct Database: Sendable, Equatable {
        public var dataDir = ".corridor"
        public var busyTimeoutMs = 5_000
        /// How long a read organisation is served from memory; writes here refresh it at once.
        public var readCacheSeconds = 30
    }

    public struct Auth: Sendable, Equatable {
        public var tokenLifetimeSeconds = 43_200
        public var bcryptCost = 10
        public var tokenCacheSeconds = 30
    }

    public struct Idempotency: Sendable, Equatable {
        public var keyLifetimeSeconds = 86_400
    }

    public struct Log: Sendable, Equatable {
        /// "text" or "json" (JSON lines, for production).
        public var format = "text"
        /// trace, debug, info, notice, warning, error, critical.
        public var level = "info"
    }

    public struct VoucherSettings: Sendable, Equatable {
        /// Public-notice period (公示期) of a provider before it is listed.
        public var noticeDays = 7
        /// How often expired vouchers and overdue holds are swept.
        public var sweepSeconds = 60
    }

    public struct AuditSettings: Sendable, Equatable {
        /// The tree's hash, fixed when a database is created: "sha256" or "sm3" (国密).
        public var hash = "sha256"
        /// The checkpoint origin line (a schema-less URL naming this log).
        public var origin = "corridor.local/audit"
        /// The name checkpoint signatures carry; empty: the origin.
        public var keyName = ""
        /// Comma-separated PEM private keys (Ed25519 and/or SM2) that sign checkpoints; empty:
        /// a development Ed25519 key made in the data folder.
        public var signingKeys = ""
        /// How often a checkpoint is made when the log grew.
        public var checkpointSeconds = 60
        /// Comma-separated witness verifier keys (`name+keyid+base64`) whose cosignatures are kept.
        public var witnesses = ""
    }

    public struct MetricsSettings: Sendable, Equatable {
        /// Bearer token a scraper of `/metrics` must send; empty: only loopback clients may scrape.
        public var token = ""
    }

    /// Abuse limits; see README, Operations → Security. 0 turns a rate or a count limit off.
    public struct AbuseLimits: Sendable, Equatable {
        /// Steady requests a minute per bearer token or console session.
        public var requestsPerMinutePerToken = 600
        /// Steady requests a minute per client address (IPv6: per /64).
        public var requestsPerMinutePerAddress = 1_200
        /// Requests a token or an address may make at once before the steady rate applies.
        public var burst = 100
        /// Failed sign-ins for one username within `loginWindowSeconds` that lock it.
        public var loginFailures = 5
        /// Failed sign-ins from one address within `loginWindowSeconds` that lock it.
        public var loginFailuresPerAddress = 50
        public var loginWindowSeconds = 900
        /// The first sign-in lockout; each further one doubles (up to 64 times this).
        public var lockoutSeconds = 60
        /// Largest request head (header fields); larger ones get 431.
        public var maxHeaderBytes = 16_384
        /// Open connections at most; further ones wait in the listen backlog.
        public var maxConnections = 1_000
        /// Open connections at most from one client address (IPv6: per /64); more are closed at
        /// once, so one client cannot take every connection.
        public var maxConnectionsPerAddress = 64
        /// Time from a connection's first byte (or from the start of a new request) to its complete head.
        public var requestHeadTimeoutSeconds = 10
        /// A request body must be complete within `bodyGraceSeconds`, plus one second for every
        /// `minBodyBytesPerSecond` bytes received; a slower one gets 408 and is closed (0: off).
        public var minBodyBytesPerSecond = 500
        public var bodyGraceSeconds = 10
    }

    /// Organisations' webhooks (issue 17): the server's webhook key and how deliveries are tried.
    public struct WebhookSettings: Sendable, Equatable {
        /// A file holding the server's webhook key as hex (at least 32 bytes); signing keys are
        /// derived from it, so the database holds no secret. Empty: a development key made as
        /// `<dataDir>/webhook-key` (0600).
        public var keyFile = ""
        /// Plain http and private, loopback or link-local targets, at registration and delivery:
        /// only for tests against a receiver on loopback.
        public var allowPrivateTargets = false
        /// How often due deliveries are attempted.
        public var deliverySeconds = 5
        /// A delivery still failing this long after its event is given up (an administrator may redeliver).
        public var giveUpSeconds = 259_200
        /// How long one attempt may take.
        public var timeoutSeconds = 10
    }

    /// Notifications (issue 17). Off: writes record no events and nothing is delivered or
    /// evaluated (inbox, e-mail, webhooks, saved searches, match subscriptions): for measuring
    /// what notifications cost, or a deployment that tells nobody anything.
    public struct NotificationSettings: Sendable, Equatable {
        public var enabled = true
    }

    /// Outgoing e-mail (issue 18: invitations and password resets). No host: nothing is mailed,
    /// and an invitation's link is shown once to the inviter instead.
    public struct MailSettings: Sendable, Equatable {
        public var host = ""
        public var port = 587
        /// The sender address.
        public var from = "corridor@localhost"
        /// `starttls` (refused if the relay does not offer it) or `none` (a relay on this machine).
        public var security = "starttls"
        /// A PEM file of roots to trust instead of the system's (a private relay's CA).
        public var trustRootsFile = ""
        /// Where links in mail point: the console's origin as people reach it.
        public var linkBase = "https://127.0.0.1:8443"
        /// How often queued notification e-mail is sent when due.
        public var deliverySeconds = 5
    }

    /// Account security (issue 18).
    public struct SecuritySettings: Sendable, Equatable {
        /// City administrators, settlement approvers and platform administrators must use
        /// one-time passwords: until they enrol, their sessions may only enrol.
        public var requireTOTPForStaff = true
    }

    public struct Seeds: Sendable, Equatable {
        public var directory = "Seeds"
        /// Load the seeds into a database the first time it is created.
        public var loadOnCreate = true
        /// Load the demo listings (Seeds/listings/) too.
        public var listings = true
    }

    public var http = HTTP()
    public var tls = TLS()
    public var database = Database()
    public var auth = Auth()
    public var idempotency = Idempotency()
    public var log = Log()
    public var seeds = Seeds()
    /// Ranking weights (thousandths of the score) and depths; see Sources/Matching/README.md.
    public var matching = MatchWeights()
    public var vouchers = VoucherSettings()
    public var audit = AuditSettings()
    public var limits = AbuseLimits()
    public var metrics = MetricsSettings()
    public var webhooks = WebhookSettings()
    public var mail = MailSettings()
    public var notifications = NotificationSettings()
    public var security = SecuritySettings()

    public init() {}
}
