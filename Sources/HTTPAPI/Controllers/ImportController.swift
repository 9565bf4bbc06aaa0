import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import NIOCore
import Platform
import Tabular

/// `POST /v1/patents/import`: the file is the body (CSV, UTF-8 or GB18030, or JSON Lines),
/// streamed to a temporary file, then imported in one transaction.
struct ImportController {
    let importer: PatentImport
    let limit: Int

    func register(on group: RouterGroup<AppRequestContext>) {
        group.post("patents/import", use: run)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = Query(request)
        let mode = try query.choice("mode", as: PatentImport.Mode.self) ?? .allOrNothing
        let encoding = try query.choice("encoding", as: TextEncoding.self)
        let owner = try query.int64("owner")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge)
        }
        let (file, handle) = try PrivateTemporaryFile.create(prefix: "corridor-import")
        defer { try? FileManager.default.removeItem(at: file) }
        var size = 0
        var head = Data()
        do {
            for try await chunk in request.body {
                size += chunk.readableBytes
                if size > limit { throw HTTPError(.contentTooLarge) }
                let bytes = Data(chunk.readableBytesView)
                if head.count < 4_096 { head.append(bytes.prefix(4_096 - head.count)) }
                try handle.write(contentsOf: bytes)
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        let format: TabularFormat
        if let requested = try query.choice("format", as: TabularFormat.self) {
            format = requested
        } else if let detected = TabularFormat.detect(
            fileName: nil, contentType: request.headers[.contentType], firstBytes: head)
        {
            format = detected
        } else {
            throw DomainError(
                .unsupportedMediaType, code: "unsupported_media_type", field: "Content-Type",
                zh: "请上传 CSV（text/csv）或 JSON Lines（application/x-ndjson）",
                en: "Upload CSV (text/csv) or JSON Lines (application/x-ndjson)"
            )
        }
        let report = try await importer.run(
            file: file, format: format, encoding: encoding, mode: mode, owner: owner,
            by: principal.actor(requestID: context.requestID)
        )
        let status: HTTPResponse.Status =
            report.invalid > 0 && !report.committed && mode == .allOrNothing ? .unprocessableContent : .ok
        return try JSON.response(Components.Schemas.ImportReport(report), status: status)
    }
}
