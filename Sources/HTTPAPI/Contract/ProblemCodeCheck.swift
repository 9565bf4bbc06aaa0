import Foundation
import Hummingbird
import Kernel
import Logging
import Platform
import Synchronization

/// Holds the problems the API answers with to the codes the contract documents per operation.
/// Strict (tests, the fuzzer): an undocumented code becomes a 500 that names it, so the test that
/// met it fails. Lenient (production): the problem goes out and a warning is logged.
/// `RECORD_PROBLEM_CODES=<file>` (not a `CORRIDOR_` variable: those are configuration keys) appends each (operation, code) met to the file, which
/// `Scripts/openapi-problem-codes.py` folds into openapi.yaml.
struct ProblemCodeCheck: Sendable {
    let contract: APIContract
    let strict: Bool
    let recorder: ProblemCodeRecorder?

    init(contract: APIContract = .builtIn, strict: Bool, recordPath: String? = ProblemCodeRecorder.environmentPath) {
        self.contract = contract
        self.strict = strict
        recorder = recordPath.map(ProblemCodeRecorder.init(path:))
    }

    /// The problem to send instead of `error`, when the operation does not document its code.
    func refusal(for error: DomainError, method: String, endpoint: String, logger: Logger) -> DomainError? {
        guard let operation = contract.operation(method: method, path: endpoint) else { return nil }
        recorder?.record(operation: operation.operationID, code: error.code)
        guard !contract.documents(error.code, for: operation) else { return nil }
        logger.warning(
            "a problem code the operation does not document",
            metadata: ["operation": "\(operation.operationID)", "code": "\(error.code)"])
        guard strict else { return nil }
        return DomainError(
            .unavailable, code: "undocumented_problem_code",
            zh: "接口文档未列出此错误码：\(error.code)",
            en: "\(operation.operationID) answered \(error.code), which openapi.yaml does not document for it",
            details: ["code": .string(error.code), "operation": .string(operation.operationID)])
    }
}

/// Appends `operationId code` lines to a file, for folding the codes met into the document.
final class ProblemCodeRecorder: Sendable {
    static var environmentPath: String? {
        ProcessInfo.processInfo.environment["RECORD_PROBLEM_CODES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private let path: String
    private let seen = Mutex(Set<String>())

    init(path: String) { self.path = path }

    func record(operation: String, code: String) {
        let line = "\(operation) \(code)\n"
        let fresh = seen.withLock { $0.insert(line).inserted }
        guard fresh else { return }
        seen.withLock { _ in
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        }
    }
}
