import Foundation
import Hummingbird
import Kernel
import Mustache

/// A refused form shown again: the message next to the field it is about.
///
/// Templates read `{{#errors.name}}…{{errors.name}}…{{/errors.name}}` for a field called `name`
/// (dots in field names become underscores) and `{{formError}}` for the summary at the top;
/// inputs with an error carry `aria-invalid="true"` and `aria-describedby="name-error"`.
struct FormFailure: Sendable {
    /// The summary at the top of the form.
    var formError: String
    /// The message next to its field, when the refusal names one.
    var errors: FieldErrors?
}

/// The message of one refused field, read by the templates as `{{errors.field}}`: the field
/// named answers the message, every other field nothing.
struct FieldErrors: MustacheParent, Sendable {
    /// The field's name with dots made underscores; nil when the refusal names no field.
    let field: String?
    let message: String

    init(field: String?, message: String) {
        self.field = field?.replacingOccurrences(of: ".", with: "_")
        self.message = message
    }

    /// A refusal about no field in particular: every `{{#errors.x}}` stays hidden.
    static let empty = FieldErrors(field: nil, message: "")

    func child(named name: String) -> Any? {
        field == name ? message : nil
    }
}

enum FormErrors {
    static func context(_ error: DomainError, _ visit: Visit) -> FormFailure {
        let message = visit.language.message(error)
        return FormFailure(formError: message, errors: error.field.map { FieldErrors(field: $0, message: message) })
    }

    /// Runs a form action; an invalid or conflicting input becomes the form again with its
    /// message, anything else propagates (403, 404, …).
    static func attempt(
        _ visit: Visit, _ action: () async throws -> Response, form: (_ failure: FormFailure) -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as DomainError where [.invalid, .conflict, .malformed].contains(error.kind) {
            return form(context(error, visit))
        }
    }
}
