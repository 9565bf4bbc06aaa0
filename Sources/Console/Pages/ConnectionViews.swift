/// The view models of connections: the list (connections.mustache), the request form
/// (connection-new.mustache) and a connection's thread (connection-thread.mustache).
enum ConnectionViews {
    struct List: Sendable {
        let items: [Row]
        let hasItems: Bool
        let next: String?
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
    }

    struct Row: Sendable {
        let id: Int64
        let href: String
        let direction: String
        let other: String
        let subjectLabel: String
        let subject: String
        let message: String
        let status: String
        let statusValue: String
        let requested: String
        let reason: String?
        /// The receiver's answer forms (accept, decline) for a pending request.
        let answerable: Bool
        /// The requester's withdrawal of a pending request.
        let withdrawable: Bool
    }

    /// The request form: which subject (hidden fields) and the message.
    struct Ask: Sendable {
        let subjectLabel: String
        let subject: String
        let subjectHref: String?
        let kind: String
        let id: Int64?
        let need: Int64?
        let listing: Int64?
        var message: String?
        var formError: String?
        var errors: FieldErrors?
    }

    struct Thread: Sendable {
        let id: Int64
        let subjectLabel: String
        let subject: String
        let subjectHref: String?
        let other: String
        let direction: String
        let status: String
        let statusValue: String
        let requestMessage: String
        let reason: String?
        let contacts: [Contact]
        let contactsHidden: Bool
        let messages: [Message]
        let canPost: Bool
        let closed: Bool
        let answerable: Bool
        let withdrawable: Bool
        let draftHref: String?
        let attachmentLimit: String
        var body: String?
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
    }

    struct Contact: Sendable {
        let organization: String
        let city: String
        let contactName: String
        let phone: String
        let email: String
    }

    struct Message: Sendable {
        let id: Int64
        let author: String
        let mine: Bool
        let at: String
        let body: String?
        let attachment: Attachment?
    }

    struct Attachment: Sendable {
        let name: String
        let href: String
        let size: String
        let type: String
    }
}
