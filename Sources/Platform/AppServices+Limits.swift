import Foundation
import Identity
import Kernel
import Store

extension AppServices {
    /// The clock of the database, which the limits share (tests move it).
    public var clock: any Kernel.Clock { database.clock }
}

extension ServerConfiguration.AbuseLimits {
    /// The sign-in lockout these limits ask for.
    public var loginPolicy: LoginThrottle.Policy {
        LoginThrottle.Policy(
            failuresPerUsername: loginFailures, failuresPerAddress: loginFailuresPerAddress,
            window: TimeInterval(loginWindowSeconds), lockout: TimeInterval(lockoutSeconds)
        )
    }
}
