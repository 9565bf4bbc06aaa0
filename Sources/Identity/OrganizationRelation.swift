import Foundation
import Kernel

/// A relation an organisation declares about itself. Two organisations count as related for the
/// voucher fraud rules when either declares the other a related party, when they declare the
/// same controlling holder (同一控股股东 / 实际控制人), or when one is the other's holder.
public struct OrganizationRelation: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The credit code of the organisation's controlling shareholder or actual controller.
        case controllingHolder = "controlling_holder"
        /// Any other party the organisation declares itself related to (shared directors, a
        /// founder's university, a sister company).
        case relatedParty = "related_party"
    }

    public var id: Int64
    public var organizationId: Int64
    public var kind: Kind
    public var relatedCreditCode: String
    /// The registered organisation holding `relatedCreditCode`, when there is one.
    public var relatedOrganizationId: Int64?
    public var note: String?
    public var createdAt: Date
    /// The role of whoever declared it (a city's declaration only a city withdraws).
    public var declaredByRole: Role?

    var auditJSON: JSONValue {
        [
            "organizationId": .int(organizationId), "kind": .string(kind.rawValue),
            "relatedCreditCode": .string(relatedCreditCode), "note": .optional(note),
        ]
    }
}

/// The body of `POST /v1/organizations/{id}/relations`.
public struct NewOrganizationRelation: Sendable, Equatable {
    public var kind: OrganizationRelation.Kind
    public var relatedCreditCode: String
    public var note: String?

    public init(kind: OrganizationRelation.Kind, relatedCreditCode: String, note: String? = nil) {
        self.kind = kind
        self.relatedCreditCode = relatedCreditCode
        self.note = note
    }

    func validated() throws -> NewOrganizationRelation {
        var copy = self
        copy.relatedCreditCode = try CreditCode.validate(relatedCreditCode, field: "relatedCreditCode")
        copy.note = try Validate.optionalText(note, field: "note", max: 500, multiline: true)
        return copy
    }
}

/// Why two organisations count as related (the evidence a flagged redemption carries).
public struct RelationEvidence: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case sameOrganization = "same_organization"
        case declaredRelatedParty = "declared_related_party"
        case sameControllingHolder = "same_controlling_holder"
        case holderOfTheOther = "holder_of_the_other"
    }

    public var reason: Reason
    /// The credit code linking the two.
    public var creditCode: String

    public init(reason: Reason, creditCode: String) {
        self.reason = reason
        self.creditCode = creditCode
    }
}
