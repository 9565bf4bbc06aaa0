import CorridorCrypto
import Foundation
import Identity
import Kernel

/// One request as the console sees it: who (if signed in), in which language, with which CSRF
/// token, under which request id.
struct Visit: Sendable {
    var principal: Principal?
    var displayName: String?
    var organizationName: String?
    var organizationKind: OrganizationKind?
    var language: Language
    var csrf: String
    var requestID: String
    var path: String
    /// The signed-in person's unread notifications, for the bell (nil: no inbox, or not signed in).
    var unread: Int?

    var actor: Actor? { principal?.actor(requestID: requestID) }

    /// The signed-in principal and its actor, or a redirect to the login page.
    func signedIn() throws -> (Principal, Actor) {
        guard let principal else { throw ConsoleRedirect.login(next: path) }
        return (principal, principal.actor(requestID: requestID))
    }

    func text(_ key: String) -> String { language.text(key) }

    /// The CSRF token of a session: derived from the session token, which only the browser
    /// holding the HttpOnly cookie knows.
    static func csrf(forSession token: String) -> String {
        Digest.sha256(Array("corridor-console-csrf\n\(token)".utf8)).hexString
    }
}

/// Thrown by a page to send the browser elsewhere.
enum ConsoleRedirect: Error {
    case login(next: String)
    case to(String)
}
