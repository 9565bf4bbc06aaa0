import Deals
import Kernel

// Between the wire types of the connection and thread routes (generated from openapi.yaml) and
// the Deals module's own types; every member and case spelled out.

extension ConnectionSubject {
    /// A match names its need (`id`) and its listing (`listingId`); nil when a match has no listing.
    init?(_ wire: Components.Schemas.ConnectionSubject) {
        switch wire.kind {
        case .patent: self = .patent(wire.id)
        case .achievement: self = .achievement(wire.id)
        case .need: self = .need(wire.id)
        case .challenge: self = .challenge(wire.id)
        case .match:
            guard let listing = wire.listingId else { return nil }
            self = .match(needId: wire.id, listingId: listing)
        }
    }
}

extension Components.Schemas.ConnectionSubject {
    init(_ domain: ConnectionSubject) {
        switch domain {
        case .patent(let id): self.init(id: id, kind: .patent)
        case .achievement(let id): self.init(id: id, kind: .achievement)
        case .need(let id): self.init(id: id, kind: .need)
        case .challenge(let id): self.init(id: id, kind: .challenge)
        case .match(let need, let listing): self.init(id: need, kind: .match, listingId: listing)
        }
    }
}

extension NewConnection {
    init(_ wire: Components.Schemas.NewConnection) throws {
        guard let subject = ConnectionSubject(wire.subject) else { throw DealsError.matchNeedsListing }
        self.init(subject: subject, message: wire.message)
    }
}

extension Components.Schemas.ConnectionStatus {
    init(_ domain: ConnectionStatus) {
        switch domain {
        case .pending: self = .pending
        case .accepted: self = .accepted
        case .declined: self = .declined
        case .blocked: self = .blocked
        case .withdrawn: self = .withdrawn
        }
    }
}

extension Components.Schemas.Connection {
    init(_ domain: Connection) {
        self.init(
            createdAt: domain.createdAt, decidedAt: domain.decidedAt, decidedByUserId: domain.decidedByUserId,
            id: domain.id, message: domain.message, reason: domain.reason,
            receiverOrganizationId: domain.receiverOrganizationId,
            requestedByUserId: domain.requestedByUserId, requesterOrganizationId: domain.requesterOrganizationId,
            status: .init(domain.status), subject: .init(domain.subject))
    }
}

extension Components.Schemas.ConnectionPage {
    init(_ domain: Page<Connection>) {
        self.init(items: domain.items.map(Components.Schemas.Connection.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.ConnectionPage> {
    init(_ page: Components.Schemas.ConnectionPage) { self.init(page: page, nextCursor: page.nextCursor) }
}

extension ConnectionAnswer {
    init(_ wire: Components.Schemas.ConnectionAnswer) {
        switch wire.answer {
        case .accept: self = .accept
        case .decline: self = .decline(reason: wire.reason)
        case .block: self = .block(reason: wire.reason)
        case .withdraw: self = .withdraw
        }
    }
}

extension Components.Schemas.PartyContact {
    init(_ domain: PartyContact) {
        self.init(
            city: .init(domain.city), contactName: domain.contactName, email: domain.email,
            organizationId: domain.organizationId, organizationName: domain.organizationName, phone: domain.phone)
    }
}

extension Components.Schemas.ConnectionContacts {
    init(_ domain: ConnectionContacts) {
        self.init(receiver: .init(domain.receiver), requester: .init(domain.requester))
    }
}

extension Components.Schemas.AttachmentType {
    init(_ domain: AttachmentType) {
        switch domain {
        case .pdf: self = .pdf
        case .png: self = .png
        case .jpeg: self = .jpeg
        case .text: self = .text
        case .docx: self = .docx
        case .zip: self = .zip
        }
    }
}

extension Components.Schemas.ThreadMessage {
    init(_ domain: ThreadMessage) {
        self.init(
            attachment: domain.attachment.map {
                Components.Schemas.ThreadAttachment(
                    name: $0.name, sha256: $0.sha256, size: Int64($0.size), _type: .init($0.type))
            }, authorOrganizationId: domain.authorOrganizationId, authorUserId: domain.authorUserId, body: domain.body,
            connectionId: domain.connectionId, createdAt: domain.createdAt, id: domain.id)
    }
}

extension Components.Schemas.ThreadMessagePage {
    init(_ domain: Page<ThreadMessage>) {
        self.init(items: domain.items.map(Components.Schemas.ThreadMessage.init), nextCursor: domain.nextCursor)
    }
}

extension PageBody<Components.Schemas.ThreadMessagePage> {
    init(_ page: Components.Schemas.ThreadMessagePage) { self.init(page: page, nextCursor: page.nextCursor) }
}
