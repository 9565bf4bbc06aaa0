import CorridorCrypto
import Hummingbird
import Kernel
import NIOCore
import Platform
import Store
import Vouchers

/// `GET /metrics`: the Prometheus text exposition. With `metrics.token` empty only loopback
/// clients may scrape; with it set, every scraper sends `Authorization: Bearer <token>`.
/// Registered before `AuthMiddleware`, so that token is never taken for a user's.
struct MetricsController {
    let services: AppServices
    let metrics: CorridorMetrics
    let token: String

    func register(on router: Router<AppRequestContext>) {
        router.get("metrics", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard allowed(request, context) else { throw Self.forbidden }
        let (entries, ledger) = try await services.database.read { db in
            (try AuditLogReader.count(db), try LedgerTotals.byCity(db))
        }
        metrics.refresh(auditEntries: entries, ledger: ledger)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
        )
    }

    func allowed(_ request: Request, _ context: AppRequestContext) -> Bool {
        guard !token.isEmpty else { return Self.isLoopback(context.remoteAddress) }
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer "
        else {
            return false
        }
        // Compare digests, so the time taken tells nothing about the token.
        return Digest.sha256(Array(header.dropFirst(7).utf8)) == Digest.sha256(Array(token.utf8))
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }

    static let forbidden = DomainError(
        .forbidden, code: "metrics_forbidden",
        zh: "读取指标需要配置的监控令牌（metrics.token）；未配置令牌时仅限本机访问",
        en:
            "Reading metrics needs the configured metrics token (metrics.token), or a client on this machine when none is configured"
    )
}
