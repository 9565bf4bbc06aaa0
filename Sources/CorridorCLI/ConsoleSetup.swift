import Console
import HTTPAPI
import Hummingbird
import Platform

/// The console on the API's router: the same service instances, its own pages.
enum ConsoleSetup {
    /// Routes to add to the router; cookies are `Secure` unless the server speaks plain HTTP.
    static func routes(
        _ api: AppServices, configuration: ServerConfiguration
    ) async throws -> (Router<AppRequestContext>) -> Void {
        let console = ConsoleRoutes(
            services: api, renderer: try await Renderer.load(), secureCookies: !configuration.http.plaintext
        )
        return { router in console.register(on: router) }
    }
}
