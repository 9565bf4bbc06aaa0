import Foundation
import Hummingbird
import NIOCore
import Platform
import Platform

/// The web console under `/console` (and `/` redirecting there): server-rendered pages over the
/// same domain services as the API.
public struct ConsoleRoutes: Sendable {
    let site: Site

    /// `secureCookies`: mark cookies `Secure` (false only for plain-HTTP tests).
    public init(services: AppServices, renderer: Renderer, secureCookies: Bool = true) {
        site = Site(services: services, renderer: renderer, secureCookies: secureCookies)
    }

    public func register(on router: Router<AppRequestContext>) {
        router.get("/") { _, _ in site.redirect("/console") }
        let console = router.group("console").add(middleware: SessionMiddleware(verifier: site.services.verifier))
        console.get("assets/:name") { request, context in
            guard let name = context.parameters.get("name"), let asset = site.renderer.assets[name] else {
                return Response(status: .notFound)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: asset.type, .cacheControl: "public, max-age=3600",
                    .init("X-Content-Type-Options")!: "nosniff",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes))
            )
        }
        SessionPages(site: site).register(on: console)
        UnsubscribePages(site: site).register(on: console)
        OrganizationProfilePages(site: site).register(on: console)
        OrganizationDirectoryPages(site: site).register(on: console)
        BrokerAgencyPages(site: site).register(on: console)
        CounterpartPages(site: site).register(on: console)
        AchievementFormPages(site: site).register(on: console)
        AccountPages(site: site).register(on: console)
        AccountSecurityPages(site: site).register(on: console)
        PublicPages(site: site).register(on: console)
        EnterprisePages(site: site).register(on: console)
        UniversityPages(site: site).register(on: console)
        ProviderPages(site: site).register(on: console)
        CityPages(site: site).register(on: console)
        AuditPages(site: site).register(on: console)
        StatisticsPages(site: site).register(on: console)
        NotificationPages(site: site).register(on: console)
        PreferencePages(site: site).register(on: console)
        SavedSearchPages(site: site).register(on: console)
        DealPages(site: site).register(on: console)
        RegistrationPages(site: site).register(on: console)
        VerificationPages(site: site).register(on: console)
        ChallengeOwnerPages(site: site).register(on: console)
        ExpertReviewPages(site: site).register(on: console)
        ListingEditPages(site: site).register(on: console)
        BrokerPages(site: site).register(on: console)
        DelegationPages(site: site).register(on: console)
    }
}
