import CorridorCrypto
import Foundation

/// The types an attachment may have, told by its first bytes (never by its name).
public enum AttachmentType: String, Codable, CaseIterable, Sendable {
    case pdf, png, jpeg, text, docx, zip

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .text: "text/plain; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .zip: "application/zip"
        }
    }

    /// The type by magic bytes; plain text is valid UTF-8 without control characters other than
    /// tab, line feed and carriage return. Nil for anything else.
    static func sniff(_ data: Data) -> AttachmentType? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // A DOCX is a ZIP whose entries include the Word part.
            let word = Data("word/document.xml".utf8)
            return data.range(of: word) != nil ? .docx : .zip
        }
        guard let text = String(data: data, encoding: .utf8), !text.isEmpty else { return nil }
        let clean = text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: true
            case 0x00...0x1F, 0x7F: false
            default: true
            }
        }
        return clean ? .text : nil
    }
}

/// Attachments stored content-addressed under `<folder>/attachments/ab/abcdef…` (SHA-256 hex),
/// files 0600 and folders 0700. The same bytes are stored once; a file is written before the
/// database records it, so a failed write leaves at most an unreferenced file, never a
/// reference without its file.
public struct AttachmentStore: Sendable {
    public let folder: URL
    public let maxBytes: Int

    public init(folder: URL, maxBytes: Int = 5 * 1_024 * 1_024) {
        self.folder = folder
        self.maxBytes = maxBytes
    }

    struct Stored: Sendable {
        var sha256: String
        var size: Int
        var type: AttachmentType
    }

    /// Checks size and type, then writes the bytes (once per content).
    func store(_ data: Data) throws -> Stored {
        guard !data.isEmpty else { throw DealsError.attachmentType }
        guard data.count <= maxBytes else { throw DealsError.attachmentTooLarge(limit: maxBytes) }
        guard let type = AttachmentType.sniff(data) else { throw DealsError.attachmentType }
        let hash = Digest.sha256([UInt8](data)).hexString
        let file = path(for: hash)
        let manager = FileManager.default
        if !manager.fileExists(atPath: file.path) {
            for directory in [folder.appendingPathComponent("attachments"), file.deletingLastPathComponent()] {
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

    /// `<folder>/attachments/ab/abcdef…`.
    func path(for sha256: String) -> URL {
        folder.appendingPathComponent("attachments").appendingPathComponent(String(sha256.prefix(2)))
            .appendingPathComponent(sha256)
    }
}
