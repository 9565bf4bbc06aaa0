import Foundation
import Kernel
import TextAnalysis

/// Validation of patent fields, each failure precise and naming its field.
enum PatentRules {
    static func ipcCodes(_ codes: [String]) throws -> [String] {
        guard codes.count <= 20 else {
            throw ListingsError.tooManyIPCCodes
        }
        var result: [String] = []
        for (index, code) in codes.enumerated() {
            guard let parsed = IPCCode.parse(code) else {
                throw ListingsError.ipcFormat(index: index)
            }
            if !result.contains(parsed.display) { result.append(parsed.display) }
        }
        return result
    }

    static func transferModes(_ modes: [Patent.TransferMode]) throws -> [Patent.TransferMode] {
        guard !modes.isEmpty else {
            throw ListingsError.transferModesRequired
        }
        return Patent.TransferMode.allCases.filter(modes.contains)
    }

    /// A new patent from its input: every field checked, first failure thrown.
    static func make(_ input: NewPatent, owner: Int64, city: CityCode, now: Date, currentYear: Int) throws -> Patent {
        let number = try PatentNumber(input.number, field: "number", currentYear: currentYear)
        return Patent(
            id: 0, ownerOrganizationId: owner, city: city, number: number.value, patentType: number.kind,
            title: try Validate.text(input.title, field: "title", max: ListingRules.titleMax),
            abstract: try Validate.text(
                input.abstract, field: "abstract", max: ListingRules.summaryMax, multiline: true),
            claimsSummary: try Validate.optionalText(
                input.claimsSummary, field: "claimsSummary", max: ListingRules.summaryMax, multiline: true),
            ipcCodes: try ipcCodes(input.ipcCodes ?? []),
            applicants: try ListingRules.names(input.applicants ?? [], field: "applicants", required: false),
            inventors: try ListingRules.names(input.inventors ?? [], field: "inventors", required: false),
            legalStatus: input.legalStatus,
            fields: try ListingRules.fields(input.fields),
            keywords: try ListingRules.keywords(input.keywords ?? []),
            trl: try ListingRules.trl(input.trl, required: false),
            transferModes: try transferModes(input.transferModes),
            askingPrice: try input.askingPrice.validated(field: "askingPrice"),
            status: try initialStatus(input.status),
            moderation: nil, createdAt: now, updatedAt: now, version: 1
        )
    }

    static func initialStatus(_ status: SupplyStatus?) throws -> SupplyStatus {
        let status = status ?? .listed
        guard status == .draft || status == .listed else {
            throw ListingsError.invalidInitialStatus
        }
        return status
    }

    static func apply(_ patch: PatentPatch, to patent: Patent) throws -> Patent {
        var next = patent
        if let title = patch.title { next.title = try Validate.text(title, field: "title", max: ListingRules.titleMax) }
        if let abstract = patch.abstract {
            next.abstract = try Validate.text(
                abstract, field: "abstract", max: ListingRules.summaryMax, multiline: true)
        }
        if let claims = patch.claimsSummary {
            next.claimsSummary = try Validate.optionalText(
                claims, field: "claimsSummary", max: ListingRules.summaryMax, multiline: true)
        }
        if let codes = patch.ipcCodes { next.ipcCodes = try ipcCodes(codes) }
        if let applicants = patch.applicants {
            next.applicants = try ListingRules.names(applicants, field: "applicants", required: false)
        }
        if let inventors = patch.inventors {
            next.inventors = try ListingRules.names(inventors, field: "inventors", required: false)
        }
        if let legal = patch.legalStatus { next.legalStatus = legal }
        if let fields = patch.fields { next.fields = try ListingRules.fields(fields) }
        if let keywords = patch.keywords { next.keywords = try ListingRules.keywords(keywords) }
        if let trl = patch.trl { next.trl = try ListingRules.trl(trl, required: false) }
        if let modes = patch.transferModes { next.transferModes = try transferModes(modes) }
        if let price = patch.askingPrice { next.askingPrice = try price.validated(field: "askingPrice") }
        if let status = patch.status { next.status = try SupplyLifecycle.move(from: patent.status, to: status) }
        return next
    }
}

/// Which status changes an owner may make to a patent or achievement.
enum SupplyLifecycle {
    static let allowed: [SupplyStatus: Set<SupplyStatus>] = [
        .draft: [.listed, .withdrawn],
        .listed: [.underNegotiation, .transferred, .withdrawn, .draft],
        .underNegotiation: [.listed, .transferred, .withdrawn],
        .transferred: [],
        .withdrawn: [.listed, .draft],
    ]

    static func move(from current: SupplyStatus, to next: SupplyStatus) throws -> SupplyStatus {
        if current == next { return next }
        guard allowed[current, default: []].contains(next) else {
            let options = SupplyStatus.allCases.filter { allowed[current, default: []].contains($0) }.map(\.rawValue)
            throw ListingsError.illegalStatusChange(from: current.rawValue, to: next.rawValue, allowed: options)
        }
        return next
    }
}
