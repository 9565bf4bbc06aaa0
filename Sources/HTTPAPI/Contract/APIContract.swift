import Foundation
import NIOCore

/// The API's contract: `openapi.yaml` in this folder is its one hand-edited description;
/// `Scripts/openapi-generate.sh` derives from it the wire types (`Generated/Types.swift`) and
/// `openapi.json`, which is served at `/openapi.json` and read here for the operations and the
/// problem codes each may answer with.
package struct APIContract: Sendable {
    package struct Operation: Sendable, Hashable {
        package var method: String
        package var path: String
        package var operationID: String
        /// The `code`s of the problems this operation documents (`x-problem-codes`), beside the
        /// document's `x-common-problem-codes` that any operation may answer with.
        package var problemCodes: Set<String>
    }

    /// The document's bytes, as served.
    package let buffer: ByteBuffer
    package let operations: [Operation]
    package let commonProblemCodes: Set<String>
    private let byRoute: [String: Operation]

    /// The contract built into the server.
    package static let builtIn: APIContract = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { fatalError("openapi.json is missing from the HTTPAPI module's resources") }
        do {
            return try APIContract(data: data)
        } catch {
            fatalError("openapi.json does not describe operations: \(error)")
        }
    }()

    package init(data: Data) throws {
        buffer = ByteBuffer(bytes: data)
        guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let paths = document["paths"] as? [String: [String: Any]]
        else { throw CocoaError(.coderReadCorrupt) }
        commonProblemCodes = Set(document["x-common-problem-codes"] as? [String] ?? [])
        var operations: [Operation] = []
        for (path, item) in paths {
            for (method, value) in item {
                guard let operation = value as? [String: Any] else { continue }
                operations.append(
                    Operation(
                        method: method.uppercased(), path: path,
                        operationID: operation["operationId"] as? String ?? "",
                        problemCodes: Set(operation["x-problem-codes"] as? [String] ?? [])))
            }
        }
        self.operations = operations.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
        byRoute = Dictionary(uniqueKeysWithValues: operations.map { ("\($0.method) \($0.path)", $0) })
    }

    /// The operation a route template (`/v1/needs/{id}`) and method name.
    package func operation(method: String, path: String) -> Operation? {
        byRoute["\(method) \(path)"]
    }

    /// Whether `code` is one the operation documents (or any operation may answer with).
    package func documents(_ code: String, for operation: Operation) -> Bool {
        operation.problemCodes.contains(code) || commonProblemCodes.contains(code)
    }
}
