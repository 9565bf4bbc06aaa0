import Foundation
import GRDB
import Kernel

/// An invitation to join an organisation with a role; the invitee picks their own username and
/// password through a single-use token (only its SHA-256 is stored).
public struct Invitation: Codable, Sendable, Equatable {
    public enum Status: String, Codable, CaseIterable, Sendable {
        case pending, accepted, revoked, expired
    }

    public var id: Int64
    public var organizationId: Int64
    public var email: String
    public var displayName: String
    public var role: Role
    public var invitedBy: Int64?
    public var createdAt: Date
    public var expiresAt: Date
    public var status: Status
    /// The user the invitation became, once accepted.
    public var userId: Int64?
}

/// The body of `POST /v1/organizations/{id}/invitations`.
public struct NewInvitation: Sendable, Equatable {
    public var email: String
    public var displayName: String
    public var role: Role

    public init(email: String, displayName: String, role: Role) {
        self.email = email
        self.displayName = displayName
        self.role = role
    }
}

/// A new invitation with its token, shown once (to be mailed, or handed over when no mail
/// relay is configured). A replay answers with the token empty.
public struct IssuedInvitation: Codable, Sendable, SecretBearing {
    public var invitation: Invitation
    public var token: String
    public var alreadyShown: Bool?

    public func withoutSecret() -> IssuedInvitation {
        var copy = self
        copy.token = ""
        copy.alreadyShown = true
        return copy
    }
}

/// What the invitee sees before accepting: who invites them where, as what.
public struct InvitationPreview: Codable, Sendable, Equatable {
    public var organizationName: String
    public var displayName: String
    public var email: String
    public var role: Role
    public var expiresAt: Date
}

/// The body of `POST /v1/invitations/accept`.
public struct InvitationAcceptance: Sendable, Equatable {
    public var token: String
    public var username: String
    public var password: String

    public init(token: String, username: String, password: String) {
        self.token = token
        self.username = username
        self.password = password
    }
}

enum InvitationStore {
    static func decode(_ row: Row, now: Date) -> Invitation {
        let expiresAt = Timestamp.date(millis: row["expires_at"])
        let status: Invitation.Status =
            if row["accepted_at"] as Int64? != nil {
                .accepted
            } else if row["revoked_at"] as Int64? != nil {
                .revoked
            } else if expiresAt <= now {
                .expired
            } else {
                .pending
            }
        return Invitation(
            id: row["id"], organizationId: row["organization_id"], email: row["email"],
            displayName: row["display_name"], role: Role(rawValue: row["role"]) ?? .orgMember,
            invitedBy: row["invited_by"], createdAt: Timestamp.date(millis: row["created_at"]), expiresAt: expiresAt,
            status: status, userId: row["user_id"])
    }

    static func find(_ db: Database, id: Int64, now: Date) throws -> Invitation? {
        try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE id = ?", arguments: [id]).map {
            decode($0, now: now)
        }
    }

    static func find(_ db: Database, hash: Data, now: Date) throws -> Invitation? {
        try Row.fetchOne(db, sql: "SELECT * FROM invitations WHERE token_hash = ?", arguments: [hash]).map {
            decode($0, now: now)
        }
    }
}
