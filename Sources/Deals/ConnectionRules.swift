import Foundation
import GRDB
import Kernel
import Listings

/// The checks of a new request that need no lifecycle: its message and its subject.
enum ConnectionRules {
    /// The message as given (not trimmed): not blank, at most `max` characters, no control
    /// character but the line feed.
    static func message(_ text: String, max: Int, field: String = "message") throws -> String {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalid("required", field: field, zh: "\(field) 不能为空", en: "\(field) must not be empty")
        }
        try Validate.length(text, field: field, max: max)
        let refused = text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A: false
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
            default: false
            }
        }
        guard !refused else {
            throw DomainError.invalid(
                "control_characters", field: field, zh: "\(field) 不能包含换行以外的控制字符",
                en: "\(field) must not contain control characters other than line feeds")
        }
        return text
    }

    /// The organisation the request goes to: the subject's owner, or for a match the owner of
    /// the side the requester is not on. A subject others cannot find is "not found".
    static func receiver(_ db: Database, of subject: ConnectionSubject, requester: Int64) throws -> Int64 {
        func visible(_ id: Int64, _ kinds: Set<ListingKind>) throws -> ListingFacts {
            guard let facts = try ListingDirectory.facts(db, id: id),
                facts.visible || facts.ownerOrganizationId == requester
            else { throw DealsError.subjectNotFound }
            guard kinds.contains(facts.kind) else { throw DealsError.subjectKindMismatch }
            return facts
        }
        switch subject {
        case .patent(let id): return try visible(id, [.patent]).ownerOrganizationId
        case .achievement(let id): return try visible(id, [.achievement]).ownerOrganizationId
        case .need(let id): return try visible(id, [.need]).ownerOrganizationId
        case .challenge(let id): return try visible(id, [.challenge]).ownerOrganizationId
        case .match(let needId, let listingId):
            let need = try visible(needId, [.need])
            let listing = try visible(listingId, [.patent, .achievement])
            if need.ownerOrganizationId == requester { return listing.ownerOrganizationId }
            if listing.ownerOrganizationId == requester { return need.ownerOrganizationId }
            throw DealsError.notSubjectParty
        }
    }
}
