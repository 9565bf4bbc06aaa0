import CorridorCrypto

/// RFC 6962 hashing: leaf = H(0x00 ‖ entry bytes), node = H(0x01 ‖ left ‖ right), with the
/// hash chosen when the database was created (SHA-256, or SM3 for 国密 deployments).
public struct TreeHasher: Sendable, Equatable {
    public let algorithm: DigestAlgorithm

    public init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
    }

    /// The root of the empty tree: the hash of nothing.
    public var emptyRoot: [UInt8] { Digest.hash([UInt8](), using: algorithm) }

    public func leafHash(_ entry: [UInt8]) -> [UInt8] {
        Digest.hash([0x00] + entry, using: algorithm)
    }

    public func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        Digest.hash([0x01] + left + right, using: algorithm)
    }
}
