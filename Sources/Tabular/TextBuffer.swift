/// One chunk of UTF-8 text being scanned, followed by a NUL byte so that C string functions stop
/// at its end.
final class TextBuffer {
    private var bytes: [UInt8] = [0]
    var position = 0

    /// The index of the terminating NUL.
    var end: Int { bytes.count - 1 }
    var isExhausted: Bool { position >= end }

    func load(_ chunk: [UInt8]) {
        bytes = chunk
        bytes.append(0)
        position = 0
    }

    func withBase<Result>(_ body: (UnsafePointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
