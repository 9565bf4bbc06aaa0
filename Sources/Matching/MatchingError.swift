import Kernel
import Listings

/// The one catalogue of the matching module's refusals: a member per stable code, with its kind
/// (the HTTP layer maps it to a status), its field and its Chinese and English message, here and
/// nowhere else (issue 15). Grouped by flow; within a flow, where several apply, the services
/// check them in the order listed. Each member is a `DomainError`, the one error type the HTTP
/// layer and the console know, so logic files write `throw MatchingError.someCase`. Codes and
/// messages are the wire contract: change them only with the OpenAPI document.
enum MatchingError {
    private static func invalid(_ code: String, field: String, zh: String, en: String) -> DomainError {
        .invalid(code, field: field, zh: zh, en: en)
    }

    // MARK: what is matched (the options, then the subject)

    static func limitOutOfRange(max: Int) -> DomainError {
        invalid(
            "limit_out_of_range", field: "limit", zh: "limit 须在 1 到 \(max) 之间",
            en: "limit must be between 1 and \(max)")
    }
    static func unsupportedMatchKind(allowed: [CandidateKind]) -> DomainError {
        invalid(
            "unsupported_match_kind", field: "kind",
            zh: "此处可匹配的类型为：\(allowed.map(\.rawValue).joined(separator: "、"))",
            en: "Kinds matched here: \(allowed.map(\.rawValue).joined(separator: ", "))")
    }
    /// The listing being matched, missing or not the viewer's to match (`need_not_found`, …).
    static func listingNotFound(_ kind: ListingKind) -> DomainError {
        .notFound(kind.rawValue, zh: kind == .need ? "技术需求" : kind == .patent ? "专利" : "科技成果")
    }
    /// The organisation being matched, missing or not the viewer's to match.
    static var organizationNotFound: DomainError { .notFound("organization", zh: "机构") }

    // MARK: a problem in the engineer's words (`POST /v1/matches/query`)

    static var textEmpty: DomainError {
        invalid("text_empty", field: "text", zh: "请填写要匹配的问题描述", en: "Describe the problem to match")
    }
    static func textTooLong(max: Int) -> DomainError {
        invalid(
            "text_too_long", field: "text", zh: "问题描述最多 \(max) 字", en: "The text is limited to \(max) characters")
    }
    static var tooManyFields: DomainError {
        invalid("too_many_fields", field: "fields", zh: "领域过多", en: "Too many fields")
    }

    // MARK: feedback (the subject, the candidate, then the pair)

    static var subjectNotFound: DomainError {
        DomainError(.notFound, code: "subject_not_found", field: "subjectId", zh: "匹配对象不存在", en: "No such subject")
    }
    static var candidateNotFound: DomainError {
        DomainError(
            .notFound, code: "candidate_not_found", field: "candidateId", zh: "匹配候选不存在", en: "No such candidate")
    }
    static var candidateIsSubject: DomainError {
        invalid(
            "candidate_is_subject", field: "candidateId", zh: "候选不能是匹配对象本身", en: "The candidate is the subject itself")
    }
    static var candidateIsOwn: DomainError {
        invalid(
            "candidate_is_own", field: "candidateId", zh: "不能对本机构自己的条目反馈",
            en: "Feedback on your own organisation's listings is not accepted")
    }
}
