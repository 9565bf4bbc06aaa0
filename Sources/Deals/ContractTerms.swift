import Foundation
import Kernel

/// What both parties agree to and confirm by hash: everything but the parties, which are fixed
/// for the contract's life. The `termsHash` is SHA-256 over the canonical JSON of these terms
/// together with the parties.
public struct ContractTerms: Codable, Sendable, Equatable {
    public struct Instalment: Codable, Sendable, Equatable {
        public var dueOn: Date
        public var amountFen: Int64

        public init(dueOn: Date, amountFen: Int64) {
            self.dueOn = dueOn
            self.amountFen = amountFen
        }
    }

    public var type: ContractType
    /// An exclusive licence (独占许可); false for every other type.
    public var exclusive: Bool
    public var title: String
    public var valueFen: Int64
    public var instalments: [Instalment]
    public var termStart: Date
    public var termEnd: Date
    /// SHA-256 (hex) of the signed contract file; may be missing in a draft, needed to sign.
    public var fileSha256: String?
    /// The seller's patents and achievements the contract is about.
    public var listingIds: [Int64]
    /// The buyer's need, challenge and the connection it came from.
    public var needId: Int64?
    public var challengeId: Int64?
    public var connectionId: Int64?

    public init(
        type: ContractType, exclusive: Bool = false, title: String, valueFen: Int64, instalments: [Instalment],
        termStart: Date, termEnd: Date, fileSha256: String? = nil, listingIds: [Int64] = [], needId: Int64? = nil,
        challengeId: Int64? = nil, connectionId: Int64? = nil
    ) {
        self.type = type
        self.exclusive = exclusive
        self.title = title
        self.valueFen = valueFen
        self.instalments = instalments
        self.termStart = termStart
        self.termEnd = termEnd
        self.fileSha256 = fileSha256
        self.listingIds = listingIds
        self.needId = needId
        self.challengeId = challengeId
        self.connectionId = connectionId
    }

    /// Ready to sign: the file's hash is known.
    var isComplete: Bool { fileSha256 != nil }
}

/// A new draft (either party creates it for its own organisation).
public struct NewContract: Sendable {
    public var buyerOrganizationId: Int64
    public var sellerOrganizationId: Int64
    public var terms: ContractTerms

    public init(buyerOrganizationId: Int64, sellerOrganizationId: Int64, terms: ContractTerms) {
        self.buyerOrganizationId = buyerOrganizationId
        self.sellerOrganizationId = sellerOrganizationId
        self.terms = terms
    }
}

/// The checks on terms that need no database (the references are checked by the service).
enum TermsRules {
    static let titleMax = 200
    static let maxInstalments = 60
    static let maxListings = 10
    /// ¥10 billion: a typo guard, far above any contract of the corridor.
    static let maxValueFen: Int64 = 1_000_000_000_000

    /// Trimmed, checked copy; throws the first precise error in field order.
    static func validated(_ terms: ContractTerms) throws -> ContractTerms {
        var copy = terms
        // The title is kept as given (trimmed): a formula prefix is escaped where CSV is written.
        copy.title = try Validate.text(terms.title, field: "title", max: titleMax)
        guard terms.valueFen > 0 else { throw DealsError.valueNotPositive }
        guard terms.valueFen <= maxValueFen else { throw DealsError.valueTooLarge }
        guard (1...maxInstalments).contains(terms.instalments.count), terms.instalments.allSatisfy({ $0.amountFen > 0 })
        else { throw DealsError.instalmentsInvalid }
        var sum: Int64 = 0
        for instalment in terms.instalments {
            let (next, overflow) = sum.addingReportingOverflow(instalment.amountFen)
            guard !overflow else { throw DealsError.instalmentsSum(sum: .max, value: terms.valueFen) }
            sum = next
        }
        guard sum == terms.valueFen else { throw DealsError.instalmentsSum(sum: sum, value: terms.valueFen) }
        guard terms.termEnd > terms.termStart else { throw DealsError.termInvalid }
        if let hash = terms.fileSha256 {
            let lower = hash.lowercased()
            guard lower.count == 64, lower.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
                throw DealsError.fileHashInvalid
            }
            copy.fileSha256 = lower
        }
        guard !terms.exclusive || terms.type.family == .licence else { throw DealsError.exclusiveNotLicence }
        guard terms.listingIds.count <= maxListings, Set(terms.listingIds).count == terms.listingIds.count else {
            throw DealsError.listingNotSellers
        }
        // Times to whole milliseconds, as stored, so the hash of a stored copy is the same.
        copy.termStart = Timestamp.date(millis: Timestamp.millis(terms.termStart))
        copy.termEnd = Timestamp.date(millis: Timestamp.millis(terms.termEnd))
        copy.instalments = terms.instalments.map {
            ContractTerms.Instalment(dueOn: Timestamp.date(millis: Timestamp.millis($0.dueOn)), amountFen: $0.amountFen)
        }
        return copy
    }

    /// The hash a confirmation binds to: the parties and the terms, canonically encoded.
    static func hash(buyer: Int64, seller: Int64, terms: ContractTerms) throws -> String {
        struct Canonical: Encodable {
            var buyerOrganizationId: Int64
            var sellerOrganizationId: Int64
            var terms: ContractTerms
        }
        return try DealsCoding.canonicalHash(
            Canonical(buyerOrganizationId: buyer, sellerOrganizationId: seller, terms: terms))
    }
}
