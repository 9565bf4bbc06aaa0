import Foundation
import GRDB
import Kernel
import Store

/// Invitations: an organisation's administrator (or the platform's) invites a person by e-mail
/// with a role no higher than they may grant; the invitee sets their own username and password
/// through a single-use token that expires. Nobody else sees the password.
public struct InvitationService: Sendable {
    let database: AppDatabase
    let passwords: Passwords
    /// How long an invitation's token stays usable.
    public static let lifetime: TimeInterval = 72 * 3_600

    public init(database: AppDatabase, passwords: Passwords) {
        self.database = database
        self.passwords = passwords
    }

    public func invite(
        in organizationID: Int64, _ input: NewInvitation, by actor: Actor
    ) async throws
        -> IssuedInvitation
    {
        let email = try AccountRules.email(input.email)
        let displayName = try Validate.text(input.displayName, field: "displayName", max: Limits.shortText)
        let role = input.role
        let token = OneTimeToken.generate(prefix: OneTimeToken.invitationPrefix)
        guard let hash = OneTimeToken.hash(token, prefix: OneTimeToken.invitationPrefix) else {
            preconditionFailure("generated invitation token has the wrong shape")
        }
        return try await database.write(as: actor, action: "invitation.create") { db, context in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            guard Authorization.allows(actor, .userCreate, on: organization.accessTarget) else {
                throw Authorization.allows(actor, .organizationRead, on: organization.accessTarget)
                    ? DomainError.forbidden : IdentityError.organizationNotFound
            }
            if actor.kind == .user {
                guard let own = actor.role, own.grantableRoles.contains(role) else {
                    throw IdentityError.roleNotGrantable
                }
            }
            if [.platform, .government].contains(organization.kind), actor.kind == .user, actor.role != .platformAdmin {
                throw IdentityError.organizationManagedByPlatform
            }
            guard role.allowedOrganizationKinds.contains(organization.kind) else {
                throw IdentityError.roleNotAllowedForKind(organization.kind)
            }
            if try UserStore.emailTaken(db, email) {
                throw IdentityError.emailTaken
            }
            let expiresAt = context.now.addingTimeInterval(Self.lifetime)
            try db.execute(
                sql: """
                    INSERT INTO invitations (organization_id, email, display_name, role, token_hash, invited_by,
                        created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    organizationID, email, displayName, role.rawValue, hash, actor.userID,
                    Timestamp.millis(context.now), Timestamp.millis(expiresAt),
                ])
            let id = db.lastInsertedRowID
            guard let invitation = try InvitationStore.find(db, id: id, now: context.now) else {
                throw IdentityError.invitationNotFound
            }
            return Audited(
                IssuedInvitation(invitation: invitation, token: token), target: "invitation", id: String(id),
                change: [
                    "organizationId": .int(organizationID), "email": .string(email),
                    "displayName": .string(displayName), "role": .string(role.rawValue),
                    "expiresAt": .int(Timestamp.millis(expiresAt)),
                ])
        }
    }

    /// The organisation's invitations, newest first (pending, accepted, revoked, expired).
    public func list(in organizationID: Int64, by actor: Actor) async throws -> [Invitation] {
        let now = database.clock.now()
        return try await database.read { db in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            try Authorization.check(actor, .userCreate, on: organization.accessTarget)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM invitations WHERE organization_id = ? ORDER BY id DESC LIMIT 200",
                arguments: [organizationID]
            ).map { InvitationStore.decode($0, now: now) }
        }
    }

    public func revoke(_ id: Int64, by actor: Actor) async throws -> Invitation {
        try await database.write(as: actor, action: "invitation.revoke") { db, context in
            guard let invitation = try InvitationStore.find(db, id: id, now: context.now),
                let organization = try OrganizationStore.find(db, id: invitation.organizationId),
                Authorization.allows(actor, .userCreate, on: organization.accessTarget)
            else {
                throw IdentityError.invitationNotFound
            }
            guard invitation.status == .pending else {
                throw IdentityError.invitationNotPending(invitation.status)
            }
            try db.execute(
                sql: "UPDATE invitations SET revoked_at = ? WHERE id = ?",
                arguments: [Timestamp.millis(context.now), id])
            var revoked = invitation
            revoked.status = .revoked
            return Audited(revoked, target: "invitation", id: String(id), change: ["revoked": true])
        }
    }

    /// What an invitation offers, for the page where it is accepted (the token is the only key).
    public func preview(token: String) async throws -> InvitationPreview {
        guard let hash = OneTimeToken.hash(token, prefix: OneTimeToken.invitationPrefix) else {
            throw IdentityError.invitationNotFound
        }
        let now = database.clock.now()
        return try await database.read { db in
            guard let invitation = try InvitationStore.find(db, hash: hash, now: now),
                let organization = try OrganizationStore.find(db, id: invitation.organizationId)
            else { throw IdentityError.invitationNotFound }
            try Self.usable(invitation)
            return InvitationPreview(
                organizationName: organization.name, displayName: invitation.displayName, email: invitation.email,
                role: invitation.role, expiresAt: invitation.expiresAt)
        }
    }

    /// The invitee sets their username and password; the invitation becomes a user, once.
    public func accept(_ input: InvitationAcceptance, requestID: String) async throws -> User {
        let username = try NewUser.validUsername(input.username)
        let preview = try await preview(token: input.token)
        try Passwords.validate(input.password, username: username, organizationName: preview.organizationName)
        guard let hash = OneTimeToken.hash(input.token, prefix: OneTimeToken.invitationPrefix) else {
            throw IdentityError.invitationNotFound
        }
        let passwordHash = await passwords.hash(input.password)
        let actor = Actor.system("invitation", requestID: requestID)
        return try await database.write(as: actor, action: "invitation.accept") { db, context in
            guard let invitation = try InvitationStore.find(db, hash: hash, now: context.now) else {
                throw IdentityError.invitationNotFound
            }
            try Self.usable(invitation)
            let new = NewUser(
                username: username, displayName: invitation.displayName, role: invitation.role,
                email: invitation.email)
            let created = try UserService.insert(
                db, organizationID: invitation.organizationId, new, passwordHash: passwordHash, actor: actor,
                now: context.now)
            try db.execute(
                sql: "UPDATE invitations SET accepted_at = ?, user_id = ? WHERE id = ? AND accepted_at IS NULL",
                arguments: [Timestamp.millis(context.now), created.value.id, invitation.id])
            guard db.changesCount == 1 else { throw IdentityError.invitationNotPending(.accepted) }
            return Audited(
                created.value, target: "invitation", id: String(invitation.id),
                change: [
                    "userId": .int(created.value.id), "username": .string(username),
                    "organizationId": .int(invitation.organizationId), "role": .string(invitation.role.rawValue),
                ])
        }
    }

    static func usable(_ invitation: Invitation) throws {
        switch invitation.status {
        case .pending: return
        case .expired: throw IdentityError.invitationExpired
        case .accepted, .revoked: throw IdentityError.invitationNotPending(invitation.status)
        }
    }
}

/// Rules shared by invitations and resets.
enum AccountRules {
    /// The address folded as users' addresses are (`NewUser.validEmail`), and nothing that could
    /// break out of a mail header.
    static func email(_ raw: String) throws -> String {
        guard let email = try NewUser.validEmail(raw),
            email.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"'`".unicodeScalars.contains($0)
            })
        else { throw IdentityError.userEmailFormat }
        return email
    }
}
