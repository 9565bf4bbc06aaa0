import CorridorCrypto
import Foundation

/// How a webhook is signed, and how a receiver checks it.
///
/// The header `Corridor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` carries the MAC of
/// `"<t>.<body>"` under the endpoint's signing key (the secret shown once, as hex). A receiver
/// recomputes it, compares in constant time, refuses a timestamp older than its tolerance (a
/// replay), and de-duplicates by the body's `id` (delivery is at least once).
public enum WebhookSignature {
    public static let header = "Corridor-Signature"

    public static func sign(body: [UInt8], key: [UInt8], at time: Date) -> String {
        let stamp = Int64(time.timeIntervalSince1970)
        let mac = HMAC.sha256(key: key, message: Array("\(stamp).".utf8) + body)
        return "t=\(stamp),v1=\(mac.hexString)"
    }

    public enum Failure: Error, Equatable {
        case malformed, stale, mismatch
    }

    /// Checks a received header against the body; throws why it is not genuine.
    public static func verify(
        header: String, body: [UInt8], key: [UInt8], now: Date, tolerance: TimeInterval = 300
    ) throws(Failure) {
        var stamp: Int64?
        var macs: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw .malformed }
            if pair[0] == "t" { stamp = Int64(pair[1]) }
            if pair[0] == "v1", let mac = [UInt8](hexString: pair[1]) { macs.append(mac) }
        }
        guard let stamp, !macs.isEmpty else { throw .malformed }
        guard abs(now.timeIntervalSince1970 - TimeInterval(stamp)) <= tolerance else { throw .stale }
        let expected = HMAC.sha256(key: key, message: Array("\(stamp).".utf8) + body)
        guard macs.contains(where: { HMAC.constantTimeEqual($0, expected) }) else { throw .mismatch }
    }
}
