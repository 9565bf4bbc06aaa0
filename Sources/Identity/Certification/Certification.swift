import Foundation
import Kernel

/// An attribute that decides voucher eligibility (high-tech enterprise, tech-based SME,
/// 专精特新, revenue band), as a certified fact: requested by the enterprise with its
/// certificate, verified or rejected by its city's administrator, valid until a date.
public struct Certification: Codable, Sendable, Equatable {
    public enum Attribute: String, Codable, CaseIterable, Sendable {
        /// 高新技术企业 (certificate valid three years)
        case highTech = "high_tech"
        /// 科技型中小企业 (入库登记编号, valid for the registration year)
        case techSME = "tech_sme"
        /// 专精特新 (certificate valid three years)
        case specialized
        /// 营业收入区间
        case revenueBand = "revenue_band"
    }

    public enum Status: String, Codable, CaseIterable, Sendable {
        case pending, verified, rejected
    }

    public var id: Int64
    public var organizationId: Int64
    public var attribute: Attribute
    /// For the three qualifications: whether the enterprise holds it.
    public var holds: Bool
    public var revenueBand: RevenueBand?
    public var certificateNumber: String?
    public var validUntil: Date?
    public var status: Status
    public var requestedBy: Int64?
    public var requestedAt: Date
    /// The user who verified or rejected it (nil: the platform itself, e.g. seeding).
    public var decidedBy: Int64?
    public var decidedAt: Date?
    public var reason: String?

    /// Whether it counts at `date`: verified and not past its validity.
    public func inForce(at date: Date) -> Bool {
        status == .verified && (validUntil.map { $0 > date } ?? true)
    }
}

/// The body of `POST /v1/organizations/{id}/certifications`.
public struct NewCertification: Sendable, Equatable {
    public var attribute: Certification.Attribute
    public var holds: Bool?
    public var revenueBand: RevenueBand?
    public var certificateNumber: String?
    public var validUntil: Date?

    public init(
        attribute: Certification.Attribute, holds: Bool? = nil, revenueBand: RevenueBand? = nil,
        certificateNumber: String? = nil,
        validUntil: Date? = nil
    ) {
        self.attribute = attribute
        self.holds = holds
        self.revenueBand = revenueBand
        self.certificateNumber = certificateNumber
        self.validUntil = validUntil
    }

    /// The longest validity a certificate of each kind can have, in days from today.
    static func longestValidity(_ attribute: Certification.Attribute) -> Int {
        switch attribute {
        case .highTech, .specialized: 3 * 366
        case .techSME: 366 + 31
        case .revenueBand: 2 * 366
        }
    }

    func validated(now: Date) throws -> NewCertification {
        var copy = self
        copy.certificateNumber = try Validate.optionalText(certificateNumber, field: "certificateNumber", max: 64)
        if let number = copy.certificateNumber,
            number.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        {
            throw IdentityError.certificateNumberControlCharacters
        }
        if attribute == .revenueBand {
            guard revenueBand != nil else {
                throw IdentityError.revenueBandRequired
            }
            copy.holds = true
        } else {
            guard let holds else {
                throw IdentityError.holdsRequired
            }
            copy.revenueBand = nil
            if holds {
                guard copy.certificateNumber != nil else {
                    throw IdentityError.certificateRequired
                }
                guard validUntil != nil else {
                    throw IdentityError.validUntilRequired
                }
            }
        }
        if let validUntil {
            guard validUntil > now else {
                throw IdentityError.certificateExpired
            }
            guard validUntil <= now.addingTimeInterval(TimeInterval(Self.longestValidity(attribute)) * 86_400) else {
                throw IdentityError.validityTooLong
            }
        }
        return copy
    }
}

/// The body of a city administrator's decision on a certification request.
public struct CertificationDecision: Sendable, Equatable {
    public var approve: Bool
    public var reason: String?

    public init(approve: Bool, reason: String? = nil) {
        self.approve = approve
        self.reason = reason
    }
}
