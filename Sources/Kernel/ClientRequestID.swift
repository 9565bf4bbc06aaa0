/// The request id a client may choose (`X-Request-Id`): kept when sane, so a caller can follow
/// its request through logs and the audit log; anything else is replaced by a generated one. The
/// API and the console apply the same rule (issue 14).
public enum ClientRequestID {
    /// 1–128 characters of letters, digits and `-_.:`; nil for anything else.
    public static func sane(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || [0x2D, 0x5F, 0x2E, 0x3A].contains(byte)
        }
        return allowed ? value : nil
    }
}
