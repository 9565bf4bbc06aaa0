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

    public static func validate(_ password: String, field: String = "password") throws {
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
