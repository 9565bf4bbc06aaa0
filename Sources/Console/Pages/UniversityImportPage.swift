import Foundation
import Hummingbird
import Identity
import Kernel
import Listings
import Platform
import Tabular

/// Bulk import of patents by file upload: the form, and the report of a run (counts and the
/// per-row errors), through `PatentImport` as `POST /v1/patents/import` calls it.
struct UniversityImportPage {
    let site: Site

    func register(on console: RouterGroup<AppRequestContext>) {
        console.get("import") { request, context in
            await site.handle(request, context) { visit in
                _ = try Self.importer(visit)
                return page(visit, values: [:], view: UniversityViews.Import())
            }
        }
        console.post("import") { request, context in
            await site.handle(request, context) { visit in try await run(request, visit) }
        }
    }

    /// A university, institute or lab user who may list for the organisation (403 otherwise).
    static func importer(_ visit: Visit) throws -> Actor {
        let (principal, actor) = try UniversityPages.member(visit)
        guard Authorization.allows(actor, .listingCreate, on: UniversityPages.own(principal)) else {
            throw DomainError.forbidden
        }
        return actor
    }

    func page(
        _ visit: Visit, values: [String: String], view: UniversityViews.Import, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = view
        let mode = values["mode"] ?? PatentImport.Mode.allOrNothing.rawValue
        let encoding = values["encoding"] ?? TextEncoding.utf8.rawValue
        context.modes = PatentImport.Mode.allCases.map { option in
            UniversityViews.Mode(
                value: option.rawValue, id: "mode-\(option.rawValue)", checked: option.rawValue == mode,
                label: visit.text(
                    option == .allOrNothing ? "university.import.mode_all" : "university.import.mode_skip"))
        }
        context.encodings = TextEncoding.allCases.map { option in
            Choice(
                value: option.rawValue, label: visit.text("university.import.encoding_\(option.rawValue)"),
                selected: option.rawValue == encoding)
        }
        context.limit = Multipart.limit
        return site.page(
            visit, template: "university-import", title: visit.text("university.import.title"), context, status: status)
    }

    func run(_ request: Request, _ visit: Visit) async throws -> Response {
        let actor = try Self.importer(visit)
        let form = try await Multipart(request)
        try form.checkCSRF(site, visit)
        let values = ["mode": form.text("mode") ?? "", "encoding": form.text("encoding") ?? ""]
        return try await FormErrors.attempt(
            visit,
            {
                let report = try await importFile(form, by: actor)
                let rejected = report.invalid > 0 && !report.committed && report.mode == .allOrNothing
                return page(
                    visit, values: values,
                    view: UniversityViews.Import(report: Self.report(report, rejected: rejected, visit)),
                    status: rejected ? .unprocessableContent : .ok)
            },
            form: { failure in
                page(
                    visit, values: values,
                    view: UniversityViews.Import(formError: failure.formError, errors: failure.errors),
                    status: .unprocessableContent)
            })
    }

    /// Stores the uploaded file in a temporary file of its own and imports it for the user's
    /// organisation (owner nil, as the API does without `?owner=`).
    func importFile(_ form: Multipart, by actor: Actor) async throws -> PatentImport.Report {
        guard let mode = PatentImport.Mode(rawValue: form.text("mode") ?? PatentImport.Mode.allOrNothing.rawValue)
        else {
            throw DomainError.invalid(
                "invalid_value", field: "mode", zh: "请选择出错时的处理方式", en: "Choose what happens to invalid rows")
        }
        guard let encoding = TextEncoding(rawValue: form.text("encoding") ?? TextEncoding.utf8.rawValue) else {
            throw DomainError.invalid(
                "invalid_value", field: "encoding", zh: "请选择 UTF-8 或 GB18030", en: "Choose UTF-8 or GB18030")
        }
        guard let upload = form["file"], upload.filename != nil, !upload.body.isEmpty else {
            throw DomainError.invalid("required", field: "file", zh: "请选择要导入的文件", en: "Choose a file to import")
        }
        guard
            let format = TabularFormat.detect(
                fileName: upload.filename, contentType: upload.contentType, firstBytes: Data(upload.body.prefix(4_096)))
        else {
            throw DomainError.invalid(
                "unsupported_file", field: "file", zh: "请上传 CSV（.csv）或 JSON Lines（.jsonl）文件；Excel 工作簿请先另存为 CSV",
                en: "Upload a CSV (.csv) or JSON Lines (.jsonl) file; save an Excel workbook as CSV first"
            )
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corridor-console-import-\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(upload.body), attributes: [.posixPermissions: 0o600])
        else {
            throw DomainError(.unavailable, code: "temporary_file", zh: "无法保存上传文件", en: "Cannot store the upload")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            return try await site.services.patentImport.run(
                file: file, format: format, encoding: encoding, mode: mode, owner: nil, by: actor)
        } catch let error as TabularError {
            // The file as a whole cannot be read (no header row, say): said next to the file field.
            throw DomainError.invalid(
                error.code, field: "file", zh: "文件无法读取（第 \(error.line) 行）：\(error.message)",
                en: "The file cannot be read (line \(error.line)): \(error.message)")
        }
    }

    static func report(_ report: PatentImport.Report, rejected: Bool, _ visit: Visit) -> UniversityViews.Report {
        let rows = report.errors.map { error in
            UniversityViews.RowError(
                row: error.row, line: error.line, field: error.field ?? "—", code: error.code,
                message: visit.language == .zh ? error.messageZh : error.messageEn)
        }
        return UniversityViews.Report(
            rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged,
            invalid: report.invalid, committed: report.committed, rejected: rejected,
            nothing: !report.committed && !rejected, rowErrors: rows, hasRowErrors: !rows.isEmpty,
            truncated: report.errorsTruncated, format: report.format, encoding: report.encoding)
    }
}
