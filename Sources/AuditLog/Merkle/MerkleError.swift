/// Bad arguments to the ``MerkleTree`` and ``TreeAppender`` functions.
public enum MerkleError: Error, Sendable, Equatable {
    /// A leaf index outside `0..<size`.
    case indexOutOfRange(index: Int64, size: Int64)
    /// A tree size (or, when appending, a leaf index) that is negative or too large.
    case sizeOutOfRange(size: Int64)
    /// Consistency-proof sizes not satisfying `0 < first ≤ second`.
    case badSizes(first: Int64, second: Int64)
    /// A leaf range that is empty, reversed, negative, or not decomposable into aligned
    /// stored subtrees (its start is not a multiple of the largest power of two ≤ its length).
    case badRange(start: Int64, end: Int64)
}
