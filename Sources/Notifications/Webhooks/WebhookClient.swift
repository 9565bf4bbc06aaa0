import AsyncHTTPClient

/// The HTTP client deliveries go out on: one for the process (never shut down, like
/// `HTTPClient.shared`), and it follows no redirect — a receiver answering 3xx to a private
/// address would otherwise make the server call inside its own network.
public enum WebhookClient {
    public static let shared = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
}
