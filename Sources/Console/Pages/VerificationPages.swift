import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Kernel
import NIOCore
import Platform

/// The city administrator's verification queue (`/console/city/verifications`, issue 18): each
/// self-registered organisation of the city with its licence beside the form (an image inline,
/// a PDF in a frame from the authenticated document route), verified or rejected with a reason.
/// Not `city/registrations`: that is the queue of 技术合同认定登记.
struct VerificationPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("city/verifications") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                let notice = done.flatMap { ["verify", "reject"].contains($0) ? $0 : nil }
                return try await queue(
                    visit, RegistrationViews.Queue(notice: notice.map { visit.text("reg.done.\($0)") }))
            }
        }
        for approve in [true, false] {
            console.post("city/verifications/:id/\(approve ? "verify" : "reject")") { request, context in
                await site.handle(request, context) { visit in
                    let id = try DealPages.id(context)
                    let (_, actor) = try Self.verifier(visit)
                    let form = try await site.form(request, visit)
                    return try await RegistrationPages.attempt(visit) {
                        _ = try await site.services.registrations.decide(
                            id, RegistrationDecision(approve: approve, reason: approve ? nil : form["reason"]),
                            by: actor)
                        return site.redirect("/console/city/verifications?done=\(approve ? "verify" : "reject")")
                    } form: { failure, status in
                        try await queue(
                            visit,
                            RegistrationViews.Queue(formError: failure.formError, errors: failure.errors, failedID: id),
                            status: status)
                    }
                }
            }
        }
        // The licence for those who may read the registration, shown inside the console's own
        // pages only (same-origin frames), with its sniffed type and nosniff.
        console.get("registrations/:id/document") { request, context in
            await site.handle(request, context) { visit in
                let id = try DealPages.id(context)
                let (_, actor) = try visit.signedIn()
                let (document, data) = try await site.services.registrations.document(id, by: actor)
                var headers = Site.securityHeaders
                headers[.contentType] = document.type.mediaType
                headers[.contentDisposition] = "inline; filename=\"registration-\(id).\(document.type.rawValue)\""
                headers[HTTPField.Name("Content-Security-Policy")!] =
                    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
                headers[HTTPField.Name("X-Frame-Options")!] = "SAMEORIGIN"
                headers[.cacheControl] = "private, no-store"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
    }

    /// A city administrator (or a platform administrator, who sees every city).
    static func verifier(_ visit: Visit) throws -> (Principal, Actor) {
        let (principal, actor) = try visit.signedIn()
        guard principal.role == .cityAdmin || principal.role == .platformAdmin else { throw DomainError.forbidden }
        return (principal, actor)
    }

    func queue(
        _ visit: Visit, _ view: RegistrationViews.Queue, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (_, actor) = try Self.verifier(visit)
        let registrations = site.services.registrations
        let pending = try await registrations.queue(status: .pending, by: actor, page: PageRequest(limit: 50))
        let decided = try await registrations.queue(status: nil, by: actor, page: PageRequest(limit: 100))
        var context = view
        var admins: [Int64: String] = [:]
        for registration in pending.items {
            if let users = try? await site.services.users.list(
                in: registration.organizationId, page: PageRequest(limit: 5), by: actor)
            {
                admins[registration.organizationId] =
                    users.items.first { $0.id == registration.adminUserId }.map { "\($0.displayName) (\($0.username))" }
            }
        }
        context.items = pending.items.map {
            RegistrationViews.QueueItem(
                registration: RegistrationViews.Summary($0, visit), admin: admins[$0.organizationId] ?? "",
                failed: $0.organizationId == view.failedID)
        }
        context.hasItems = !context.items.isEmpty
        context.decided = decided.items.filter { $0.status != .pending }.suffix(20).reversed().map {
            RegistrationViews.Summary($0, visit)
        }
        context.hasDecided = !context.decided.isEmpty
        var response = site.page(
            visit, template: "city-verifications", title: visit.text("reg.queue.title"), context, status: status)
        // This page frames the licence (a PDF) from the console's own document route.
        response.headers[HTTPField.Name("Content-Security-Policy")!] = Site.contentSecurityPolicy.replacingOccurrences(
            of: "default-src 'none';", with: "default-src 'none'; frame-src 'self';")
        return response
    }
}
