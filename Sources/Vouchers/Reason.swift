import Kernel

/// A free-text reason as the service validated it, handed to a machine so that the machine
/// refuses where the lifecycle's rules check it: a malformed text after who and (for some
/// steps) the state, a missing one only where a reason is required.
enum Reason: Equatable, Sendable {
    case absent
    case given(String)
    case malformed(DomainError)

    /// Runs the validation (`Validate.text` or `Validate.optionalText`) and keeps its refusal.
    init(_ validate: () throws -> String?) rethrows {
        do {
            self = try validate().map(Reason.given) ?? .absent
        } catch let error as DomainError {
            self = .malformed(error)
        }
    }

    /// The text, if well-formed (absent is nil); a malformed one is refused here.
    func text() throws(DomainError) -> String? {
        switch self {
        case .absent: nil
        case .given(let text): text
        case .malformed(let error): throw error
        }
    }
}
