import Foundation
import Hummingbird
import Kernel

/// A refused form shown again: the message next to the field it is about.
///
/// Templates read `{{#errors.name}}…{{errors.name}}…{{/errors.name}}` for a field called `name`
/// (dots in field names become underscores) and `{{formError}}` for the summary at the top;
/// inputs with an error carry `aria-invalid="true"` and `aria-describedby="name-error"`.
enum FormErrors {
    static func context(_ error: DomainError, _ visit: Visit) -> [String: Any] {
        let message = visit.language.message(error)
        var result: [String: Any] = ["formError": message]
        if let field = error.field {
            result["errors"] = [field.replacingOccurrences(of: ".", with: "_"): message]
        }
        return result
    }

    /// Runs a form action; an invalid or conflicting input becomes the form again with its
    /// message, anything else propagates (403, 404, …).
    static func attempt(
        _ visit: Visit, _ action: () async throws -> Response, form: (_ errors: [String: Any]) -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
            return form(context(error, visit))
        }
    }
}
