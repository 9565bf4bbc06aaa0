import Console
import HTTPAPI
import Hummingbird

/// The console on the API's router: the same service instances, its own pages.
enum ConsoleSetup {
    static func services(_ api: APIServices) -> ConsoleServices {
        ConsoleServices(
            database: api.database, verifier: api.verifier, auth: api.auth, organizations: api.organizations,
            patents: api.patents, achievements: api.achievements, needs: api.needs, challenges: api.challenges,
            search: api.search, patentImport: api.patentImport, matches: api.matches, feedback: api.feedback,
            policies: api.policies, providers: api.providers, vouchers: api.vouchers, redemptions: api.redemptions,
            settlements: api.settlements, checkpoints: api.checkpoints, proofs: api.proofs,
            certifications: api.certifications, receivables: api.receivables, users: api.users
        )
    }

    /// Routes to add to the router; cookies are `Secure` unless the server speaks plain HTTP.
    static func routes(
        _ api: APIServices, configuration: ServerConfiguration
    ) async throws -> (Router<AppRequestContext>) -> Void {
        let console = ConsoleRoutes(
            services: services(api), renderer: try await Renderer.load(), secureCookies: !configuration.http.plaintext
        )
        return { router in console.register(on: router) }
    }
}
