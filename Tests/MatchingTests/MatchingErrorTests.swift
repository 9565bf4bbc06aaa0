import Kernel
import Listings
import Testing

@testable import Matching

/// Every member of `MatchingError`, the module's one catalogue of refusals (issue 15), listed by
/// hand (a parameterised member with a representative argument): each has a well-formed code
/// of its own and a message in both languages.
struct MatchingErrorTests {
    static let entries: [(name: String, error: DomainError)] = [
        ("limitOutOfRange", MatchingError.limitOutOfRange(max: 50)),
        ("unsupportedMatchKind", MatchingError.unsupportedMatchKind(allowed: [.patent, .achievement])),
        ("listingNotFound", MatchingError.listingNotFound(.need)),
        ("organizationNotFound", MatchingError.organizationNotFound),
        ("textEmpty", MatchingError.textEmpty),
        ("textTooLong", MatchingError.textTooLong(max: 2_000)),
        ("tooManyFields", MatchingError.tooManyFields),
        ("subjectNotFound", MatchingError.subjectNotFound),
        ("candidateNotFound", MatchingError.candidateNotFound),
        ("candidateIsSubject", MatchingError.candidateIsSubject),
        ("candidateIsOwn", MatchingError.candidateIsOwn),
    ]

    @Test func namesAndCodesAreUnique() {
        let names = Self.entries.map(\.name)
        #expect(Set(names).count == names.count, "a member is listed twice")
        let codes = Self.entries.map(\.error.code)
        #expect(Set(codes).count == codes.count, "a code is used more than once: \(codes.sorted())")
    }

    /// Each kind of listing names its own code (`need_not_found`, …).
    @Test func listingNotFoundNamesTheKind() {
        #expect(
            [ListingKind.need, .patent, .achievement].map { MatchingError.listingNotFound($0).code }
                == ["need_not_found", "patent_not_found", "achievement_not_found"])
    }

    @Test(arguments: MatchingErrorTests.entries.map(\.name))
    func entryIsWellFormed(_ name: String) throws {
        let error = try #require(Self.entries.first { $0.name == name }?.error)
        #expect(error.code.wholeMatch(of: /[a-z][a-z0-9_]*/) != nil, "\(name): code \(error.code)")
        #expect(!error.messageZh.isEmpty, "\(name): no Chinese message")
        #expect(!error.messageEn.isEmpty, "\(name): no English message")
        #expect(
            error.messageZh.unicodeScalars.contains { (0x3400...0x9FFF).contains($0.value) },
            "\(name): the Chinese message has no Chinese character")
        #expect(error.field.map { !$0.isEmpty } ?? true, "\(name): an empty field")
    }
}
