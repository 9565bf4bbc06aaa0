import Foundation
import Kernel
import Listings

// Between the wire types of the patent routes (generated from openapi.yaml) and Listings' own
// types. Both directions are spelled out with every member, so a member added to the document
// and not mapped fails to compile (a required one).

extension Patent.LegalStatus {
    init(_ wire: Components.Schemas.PatentLegalStatus) {
        switch wire {
        case .pending: self = .pending
        case .granted: self = .granted
        case .lapsed: self = .lapsed
        case .invalidated: self = .invalidated
        }
    }
}

extension Components.Schemas.PatentLegalStatus {
    init(_ domain: Patent.LegalStatus) {
        switch domain {
        case .pending: self = .pending
        case .granted: self = .granted
        case .lapsed: self = .lapsed
        case .invalidated: self = .invalidated
        }
    }
}

extension Patent.TransferMode {
    init(_ wire: Components.Schemas.TransferMode) {
        switch wire {
        case .assignment: self = .assignment
        case .licenceExclusive: self = .licenceExclusive
        case .licenceNonExclusive: self = .licenceNonExclusive
        case .equity: self = .equity
        }
    }
}

extension Components.Schemas.TransferMode {
    init(_ domain: Patent.TransferMode) {
        switch domain {
        case .assignment: self = .assignment
        case .licenceExclusive: self = .licenceExclusive
        case .licenceNonExclusive: self = .licenceNonExclusive
        case .equity: self = .equity
        }
    }
}

extension NewPatent {
    init(_ wire: Components.Schemas.NewPatent) {
        self.init(
            number: wire.number, title: wire.title, abstract: wire.abstract, claimsSummary: wire.claimsSummary,
            ipcCodes: wire.ipcCodes, applicants: wire.applicants, inventors: wire.inventors,
            legalStatus: Patent.LegalStatus(wire.legalStatus), fields: wire.fields.map { Field($0) },
            keywords: wire.keywords, trl: wire.trl.map { Int($0) },
            transferModes: wire.transferModes.map { Patent.TransferMode($0) },
            askingPrice: PriceRange(wire.askingPrice), status: wire.status.map { SupplyStatus($0) },
            ownerOrganizationId: wire.ownerOrganizationId
        )
    }
}

extension Components.Schemas.NewPatent {
    init(_ domain: NewPatent) {
        self.init(
            abstract: domain.abstract, applicants: domain.applicants,
            askingPrice: Components.Schemas.PriceRange(domain.askingPrice),
            claimsSummary: domain.claimsSummary, fields: domain.fields.map { Components.Schemas.FieldCode($0) },
            inventors: domain.inventors, ipcCodes: domain.ipcCodes, keywords: domain.keywords,
            legalStatus: Components.Schemas.PatentLegalStatus(domain.legalStatus), number: domain.number,
            ownerOrganizationId: domain.ownerOrganizationId,
            status: domain.status.map { Components.Schemas.ListingStatus($0) }, title: domain.title,
            transferModes: domain.transferModes.map { Components.Schemas.TransferMode($0) },
            trl: domain.trl.map { Int64($0) }
        )
    }
}

extension PatentPatch {
    init(_ wire: Components.Schemas.PatentPatch) {
        self.init(
            title: wire.title, abstract: wire.abstract, claimsSummary: wire.claimsSummary, ipcCodes: wire.ipcCodes,
            applicants: wire.applicants, inventors: wire.inventors,
            legalStatus: wire.legalStatus.map { Patent.LegalStatus($0) }, fields: wire.fields?.map { Field($0) },
            keywords: wire.keywords, trl: wire.trl.map { Int($0) },
            transferModes: wire.transferModes?.map { Patent.TransferMode($0) },
            askingPrice: wire.askingPrice.map { PriceRange($0) }, status: wire.status.map { SupplyStatus($0) }
        )
        expectedVersion = wire.version
    }
}

extension Components.Schemas.PatentPatch {
    init(_ domain: PatentPatch) {
        self.init(
            abstract: domain.abstract, applicants: domain.applicants,
            askingPrice: domain.askingPrice.map { Components.Schemas.PriceRange($0) },
            claimsSummary: domain.claimsSummary,
            fields: domain.fields?.map { Components.Schemas.FieldCode($0) }, inventors: domain.inventors,
            ipcCodes: domain.ipcCodes, keywords: domain.keywords,
            legalStatus: domain.legalStatus.map { Components.Schemas.PatentLegalStatus($0) },
            status: domain.status.map { Components.Schemas.ListingStatus($0) }, title: domain.title,
            transferModes: domain.transferModes?.map { Components.Schemas.TransferMode($0) },
            trl: domain.trl.map { Int64($0) }, version: domain.expectedVersion
        )
    }
}

extension PatentNumber.Kind {
    init(_ wire: Components.Schemas.Patent.PatentTypePayload) {
        switch wire {
        case .invention: self = .invention
        case .utilityModel: self = .utilityModel
        case .design: self = .design
        case .pctInvention: self = .pctInvention
        case .pctUtilityModel: self = .pctUtilityModel
        }
    }
}

extension Components.Schemas.Patent.PatentTypePayload {
    init(_ domain: PatentNumber.Kind) {
        switch domain {
        case .invention: self = .invention
        case .utilityModel: self = .utilityModel
        case .design: self = .design
        case .pctInvention: self = .pctInvention
        case .pctUtilityModel: self = .pctUtilityModel
        }
    }
}

extension Components.Schemas.Patent {
    init(_ domain: Patent) {
        self.init(
            abstract: domain.abstract, applicants: domain.applicants,
            askingPrice: Components.Schemas.PriceRange(domain.askingPrice),
            city: Components.Schemas.CityCode(domain.city),
            claimsSummary: domain.claimsSummary, createdAt: domain.createdAt,
            fields: domain.fields.map { Components.Schemas.FieldCode($0) }, id: domain.id,
            inventors: domain.inventors, ipcCodes: domain.ipcCodes, keywords: domain.keywords,
            legalStatus: Components.Schemas.PatentLegalStatus(domain.legalStatus),
            moderation: domain.moderation.map { ModerationPayload($0) }, number: domain.number,
            ownerOrganizationId: domain.ownerOrganizationId, patentType: PatentTypePayload(domain.patentType),
            status: Components.Schemas.ListingStatus(domain.status), title: domain.title,
            transferModes: domain.transferModes.map { Components.Schemas.TransferMode($0) },
            trl: domain.trl.map { Int64($0) }, updatedAt: domain.updatedAt, version: domain.version
        )
    }
}

// The import's report.

extension Components.Schemas.ImportReport {
    init(_ domain: PatentImport.Report) {
        self.init(
            committed: domain.committed, created: Int64(domain.created), encoding: domain.encoding,
            errors: domain.errors.map(ErrorsPayloadPayload.init), errorsTruncated: domain.errorsTruncated,
            format: domain.format, invalid: Int64(domain.invalid), mode: ModePayload(domain.mode),
            rows: Int64(domain.rows), unchanged: Int64(domain.unchanged), updated: Int64(domain.updated))
    }
}

extension Components.Schemas.ImportReport.ErrorsPayloadPayload {
    init(_ domain: PatentImport.RowError) {
        self.init(
            code: domain.code, field: domain.field, line: Int64(domain.line), messageEn: domain.messageEn,
            messageZh: domain.messageZh, row: Int64(domain.row))
    }
}

extension Components.Schemas.ImportReport.ModePayload {
    init(_ domain: PatentImport.Mode) {
        switch domain {
        case .allOrNothing: self = .allOrNothing
        case .skipInvalid: self = .skipInvalid
        }
    }
}
