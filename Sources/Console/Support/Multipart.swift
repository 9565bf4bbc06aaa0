import Foundation
import Hummingbird
import Kernel
import NIOCore

/// A submitted `multipart/form-data` body (RFC 7578), read whole up to a limit and split into its
/// parts. Small on purpose: the boundary comes from `Content-Type`; each part needs a
/// `Content-Disposition: form-data` with a `name` and may carry a `filename` and a `Content-Type`;
/// anything else is refused as malformed rather than guessed at.
struct Multipart: Sendable {
    struct Part: Sendable {
        var name: String
        /// The file's own name (its last path component), when the part is a file.
        var filename: String?
        var contentType: String?
        var body: ArraySlice<UInt8>

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The largest body read; beyond it the answer is 413 with a clear message.
    static let limit = 16 << 20
    static let maxParts = 32
    static let maxHeaderBytes = 8 << 10

    private(set) var parts: [Part] = []

    /// Reads the request's body (at most `limit` bytes) and parses it.
    init(_ request: Request, limit: Int = Multipart.limit) async throws {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(type) else {
            throw Self.malformed(
                "multipart_expected", zh: "请以 multipart/form-data 方式上传表单", en: "Send the form as multipart/form-data")
        }
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > limit { throw Self.tooLarge(limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared ?? 1 << 16, limit))
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= limit else { throw Self.tooLarge(limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        try self.init(bytes: bytes, boundary: boundary)
    }

    init(bytes: [UInt8], boundary: String) throws {
        let cr: UInt8 = 13, lf: UInt8 = 10, dash = UInt8(ascii: "-")
        let delimiter = Array("--\(boundary)".utf8)
        let separator = [cr, lf] + delimiter
        // The first delimiter starts the body or a line after the (ignored) preamble.
        var position: Int
        if bytes.starts(with: delimiter) {
            position = delimiter.count
        } else if let found = Self.find(separator, in: bytes, from: 0) {
            position = found + separator.count
        } else {
            throw Self.malformed(
                "multipart_boundary", zh: "上传内容中找不到分隔符", en: "The upload does not contain its boundary")
        }
        while true {
            // "--" after a delimiter closes the body; the epilogue is ignored.
            if position + 1 < bytes.count, bytes[position] == dash, bytes[position + 1] == dash { break }
            // Otherwise optional transport padding, then the line break before the headers.
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard position + 1 < bytes.count, bytes[position] == cr, bytes[position + 1] == lf else {
                throw Self.malformed("multipart_truncated", zh: "上传内容不完整", en: "The upload is incomplete")
            }
            // Headers end at the first empty line; the search starts at this line break so that
            // a part without headers (an empty line at once) is found too.
            let lineStart = position
            position += 2
            guard
                let headerEnd = Self.find(
                    [cr, lf, cr, lf], in: bytes, from: lineStart, to: position + Self.maxHeaderBytes + 2)
            else {
                throw Self.malformed(
                    "multipart_headers", zh: "上传内容的分段头无效", en: "A part of the upload has no valid headers")
            }
            let headers = headerEnd > lineStart ? String(decoding: bytes[position..<headerEnd], as: UTF8.self) : ""
            let bodyStart = headerEnd + 4
            guard let bodyEnd = Self.find(separator, in: bytes, from: bodyStart) else {
                throw Self.malformed("multipart_truncated", zh: "上传内容不完整", en: "The upload is incomplete")
            }
            guard parts.count < Self.maxParts else {
                throw Self.malformed("multipart_parts", zh: "表单分段过多", en: "The form has too many parts")
            }
            parts.append(try Self.part(headers: headers, body: bytes[bodyStart..<bodyEnd]))
            position = bodyEnd + separator.count
        }
    }

    subscript(_ name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// A text field's trimmed value, nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.text.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Checks the form's `_csrf` field against the visit's token, as `Site.form` does for
    /// urlencoded forms (403 otherwise).
    func checkCSRF(_ site: Site, _ visit: Visit) throws {
        try site.checkCSRF(text("_csrf"), visit)
    }

    // MARK: - Parsing

    /// The boundary of a `multipart/form-data` content type (RFC 2046: 1–70 characters, quoted
    /// or not), or nil for any other type.
    static func boundary(_ contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")
            guard (1...70).contains(value.count), value.last != " ", value.allSatisfy(allowed.contains) else {
                return nil
            }
            return value
        }
        return nil
    }

    static func part(headers: String, body: ArraySlice<UInt8>) throws -> Part {
        var disposition: [String: String]?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("\t") else {
                throw malformed("multipart_headers", zh: "上传内容的分段头无效", en: "A part of the upload has no valid headers")
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition":
                let (type, parameters) = Self.parameters(value)
                guard type.lowercased() == "form-data" else { break }
                disposition = parameters
            case "content-type":
                contentType = value
            default:
                continue
            }
        }
        guard let disposition, let name = disposition["name"] else {
            throw malformed("multipart_disposition", zh: "上传内容的分段缺少字段名", en: "A part of the upload has no field name")
        }
        // Only the last path component: some clients send a full path, and it never names a place here.
        let filename = disposition["filename"].map {
            String($0.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
        }
        return Part(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// `form-data; name="file"; filename="a.csv"` → ("form-data", [name: file, filename: a.csv]).
    /// Quoted values end at the next quote: browsers percent-encode quotes in names (WHATWG HTML)
    /// rather than escape them, so a backslash is an ordinary character (Windows paths).
    static func parameters(_ value: String) -> (String, [String: String]) {
        let characters = Array(value)
        var index = 0
        func skipSpace() {
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        }
        func read(until stops: Set<Character>) -> String {
            let start = index
            while index < characters.count, !stops.contains(characters[index]) { index += 1 }
            return String(characters[start..<index]).trimmingCharacters(in: .whitespaces)
        }
        let type = read(until: [";"])
        var result: [String: String] = [:]
        while index < characters.count {
            index += 1  // the ";"
            skipSpace()
            let key = read(until: [";", "="]).lowercased()
            var parameter = ""
            if index < characters.count, characters[index] == "=" {
                index += 1
                skipSpace()
                if index < characters.count, characters[index] == "\"" {
                    index += 1
                    let start = index
                    while index < characters.count, characters[index] != "\"" { index += 1 }
                    parameter = String(characters[start..<index])
                    index = min(index + 1, characters.count)
                    _ = read(until: [";"])
                } else {
                    parameter = read(until: [";"])
                }
            }
            if !key.isEmpty, result[key] == nil { result[key] = parameter }
        }
        return (type, result)
    }

    /// The first index of `needle` in `haystack[start..<end]`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        let last = min(end ?? haystack.count, haystack.count) - needle.count
        guard let first = needle.first, start >= 0, start <= last else { return nil }
        return haystack.withUnsafeBufferPointer { bytes -> Int? in
            var index = start
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    static func malformed(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.malformed, code: code, zh: zh, en: en)
    }

    static func tooLarge(_ limit: Int) -> DomainError {
        let mebibytes = limit >> 20
        return DomainError(
            .payloadTooLarge, code: "upload_too_large",
            zh: "上传内容过大：每次最多 \(mebibytes) MiB，请拆分文件后分批导入",
            en: "The upload is too large: at most \(mebibytes) MiB at a time; split the file and import it in parts"
        )
    }
}
