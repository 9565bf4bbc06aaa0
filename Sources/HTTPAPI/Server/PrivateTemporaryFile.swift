import Foundation
import Kernel

/// A new file in the temporary folder that only this user can read (mode 0600 from the moment
/// it exists, whatever the umask; `O_EXCL`, so never someone else's file or link): uploads hold
/// other organisations' unpublished patents (issue 14).
enum PrivateTemporaryFile {
    static func create(prefix: String) throws -> (url: URL, handle: FileHandle) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DomainError(.unavailable, code: "temporary_file", zh: "无法保存上传文件", en: "Cannot store the upload")
        }
        // The mode given to open() is reduced by the umask; never widened, so 0600 or less.
        return (url, FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }
}
