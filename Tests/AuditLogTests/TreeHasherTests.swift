import AuditLog
import CorridorCrypto
import Testing

struct TreeHasherTests {
    /// RFC 6962's empty tree root (SHA-256 of nothing) and the first CT test-vector leaf.
    @Test func emptyRootAndEmptyLeaf() {
        let hasher = TreeHasher(.sha256)
        #expect(hasher.emptyRoot.hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hasher.leafHash([]).hexString == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }
}
