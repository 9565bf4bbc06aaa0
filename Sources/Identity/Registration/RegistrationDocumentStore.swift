import CorridorCrypto
import Foundation
import Kernel

/// Licences and certificates stored content-addressed under `<folder>/ab/abcdef…` (SHA-256 hex),
/// files 0600 and folders 0700, in the pattern of Deals' attachment store. A file is written
/// before the database records it, so a failed write leaves at most an unreferenced file.
public struct RegistrationDocumentStore: Sendable {
    public let folder: URL
    public let maxBytes: Int

    public static let defaultMaxBytes = 5 * 1_024 * 1_024

    public init(folder: URL, maxBytes: Int = defaultMaxBytes) {
        self.folder = folder
        self.maxBytes = maxBytes
    }

    /// The refusal of a file over `maxBytes` (413), for the HTTP layer that counts the bytes first.
    public var tooLarge: DomainError { IdentityError.documentTooLarge(limit: maxBytes) }

    struct Stored: Sendable {
        var sha256: String
        var size: Int
        var type: RegistrationDocument.FileType
    }

    /// Checks the size and the type by magic bytes, then writes the bytes once per content.
    func store(_ data: Data) throws -> Stored {
        guard data.count <= maxBytes else { throw IdentityError.documentTooLarge(limit: maxBytes) }
        guard !data.isEmpty, let type = RegistrationDocument.FileType.sniff(data) else {
            throw IdentityError.documentType
        }
        let hash = Digest.sha256([UInt8](data)).hexString
        let file = path(for: hash)
        let manager = FileManager.default
        if !manager.fileExists(atPath: file.path) {
            for directory in [folder, file.deletingLastPathComponent()] {
                try manager.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
            }
            let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(hash).\(UUID().uuidString)")
            guard manager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            if manager.fileExists(atPath: file.path) {
                try manager.removeItem(at: temporary)
            } else {
                try manager.moveItem(at: temporary, to: file)
            }
        }
        return Stored(sha256: hash, size: data.count, type: type)
    }

    func load(_ sha256: String) throws -> Data {
        try Data(contentsOf: path(for: sha256))
    }

    /// `<folder>/ab/abcdef…`; the hash is the database's (64 hex digits), never the caller's.
    public func path(for sha256: String) -> URL {
        folder.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }
}
