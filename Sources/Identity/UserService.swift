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
        // People set their own passwords: none is generated, shown or stored in the clear.
        guard let password = input.password else {
            throw DomainError.invalid(
                "password_required", field: "password", zh: "请设置初始密码", en: "Set an initial password")
        }
        try Passwords.validate(password)
        if actor.kind == .user {
            guard let role = actor.role, role.grantableRoles.contains(new.role) else {
                throw DomainError(
                    .forbidden, code: "role_not_grantable", field: "role",
                    zh: "无权授予该角色", en: "You may not give this role"
                )
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
            throw DomainError.notFound("organization", zh: "机构")
        }
        try Authorization.check(actor, .userCreate, on: organization.accessTarget)
        // The platform's own organisation and the government bureaus are managed by platform
        // administrators only: no one else makes logins there.
        if [.platform, .government].contains(organization.kind), actor.kind == .user, actor.role != .platformAdmin {
            throw DomainError(
                .forbidden, code: "organization_managed_by_platform", zh: "平台和政府机构的用户只能由平台管理员创建",
                en: "Users of the platform and government organisations are created by platform administrators only"
            )
        }
        guard new.role.allowedOrganizationKinds.contains(organization.kind) else {
            throw DomainError.invalid(
                "role_not_allowed_for_kind", field: "role",
                zh: "该角色不能属于此类机构", en: "This role cannot belong to a \(organization.kind.rawValue) organisation"
            )
        }
        if try UserStore.usernameTaken(db, new.username) {
            throw DomainError(
                .conflict, code: "username_taken", field: "username",
                zh: "用户名已被占用", en: "This username is already taken"
            )
        }
        let user = try UserStore.insert(
            db, organizationID: organizationID, new: new, passwordHash: passwordHash, now: now)
        return Audited(
            user, target: "user", id: String(user.id),
            change: [
                "organizationId": .int(organizationID), "username": .string(user.username),
                "displayName": .string(user.displayName), "role": .string(user.role.rawValue),
            ]
        )
    }

    public func list(in organizationID: Int64, page: PageRequest, by actor: Actor) async throws -> Page<User> {
        let rows = try await database.read { db -> [User] in
            guard let organization = try OrganizationStore.find(db, id: organizationID) else {
                throw DomainError.notFound("organization", zh: "机构")
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
