import Foundation
import Kernel

/// An organisation's self-registration (issue 18): who registered it, its licence, and where its
/// city's verification stands. Organisations created any other way have none and count as
/// verified.
public struct Registration: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case pending, verified, rejected
    }

    public var organizationId: Int64
    public var organization: Organization
    public var status: Status
    /// The first administrator, who registered it.
    public var adminUserId: Int64
    public var document: RegistrationDocument?
    /// Why the city rejected it (kept until the next decision).
    public var reason: String?
    /// How many times it was submitted (1, then one more per resubmission).
    public var round: Int
    public var submittedAt: Date
    public var decidedAt: Date?
    public var decidedBy: Int64?
    public var version: Int64

    var auditJSON: JSONValue {
        [
            "organizationId": .int(organizationId), "status": .string(status.rawValue),
            "adminUserId": .int(adminUserId), "round": .int(Int64(round)),
            "document": document.map(\.auditJSON) ?? .null, "reason": .optional(reason),
        ]
    }
}

/// The licence or certificate an organisation uploaded: content-addressed, told by its bytes.
public struct RegistrationDocument: Codable, Sendable, Equatable {
    public enum FileType: String, Codable, CaseIterable, Sendable {
        case pdf, png, jpeg

        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            }
        }

        /// By magic bytes only (never the name or the declared type).
        public static func sniff(_ data: Data) -> FileType? {
            let bytes = [UInt8](data.prefix(8))
            if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
            if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
            if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
            return nil
        }
    }

    public var sha256: String
    public var type: FileType
    public var size: Int
    public var uploadedAt: Date

    var auditJSON: JSONValue {
        ["sha256": .string(sha256), "type": .string(type.rawValue), "size": .int(Int64(size))]
    }
}

/// The first administrator of a self-registered organisation.
public struct RegistrationAdmin: Sendable, Equatable {
    public var displayName: String
    public var username: String
    public var email: String
    public var password: String

    public init(displayName: String, username: String, email: String, password: String) {
        self.displayName = displayName
        self.username = username
        self.email = email
        self.password = password
    }
}

/// The body of `POST /v1/registrations`: the organisation and its first administrator.
public struct NewRegistration: Sendable, Equatable {
    public var kind: OrganizationKind
    public var name: String
    public var city: CityCode
    public var creditCode: String
    public var contact: Organization.Contact
    public var park: String?
    public var admin: RegistrationAdmin

    public init(
        kind: OrganizationKind, name: String, city: CityCode, creditCode: String, contact: Organization.Contact,
        park: String? = nil, admin: RegistrationAdmin
    ) {
        self.kind = kind
        self.name = name
        self.city = city
        self.creditCode = creditCode
        self.contact = contact
        self.park = park
        self.admin = admin
    }

    /// The kinds that may register themselves: never a bureau or the platform.
    public static let kinds: [OrganizationKind] = [.enterprise, .university, .institute, .lab, .provider]

    /// Checked copy, in the order of the form; throws the first precise error.
    func validated() throws -> NewRegistration {
        guard Self.kinds.contains(kind) else { throw IdentityError.registrationKindNotAllowed }
        var copy = self
        let organization = try NewOrganization(
            kind: kind, name: name, city: city, creditCode: creditCode, contact: contact, park: park
        ).validated()
        copy.name = organization.name
        copy.creditCode = organization.creditCode
        copy.contact = organization.contact ?? .init()
        copy.park = organization.park
        copy.admin.displayName = try Validate.text(admin.displayName, field: "admin.displayName", max: Limits.shortText)
        do {
            copy.admin.username = try NewUser.validUsername(admin.username)
        } catch {
            throw IdentityError.adminUsernameFormat
        }
        copy.admin.email = try RegistrationRules.email(admin.email, field: "admin.email")
        try Passwords.validate(
            admin.password, field: "admin.password", username: copy.admin.username, organizationName: copy.name)
        return copy
    }

    var organization: NewOrganization {
        NewOrganization(kind: kind, name: name, city: city, creditCode: creditCode, contact: contact, park: park)
    }
}

/// The body of `POST /v1/registrations/{id}/resubmission`: what the applicant corrects (absent
/// fields stay), then the registration goes back to its city.
public struct RegistrationCorrection: Sendable, Equatable {
    public var name: String?
    public var kind: OrganizationKind?
    public var contact: Organization.Contact?
    public var park: String??

    public init(
        name: String? = nil, kind: OrganizationKind? = nil, contact: Organization.Contact? = nil,
        park: String?? = nil
    ) {
        self.name = name
        self.kind = kind
        self.contact = contact
        self.park = park
    }
}

/// The city's decision: verify, or reject with a reason.
public struct RegistrationDecision: Sendable, Equatable {
    public var approve: Bool
    public var reason: String?

    public init(approve: Bool, reason: String? = nil) {
        self.approve = approve
        self.reason = reason
    }
}

enum RegistrationRules {
    /// The administrator's own address, required, folded to one spelling as every user's is.
    static func email(_ raw: String, field: String) throws -> String {
        _ = try Validate.text(raw, field: field, max: Limits.email)
        guard let email = try? NewUser.validEmail(raw) else { throw IdentityError.adminEmailFormat }
        return email
    }
}
