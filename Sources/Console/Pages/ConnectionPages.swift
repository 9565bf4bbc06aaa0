import Deals
import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import NIOCore
import Platform

/// Connection requests: the organisation's list with the answers it may give, asking to connect
/// about a listing, need, challenge or match, and an accepted connection's thread with contacts,
/// messages and attachments — through `ConnectionService` and `ThreadService`.
struct ConnectionPages {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("connections") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await list(request, visit, failure: nil, notice: done.flatMap { Self.notice($0, visit) })
            }
        }
        console.get("connections/new") { request, context in
            await site.handle(request, context) { visit in
                _ = try DealPages.party(visit)
                let parameters = request.uri.queryParameters
                let subject = try Self.subject(
                    kind: parameters["kind"].map(String.init), id: parameters["id"].map(String.init),
                    need: parameters["need"].map(String.init), listing: parameters["listing"].map(String.init))
                return await ask(visit, subject, message: nil, failure: nil)
            }
        }
        console.post("connections") { request, context in
            await site.handle(request, context) { visit in try await send(request, visit) }
        }
        console.get("connections/:id") { request, context in
            await site.handle(request, context) { visit in
                let done = request.uri.queryParameters["done"].map(String.init)
                return try await thread(
                    try DealPages.id(context), visit, typed: nil, failure: nil,
                    notice: done.flatMap { Self.notice($0, visit) })
            }
        }
        console.post("connections/:id/answer") { request, context in
            await site.handle(request, context) { visit in try await answer(try DealPages.id(context), request, visit) }
        }
        console.post("connections/:id/messages") { request, context in
            await site.handle(request, context) { visit in try await post(try DealPages.id(context), request, visit) }
        }
        console.get("connections/:id/attachments/:sha") { request, context in
            await site.handle(request, context) { visit in
                try await download(try DealPages.id(context), context.parameters.get("sha") ?? "", visit)
            }
        }
    }

    static func notice(_ done: String, _ visit: Visit) -> String? {
        ["sent", "accepted", "declined", "withdrawn", "posted"].contains(done)
            ? visit.text("deal.connection.\(done)") : nil
    }

    // MARK: - List and answers

    func list(_ request: Request, _ visit: Visit, failure: FormFailure?, notice: String?) async throws -> Response {
        let (principal, actor) = try DealPages.party(visit)
        let cursor = request.uri.queryParameters["after"].map(String.init)
        let page = try await site.services.connections.list(
            viewer: actor, page: try PageRequest(limit: 100, cursor: cursor))
        let names = await DealPages.names(
            site, page.items.flatMap { [$0.requesterOrganizationId, $0.receiverOrganizationId] }, actor)
        var rows: [ConnectionViews.Row] = []
        for connection in page.items.reversed() {
            let incoming = connection.receiverOrganizationId == principal.organizationID
            let other = incoming ? connection.requesterOrganizationId : connection.receiverOrganizationId
            let subject = await DealPages.subject(site, connection.subject, visit)
            rows.append(
                ConnectionViews.Row(
                    id: connection.id, href: "/console/connections/\(connection.id)",
                    direction: visit.text(incoming ? "deal.connections.incoming" : "deal.connections.outgoing"),
                    other: names[other] ?? "#\(other)", subjectLabel: subject.label, subject: subject.title,
                    message: connection.message,
                    status: visit.text("deal.connection.status.\(connection.status.rawValue)"),
                    statusValue: connection.status.rawValue, requested: Display.dateTime(connection.createdAt),
                    reason: connection.reason, answerable: incoming && connection.status == .pending,
                    withdrawable: !incoming && connection.status == .pending))
        }
        return site.page(
            visit, template: "connections", title: visit.text("deal.connections.title"),
            ConnectionViews.List(
                items: rows, hasItems: !rows.isEmpty, next: page.nextCursor.map { "/console/connections?after=\($0)" },
                notice: notice,
                formError: failure?.formError, errors: failure?.errors),
            status: failure == nil ? .ok : .unprocessableContent)
    }

    /// Accept or decline (the receiver, with an optional reason), withdraw (the requester).
    func answer(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try DealPages.party(visit)
        let form = try await site.form(request, visit)
        let answer: ConnectionAnswer
        let done: String
        switch form["answer"] {
        case "accept": (answer, done) = (.accept, "accepted")
        case "decline": (answer, done) = (.decline(reason: form.text("reason")), "declined")
        case "withdraw": (answer, done) = (.withdraw, "withdrawn")
        default:
            throw DomainError(.malformed, code: "answer_form", zh: "答复表单不完整", en: "The answer form is incomplete")
        }
        let back = form["back"] == "list" ? "/console/connections" : "/console/connections/\(id)"
        return try await DealPages.attempt(visit) {
            _ = try await site.services.connections.answer(id, answer, by: actor)
            return site.redirect("\(back)?done=\(done)")
        } form: { failure in
            form["back"] == "list"
                ? try await list(request, visit, failure: failure, notice: nil)
                : try await thread(id, visit, typed: nil, failure: failure, notice: nil)
        }
    }

    // MARK: - Asking to connect

    /// The subject named by the form's fields: `kind` with `id`, or a match of `need` and `listing`.
    static func subject(kind: String?, id: String?, need: String?, listing: String?) throws -> ConnectionSubject {
        let number = id.flatMap { Int64($0) }
        switch (kind.flatMap(ConnectionSubject.Kind.init(rawValue:)), number) {
        case (.patent?, let id?): return .patent(id)
        case (.achievement?, let id?): return .achievement(id)
        case (.need?, let id?): return .need(id)
        case (.challenge?, let id?): return .challenge(id)
        case (.match?, _):
            if let need = need.flatMap({ Int64($0) }), let listing = listing.flatMap({ Int64($0) }) {
                return .match(needId: need, listingId: listing)
            }
        default: break
        }
        throw DomainError.notFound("connection subject", zh: "对接事项")
    }

    func ask(_ visit: Visit, _ subject: ConnectionSubject, message: String?, failure: FormFailure?) async -> Response {
        let shown = await DealPages.subject(site, subject, visit)
        var id: Int64?, need: Int64?, listing: Int64?
        switch subject {
        case .patent(let value), .achievement(let value), .need(let value), .challenge(let value): id = value
        case .match(let needId, let listingId): (need, listing) = (needId, listingId)
        }
        return site.page(
            visit, template: "connection-new", title: visit.text("deal.connection.askTitle"),
            ConnectionViews.Ask(
                subjectLabel: shown.label, subject: shown.title, subjectHref: shown.href, kind: subject.kind.rawValue,
                id: id, need: need, listing: listing, message: message, formError: failure?.formError,
                errors: failure?.errors))
    }

    func send(_ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try DealPages.party(visit)
        let form = try await site.form(request, visit)
        let subject = try Self.subject(kind: form["kind"], id: form["id"], need: form["need"], listing: form["listing"])
        let message = form["message"] ?? ""
        return try await DealPages.attempt(visit, also: [.tooManyRequests]) {
            let connection = try await site.services.connections.request(
                NewConnection(subject: subject, message: message), by: actor)
            return site.redirect("/console/connections/\(connection.id)?done=sent")
        } form: { failure in
            await ask(visit, subject, message: message, failure: failure)
        }
    }

    // MARK: - Thread

    func thread(
        _ id: Int64, _ visit: Visit, typed: String?, failure: FormFailure?, notice: String?
    ) async throws -> Response {
        let (principal, actor) = try DealPages.reader(visit)
        let connections = site.services.connections
        let connection = try await connections.get(id, viewer: actor)
        // An auditor reads the thread as it stands and takes no step in it.
        let party = principal.role != .auditor
        let incoming = connection.receiverOrganizationId == principal.organizationID
        let other = incoming ? connection.requesterOrganizationId : connection.receiverOrganizationId
        let names = await DealPages.names(site, [connection.requesterOrganizationId, other], actor)
        // The service decides whether contacts show: before acceptance it refuses, and the page says so.
        // Contacts are for the parties alone; an auditor sees the thread without them.
        var contacts: [ConnectionViews.Contact] = []
        if party {
            do {
                let both = try await connections.contacts(for: id, viewer: actor)
                contacts = [both.requester, both.receiver].map { contact in
                    ConnectionViews.Contact(
                        organization: contact.organizationName, city: visit.language.city(contact.city),
                        contactName: contact.contactName ?? "—", phone: contact.phone ?? "—",
                        email: contact.email ?? "—")
                }
            } catch let error as DomainError where error.code == DealsError.contactsHidden.code {
                contacts = []
            }
        }
        let messages = try await site.services.threads.messages(id, viewer: actor, page: PageRequest(limit: 200))
        let rows = messages.items.map { message in
            ConnectionViews.Message(
                id: message.id, author: names[message.authorOrganizationId] ?? "#\(message.authorOrganizationId)",
                mine: message.authorOrganizationId == principal.organizationID, at: Display.dateTime(message.createdAt),
                body: message.body,
                attachment: message.attachment.map { file in
                    ConnectionViews.Attachment(
                        name: file.name, href: "/console/connections/\(id)/attachments/\(file.sha256)",
                        size: Self.size(file.size), type: file.type.rawValue.uppercased())
                })
        }
        let subject = await DealPages.subject(site, connection.subject, visit)
        let accepted = connection.status == .accepted
        return site.page(
            visit, template: "connection-thread", title: visit.text("deal.thread.title"),
            ConnectionViews.Thread(
                id: id, subjectLabel: subject.label, subject: subject.title, subjectHref: subject.href,
                other: names[other] ?? "#\(other)",
                direction: visit.text(incoming ? "deal.connections.incoming" : "deal.connections.outgoing"),
                status: visit.text("deal.connection.status.\(connection.status.rawValue)"),
                statusValue: connection.status.rawValue, requestMessage: connection.message, reason: connection.reason,
                contacts: contacts, contactsHidden: contacts.isEmpty, messages: rows, canPost: party && accepted,
                closed: !accepted, answerable: party && incoming && connection.status == .pending,
                withdrawable: party && !incoming && connection.status == .pending,
                draftHref: party && accepted ? "/console/contracts/new?connection=\(id)" : nil,
                attachmentLimit: Self.size(site.services.threads.attachmentLimit), body: typed, notice: notice,
                formError: failure?.formError, errors: failure?.errors))
    }

    /// Posts a message: text, a file, or both (multipart, as the import form uploads).
    func post(_ id: Int64, _ request: Request, _ visit: Visit) async throws -> Response {
        let (_, actor) = try DealPages.party(visit)
        let form = try await Multipart(request)
        try form.checkCSRF(site, visit)
        let body = form["body"].map(\.text).flatMap {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
        }
        let file = form["attachment"].flatMap { part in
            part.filename.map { !$0.isEmpty && !part.body.isEmpty } == true ? part : nil
        }
        return try await DealPages.attempt(visit, also: [.payloadTooLarge, .unsupportedMediaType]) {
            _ = try await site.services.threads.post(
                id,
                NewMessage(body: body, attachmentName: file?.filename, attachmentData: file.map { Data($0.body) }),
                by: actor)
            return site.redirect("/console/connections/\(id)?done=posted")
        } form: { failure in
            try await thread(id, visit, typed: body, failure: failure, notice: nil)
        }
    }

    func download(_ id: Int64, _ sha: String, _ visit: Visit) async throws -> Response {
        let (_, actor) = try DealPages.reader(visit)
        let content = try await site.services.threads.attachment(id, sha256: sha, viewer: actor)
        var headers = Site.securityHeaders
        headers[.contentType] = content.type.mediaType
        let encoded = content.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        headers[.contentDisposition] = "attachment; filename=\"attachment\"; filename*=UTF-8''\(encoded)"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: content.data)))
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20
            ? String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
            : bytes >= 1 << 10 ? String(format: "%.0f KiB", Double(bytes) / 1_024) : "\(bytes) B"
    }
}
