import Foundation
import Kernel

/// A registered organisation, as the API shows it.
public struct Organization: Codable, Sendable, Equatable {
    public struct Attributes: Codable, Sendable, Equatable {
        /// 高新技术企业
        public var highTech: Bool
        /// 科技型中小企业
        public var techSME: Bool
        /// 专精特新
        public var specialized: Bool
        public var revenueBand: RevenueBand?

        public init(
            highTech: Bool = false, techSME: Bool = false, specialized: Bool = false, revenueBand: RevenueBand? = nil
        ) {
            self.highTech = highTech
            self.techSME = techSME
            self.specialized = specialized
            self.revenueBand = revenueBand
        }
    }

    public struct Contact: Codable, Sendable, Equatable {
        public var name: String?
        public var phone: String?
        public var email: String?
        public var address: String?

        public init(name: String? = nil, phone: String? = nil, email: String? = nil, address: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
            self.address = address
        }
    }

    public var id: Int64
    public var kind: OrganizationKind
    public var name: String
    public var nameEn: String?
    public var city: CityCode
    public var creditCode: String
    public var attributes: Attributes
    public var contact: Contact
    public var park: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int64

    var auditJSON: JSONValue {
        [
            "kind": .string(kind.rawValue),
            "name": .string(name),
            "nameEn": .optional(nameEn),
            "city": .string(city.rawValue),
            "creditCode": .string(creditCode),
            "attributes": [
                "highTech": .bool(attributes.highTech),
                "techSME": .bool(attributes.techSME),
                "specialized": .bool(attributes.specialized),
                "revenueBand": .optional(attributes.revenueBand?.rawValue),
            ],
            "contact": [
                "name": .optional(contact.name),
                "phone": .optional(contact.phone),
                "email": .optional(contact.email),
                "address": .optional(contact.address),
            ],
            "park": .optional(park),
            "version": .int(version),
        ]
    }
}

/// The body of `POST /v1/organizations`.
public struct NewOrganization: Sendable, Equatable {
    public var kind: OrganizationKind
    public var name: String
    public var nameEn: String?
    public var city: CityCode
    public var creditCode: String
    public var attributes: Organization.Attributes?
    public var contact: Organization.Contact?
    public var park: String?

    public init(
        kind: OrganizationKind, name: String, nameEn: String? = nil, city: CityCode, creditCode: String,
        attributes: Organization.Attributes? = nil, contact: Organization.Contact? = nil, park: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.nameEn = nameEn
        self.city = city
        self.creditCode = creditCode
        self.attributes = attributes
        self.contact = contact
        self.park = park
    }

    /// Trimmed, checked copy; throws the first precise error.
    func validated() throws -> NewOrganization {
        var copy = self
        copy.name = try Validate.text(name, field: "name", max: Limits.name)
        copy.nameEn = try Validate.optionalText(nameEn, field: "nameEn", max: Limits.name)
        copy.creditCode = try CreditCode.validate(creditCode)
        copy.contact = try contact.map { try ContactRules.validated($0) }
        copy.park = try Validate.optionalText(park, field: "park", max: 64)
        return copy
    }
}

/// The body of `PATCH /v1/organizations/{id}`: absent fields stay as they are; `null` clears
/// an optional one. Kind, city and credit code are identity and do not change here.
public struct OrganizationPatch: Sendable, Equatable {
    public var name: String?
    public var nameEn: String??
    public var attributes: Organization.Attributes?
    public var contact: Organization.Contact?
    public var park: String??

    public init(
        name: String? = nil, nameEn: String?? = nil, attributes: Organization.Attributes? = nil,
        contact: Organization.Contact? = nil, park: String?? = nil
    ) {
        self.name = name
        self.nameEn = nameEn
        self.attributes = attributes
        self.contact = contact
        self.park = park
    }
}

enum ContactRules {
    static func validated(_ contact: Organization.Contact) throws -> Organization.Contact {
        var copy = contact
        copy.name = try Validate.optionalText(contact.name, field: "contact.name", max: Limits.shortText)
        copy.phone = try Validate.optionalText(contact.phone, field: "contact.phone", max: Limits.phone)
        if let phone = copy.phone, !phone.allSatisfy({ $0.isASCII && ($0.isNumber || "+-() ".contains($0)) }) {
            throw IdentityError.phoneFormat
        }
        copy.email = try Validate.optionalText(contact.email, field: "contact.email", max: Limits.email)
        if let email = copy.email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
                throw IdentityError.emailFormat
            }
        }
        copy.address = try Validate.optionalText(contact.address, field: "contact.address", max: Limits.address)
        return copy
    }
}
