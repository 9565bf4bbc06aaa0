import Foundation
import Identity
import Kernel

/// Who may read a listing: its owner organisation, the administrators and auditors always;
/// everyone else only while it is searchable and not hidden, and corridor-only listings only
/// when signed in. A listing one may not see is answered 404, leaking nothing.
enum ListingAccess {
    static func seesEverything(_ viewer: Actor?, _ target: AccessTarget) -> Bool {
        guard let viewer else { return false }
        return Authorization.allows(viewer, .listingSupervise, on: target)
    }

    static func canRead<Document: ListingDocument>(_ viewer: Actor?, _ document: Document) -> Bool {
        if seesEverything(viewer, document.accessTarget) { return true }
        guard document.isPubliclyVisible else { return false }
        return document.columns.visibility == .public || viewer != nil
    }

    static func notFound(_ kind: ListingKind) -> DomainError {
        ListingsError.listingNotFound(kind)
    }
}
