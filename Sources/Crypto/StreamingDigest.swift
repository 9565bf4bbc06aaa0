#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import COpenSSL

/// A digest fed in pieces (a file read in chunks), through OpenSSL's EVP_MD_CTX.
/// Not thread-safe: one owner feeds it, then calls `finalize` once.
public final class StreamingDigest {
    private let context: OpaquePointer
    private let algorithm: DigestAlgorithm
    private var finished = false

    public init(_ algorithm: DigestAlgorithm = .sha256) {
        guard let md = FetchedDigest.for(algorithm).md, let context = EVP_MD_CTX_new() else {
            preconditionFailure("OpenSSL cannot start digest \(algorithm.openSSLName)")
        }
        precondition(EVP_DigestInit_ex(context, md, nil) == 1, "EVP_DigestInit_ex failed")
        self.context = context
        self.algorithm = algorithm
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    public func update(_ data: some DataProtocol) {
        precondition(!finished, "digest already finalized")
        for region in data.regions {
            region.withUnsafeBytes { buffer in
                precondition(
                    EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1, "EVP_DigestUpdate failed")
            }
        }
    }

    /// The digest; the object cannot be fed afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finished, "digest already finalized")
        finished = true
        return [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { output, count in
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, output.baseAddress, &length) == 1, "EVP_DigestFinal_ex failed")
            count = Int(length)
        }
    }
}
