import Foundation
import Kernel

/// A patent listed for transfer (专利).
public struct Patent: ListingDocument, Equatable {
    public enum LegalStatus: String, Codable, CaseIterable, Sendable {
        case pending, granted, lapsed, invalidated
    }

    /// What the owner offers: assignment 转让, licence 许可 (exclusive or not), equity 作价入股.
    public enum TransferMode: String, Codable, CaseIterable, Sendable {
        case assignment
        case licenceExclusive = "licence_exclusive"
        case licenceNonExclusive = "licence_non_exclusive"
        case equity
    }

    static let kind = ListingKind.patent

    public var id: Int64
    public var ownerOrganizationId: Int64
    public var city: CityCode
    public var number: String
    public var patentType: PatentNumber.Kind
    public var title: String
    public var abstract: String
    public var claimsSummary: String?
    public var ipcCodes: [String]
    public var applicants: [String]
    public var inventors: [String]
    public var legalStatus: LegalStatus
    public var fields: [Field]
    public var keywords: [String]
    public var trl: Int?
    public var transferModes: [TransferMode]
    public var askingPrice: PriceRange
    public var status: SupplyStatus
    public var moderation: Moderation?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int64

    var columns: ListingColumns {
        ListingColumns(
            status: status.rawValue, visibility: .public, searchable: status.isSearchable, trl: trl,
            priceMin: askingPrice.minFen, priceMax: askingPrice.maxFen, fields: fields, deadline: nil, year: nil,
            externalKey: number
        )
    }

    var searchText: SearchText {
        SearchText(
            title: title, keywords: keywords + ipcCodes,
            body: [abstract, claimsSummary ?? "", applicants.joined(separator: " "), inventors.joined(separator: " ")]
        )
    }
}

/// A patent to list: `POST /v1/patents`, and one row of an import (which decodes it from the
/// import file's JSON, hence Codable).
public struct NewPatent: Codable, Sendable {
    public var number: String
    public var title: String
    public var abstract: String
    public var claimsSummary: String?
    public var ipcCodes: [String]?
    public var applicants: [String]?
    public var inventors: [String]?
    public var legalStatus: Patent.LegalStatus
    public var fields: [Field]
    public var keywords: [String]?
    public var trl: Int?
    public var transferModes: [Patent.TransferMode]
    public var askingPrice: PriceRange
    public var status: SupplyStatus?
    /// For platform administrators acting for an organisation; others list for their own.
    public var ownerOrganizationId: Int64?

    public init(
        number: String, title: String, abstract: String, claimsSummary: String? = nil, ipcCodes: [String]? = nil,
        applicants: [String]? = nil, inventors: [String]? = nil, legalStatus: Patent.LegalStatus, fields: [Field],
        keywords: [String]? = nil, trl: Int? = nil, transferModes: [Patent.TransferMode], askingPrice: PriceRange,
        status: SupplyStatus? = nil, ownerOrganizationId: Int64? = nil
    ) {
        self.number = number
        self.title = title
        self.abstract = abstract
        self.claimsSummary = claimsSummary
        self.ipcCodes = ipcCodes
        self.applicants = applicants
        self.inventors = inventors
        self.legalStatus = legalStatus
        self.fields = fields
        self.keywords = keywords
        self.trl = trl
        self.transferModes = transferModes
        self.askingPrice = askingPrice
        self.status = status
        self.ownerOrganizationId = ownerOrganizationId
    }
}

/// An amendment (`PATCH /v1/patents/{id}`): absent fields stay as they are. The number does not change.
public struct PatentPatch: Sendable {
    /// The version the change was made from; another version stored meanwhile refuses it.
    public var expectedVersion: Int64? = nil
    public var title: String?
    public var abstract: String?
    public var claimsSummary: String?
    public var ipcCodes: [String]?
    public var applicants: [String]?
    public var inventors: [String]?
    public var legalStatus: Patent.LegalStatus?
    public var fields: [Field]?
    public var keywords: [String]?
    public var trl: Int?
    public var transferModes: [Patent.TransferMode]?
    public var askingPrice: PriceRange?
    public var status: SupplyStatus?

    public init(
        title: String? = nil, abstract: String? = nil, claimsSummary: String? = nil, ipcCodes: [String]? = nil,
        applicants: [String]? = nil, inventors: [String]? = nil, legalStatus: Patent.LegalStatus? = nil,
        fields: [Field]? = nil, keywords: [String]? = nil, trl: Int? = nil, transferModes: [Patent.TransferMode]? = nil,
        askingPrice: PriceRange? = nil, status: SupplyStatus? = nil
    ) {
        self.title = title
        self.abstract = abstract
        self.claimsSummary = claimsSummary
        self.ipcCodes = ipcCodes
        self.applicants = applicants
        self.inventors = inventors
        self.legalStatus = legalStatus
        self.fields = fields
        self.keywords = keywords
        self.trl = trl
        self.transferModes = transferModes
        self.askingPrice = askingPrice
        self.status = status
    }
}
