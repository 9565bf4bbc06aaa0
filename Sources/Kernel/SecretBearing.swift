/// A response that carries a secret shown once (a bearer token). The write path stores its
/// `withoutSecret()` copy for `Idempotency-Key` replays, so no secret sits in the database, its
/// backups or a replayed response.
public protocol SecretBearing {
    /// The same response with every secret removed and a note that it was already shown.
    func withoutSecret() -> Self
}
