import Foundation
import Identity
import Kernel

/// The view models of the registration pages (registration-form, registration-status and
/// city-verifications.mustache).
enum RegistrationViews {
    /// The public form, with what was typed into a refused one (never the password or the file).
    struct Form: Sendable {
        var formError: String?
        var errors: FieldErrors?
        var typed: Typed
        var kinds: [Choice] = []
        var cities: [Choice] = []
        var limitMB = 5
    }

    struct Typed: Sendable {
        var kind = "enterprise"
        var name = ""
        var city = ""
        var creditCode = ""
        var park = ""
        var contactName = ""
        var contactPhone = ""
        var contactEmail = ""
        var contactAddress = ""
        var adminName = ""
        var username = ""
        var adminEmail = ""

        init() {}

        /// Echoed values are cut short: a refused 10 MB name is not sent back whole.
        init(_ form: Multipart) {
            func value(_ name: String) -> String { String((form.text(name) ?? "").prefix(400)) }
            kind = value("kind")
            name = value("name")
            city = value("city")
            creditCode = value("creditCode")
            park = value("park")
            contactName = value("contactName")
            contactPhone = value("contactPhone")
            contactEmail = value("contactEmail")
            contactAddress = value("contactAddress")
            adminName = value("adminName")
            username = value("username")
            adminEmail = value("adminEmail")
        }
    }

    /// The applicant's page.
    struct Status: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var registration: Summary?
        var canUpload = false
        var correction: Correction?
    }

    /// A registration as both pages show it.
    struct Summary: Sendable {
        let id: Int64
        let name: String
        let kind: String
        let city: String
        let creditCode: String
        let contact: String
        let park: String
        let status: String
        let statusCode: String
        let hint: String
        let reason: String?
        let round: Int
        let submittedAt: String
        let document: Document?

        init(_ registration: Registration, _ visit: Visit) {
            let organization = registration.organization
            id = registration.organizationId
            name = organization.name
            kind = visit.text("reg.kind.\(organization.kind.rawValue)")
            city = visit.language.city(organization.city)
            creditCode = organization.creditCode
            contact = [
                organization.contact.name, organization.contact.phone, organization.contact.email,
                organization.contact.address,
            ]
            .compactMap { $0 }.joined(separator: " · ")
            park = organization.park ?? ""
            status = visit.text("reg.status.\(registration.status.rawValue)")
            statusCode = registration.status.rawValue
            hint = registration.status == .verified ? "" : visit.text("reg.status.hint.\(registration.status.rawValue)")
            reason = registration.reason
            round = registration.round
            submittedAt = Display.dateTime(registration.submittedAt)
            document = registration.document.map {
                Document(
                    href: "/console/registrations/\(registration.organizationId)/document", isImage: $0.type != .pdf,
                    type: $0.type.rawValue.uppercased(), size: "\(($0.size + 1_023) / 1_024) KB", sha256: $0.sha256)
            }
        }
    }

    struct Document: Sendable {
        let href: String
        let isImage: Bool
        let type: String
        let size: String
        let sha256: String
    }

    /// The correction form of a rejected registration, filled with what is registered now.
    struct Correction: Sendable {
        let name: String
        let contactName: String
        let contactPhone: String
        let contactEmail: String
        let contactAddress: String
        let park: String
        let kinds: [Choice]
    }

    /// The city's queue.
    struct Queue: Sendable {
        var notice: String?
        var formError: String?
        var errors: FieldErrors?
        var failedID: Int64?
        var items: [QueueItem] = []
        var hasItems = false
        var decided: [Summary] = []
        var hasDecided = false
    }

    struct QueueItem: Sendable {
        let registration: Summary
        let admin: String
        let failed: Bool
    }
}
