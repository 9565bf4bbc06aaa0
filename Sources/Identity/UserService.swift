import CorridorCrypto
import Foundation
import GRDB
import Kernel
import Store

/// Users of organisations: created by those allowed to, with roles their organisation may hold.
public struct UserService: Sendable {
    let database: AppDatabase
    let passwords: Passwords

    public init(database: AppDatabase, passwords: Passwords) {
        self.database = database
        self.passwords = passwords
    }

    public func create(in organizationID: Int64, _ input: NewUser, by actor: Actor) async throws -> CreatedUser {
        var new = input
        new.username = try NewUser.validUsername(input.username)
        new.displayName = try Validate.text(input.displayName, field: "displayName", max: Limits.shortText)
        new.email = try NewUser.validEmail(input.email)
        // People set their own passwords: none is generated, shown or stored in the clear.
        guard let password = input.password else {
            throw IdentityError.passwordRequired
        }
        let organizationName = try await database.read { db in try OrganizationStore.find(db, id: organizationID)?.name
        }
        try Passwords.validate(password, username: new.username, organizationName: organizationName)
        if actor.kind == .user {
            guard let role = actor.role, role.grantableRoles.contains(new.role) else {
                throw IdentityError.roleNotGrantable
            }
        }
        // Hash before the write transaction: bcrypt must not hold the single writer.
        let hash = await passwords.hash(password)
        let checked = new
        let user = try await database.write(as: actor, action: "user.create") { db, context in
            try Self.insert(
                db, organizationID: organizationID, checked, passwordHash: hash, actor: actor, now: context.now)
        }
        return CreatedUser(user: user)
    }

    /// Checks that need the database, then the insert; shared with the command line.
    static func insert(
        _ db: Database, organizationID: Int64, _ new: NewUser, passwordHash: String, actor: Actor, now: Date
    ) throws -> Audited<User> {
        guard let organization = try OrganizationStore.find(db, id: organizationID) else {
            throw IdentityError.organizationNotFound
        }
        try Authorization.check(actor, .userCreate, on: organization.accessTarget)
        // The platform's own organisation and the government bureaus are managed by platform
        // administrators only: no one else makes logins there.
        if [.platform, .government].contains(organization.kind), actor.kind == .user, actor.role != .platformAdmin {
            throw IdentityError.organizationManagedByPlatform
        }
        guard new.role.allowedOrganizationKinds.contains(organization.kind) else {
            throw IdentityError.roleNotAllowedForKind(organization.kind)
        }
        if try UserStore.usernameTaken(db, new.username) {
            throw IdentityError.usernameTaken
        }
        if let email = new.email, try UserStore.emailTaken(db, email) {
            throw IdentityError.emailTaken
        }
        let user = try UserStore.insert(
            db, organizationID: organizationID, new: new, passwordHash: passwordHash, now: now)
        return Audited(
            user, target: "user", id: String(user.id),
            change: [
                "organizationId": .int(organizationID), "username": .string(user.username),
                "displayName": .string(user.displayName), "role": .string(user.role.rawValue),
                "email": user.email.map { .string($0) } ?? .null,
            ]
        )
    }

    public func list(in organizationID: Int64, page: PageRequest, by actor: Actor) async throws -> Page<User> {
        let rows = try await database.read { db -> [User] in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw IdentityError.organizationNotFound
            }
            try Authorization.check(actor, .userList, on: organization.accessTarget)
            return try UserStore.list(db, organizationID: organizationID, page: page)
        }
        return page.page(rows, id: \.id)
    }

    /// 20 characters from an alphabet without look-alikes: about 115 bits (the first platform
    /// administrator's password, printed once on the terminal; the login decoy).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String(SecureRandom.bytes(20).map { alphabet[Int($0) % alphabet.count] })
    }
}
