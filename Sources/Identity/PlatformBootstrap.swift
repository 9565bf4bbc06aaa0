import Foundation
import GRDB
import Kernel
import Store

/// Creating the first platform administrator from the command line, through the same audited
/// write path as the API, acting as the system.
public enum PlatformBootstrap {
    public struct Result: Sendable {
        public var user: User
        public var generatedPassword: String?
        public var token: IssuedToken
    }

    public static func createAdministrator(
        database: AppDatabase, username: String, displayName: String, password: String?,
        passwords: Passwords, tokenLifetime: TimeInterval
    ) throws -> Result {
        let new = NewUser(
            username: try NewUser.validUsername(username),
            displayName: try Validate.text(displayName, field: "displayName", max: Limits.shortText),
            role: .platformAdmin, password: nil
        )
        if let password { try Passwords.validate(password) }
        let generated = password == nil ? UserService.generatePassword() : nil
        let hash = passwords.hashSync(password ?? generated ?? "")
        let platform = try database.readSync { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM organizations WHERE kind = 'platform' ORDER BY id LIMIT 1")
        }
        guard let platform else {
            throw IdentityError.noPlatformOrganization
        }
        let actor = Actor.system("cli:admin-create", requestID: "cli-" + UUID().uuidString.lowercased())
        let user = try database.writeSync(as: actor, action: "user.create") { db, context in
            try UserService.insert(
                db, organizationID: platform, new, passwordHash: hash, actor: actor, now: context.now)
        }
        let token = TokenStore.generate()
        let issued = try database.writeSync(as: actor, action: "token.create") { db, context in
            let expiresAt = context.now.addingTimeInterval(tokenLifetime)
            let id = try TokenStore.insert(
                db, token: token, userID: user.id, kind: .session, name: "admin create", now: context.now,
                expiresAt: expiresAt
            )
            return Audited(
                IssuedToken(id: id, token: token, tokenType: .bearer, expiresAt: expiresAt, user: user),
                target: "token", id: String(id), change: ["kind": "session", "userId": .int(user.id)]
            )
        }
        return Result(user: user, generatedPassword: generated, token: issued)
    }
}
