import Dispatch
import HummingbirdBcrypt
import Kernel

/// bcrypt hashing, run off the caller's thread (a hash costs ~100 ms at cost 10).
public struct Passwords: Sendable {
    public static let minimumLength = 10
    public static let maximumLength = 128
    /// What bcrypt reads of a password.
    public static let maximumBytes = 72
    public let cost: UInt8

    public init(cost: UInt8 = 10) {
        self.cost = cost
    }

    /// The rules, in order: length, bytes, not one of the most common passwords, not containing
    /// the username or the organisation's name (case-insensitive; spaces ignored).
    public static func validate(
        _ password: String, field: String = "password", username: String? = nil, organizationName: String? = nil
    ) throws {
        if password.count < minimumLength {
            throw IdentityError.passwordTooShort(field: field, minimum: minimumLength)
        }
        // bcrypt reads 72 bytes and ignores the rest: a longer password would be silently cut.
        if password.utf8.count > maximumBytes {
            throw IdentityError.passwordTooManyBytes(field: field, maximumBytes: maximumBytes)
        }
        if password.count > maximumLength {
            throw IdentityError.passwordTooLong(field: field, maximum: maximumLength)
        }
        if CommonPasswords.contains(password) {
            throw IdentityError.passwordTooCommon(field: field)
        }
        let folded = Self.folded(password)
        if let username, username.count >= 3, folded.contains(Self.folded(username)) {
            throw IdentityError.passwordContainsUsername(field: field)
        }
        if let organizationName, case let name = Self.folded(organizationName), name.count >= 2, folded.contains(name) {
            throw IdentityError.passwordContainsOrganization(field: field)
        }
    }

    private static func folded(_ text: String) -> String {
        text.lowercased().filter { !$0.isWhitespace }
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offload { Bcrypt.hash(password, cost: cost) }
    }

    public func hashSync(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        await Self.offload { Bcrypt.verify(password, hash: hash) }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
