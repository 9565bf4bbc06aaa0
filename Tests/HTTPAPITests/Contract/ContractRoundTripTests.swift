import Foundation
import HTTPTypes
@testable import HTTPAPI
import HummingbirdTesting
import NIOCore
import Testing

/// The wire types generated from openapi.yaml against the document and the real handlers.
struct ContractRoundTripTests {
    // Read-only after first use: JSON parsed from the built-in document.
    nonisolated(unsafe) static let document: [String: Any] = {
        let data = Data(APIContract.builtIn.buffer.readableBytesView)
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }()
    nonisolated(unsafe) static let schemas =
        (document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
    nonisolated(unsafe) static let examples = SchemaExamples(
        schemas: schemas,
        time: String(
            (try? JSON.encoder.encode([Date(timeIntervalSince1970: 1_796_630_400)])).map {
                String(decoding: $0, as: UTF8.self).dropFirst(2).dropLast(2)
            } ?? ""))

    static func normalised(_ value: Any) throws -> NSObject {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! NSObject
    }

    @Test func everySchemaHasItsGeneratedType() {
        #expect(Set(Self.schemas.keys) == Set(SchemaRegistry.types.keys))
        #expect(Self.schemas.count > 100)
    }

    /// An example of every schema decodes into its generated type and encodes back unchanged:
    /// the generated decoders accept what the document describes, and lose nothing of it.
    @Test(arguments: SchemaRegistry.types.keys.sorted())
    func anExampleRoundTripsThroughTheGeneratedType(_ name: String) throws {
        let schema = try #require(Self.schemas[name] as? [String: Any])
        let example = Self.examples.example(schema)
        let data = try JSONSerialization.data(withJSONObject: example, options: [.fragmentsAllowed])
        let type = try #require(SchemaRegistry.types[name])
        let decoded = try JSON.decoder.decode(type, from: data)
        let encoded = try JSON.encoder.encode(decoded)
        let back = try JSONSerialization.jsonObject(with: encoded, options: [.fragmentsAllowed])
        #expect(try Self.normalised(back) == Self.normalised(example), "\(name)")
    }

    /// A member the document does not describe is refused by the generated decoder, with the
    /// API's own problem (`unknown_field`, naming it).
    @Test func anUndocumentedMemberIsRefusedByName() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            let body = #"{"currentPassword": "admin password 1", "newPassword": "another password 2", "colour": "red"}"#
            try await client.execute(
                uri: "/v1/me/password", method: .post, headers: headers(token: world.adminToken),
                body: ByteBuffer(string: body)
            ) { response in
                let problem = try json(response.body)
                #expect(response.status == .unprocessableContent)
                #expect(problem["code"] as? String == "unknown_field")
                #expect(problem["field"] as? String == "colour")
            }
        }
    }

    /// The last page of a list says so with `"nextCursor": null`, as it always has (a generated
    /// page type alone would leave the member out).
    @Test(arguments: ["/v1/organizations?limit=100", "/v1/organizations/1/users", "/v1/vouchers", "/v1/patents"])
    func theLastPageSaysSo(_ uri: String) async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: uri, method: .get, headers: headers(token: world.adminToken)) { response in
                let page = try json(response.body)
                #expect(response.status == .ok, "\(uri)")
                #expect(page.keys.contains("nextCursor") && page["nextCursor"] is NSNull, "\(uri): \(page.keys)")
            }
        }
    }

    struct Call: Sendable, CustomStringConvertible {
        var method: String
        var path: String
        var request: String?
        var success: String?
        var statuses: Set<Int>
        var description: String { "\(method) \(path)" }
    }

    /// Every documented operation with a JSON request or answer, ids set to 1.
    static let calls: [Call] = {
        var calls: [Call] = []
        for (path, item) in (document["paths"] as? [String: [String: Any]]) ?? [:] {
            for (method, value) in item {
                guard let operation = value as? [String: Any] else { continue }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                func schemaName(_ content: Any?) -> String? {
                    let json = (content as? [String: Any])?["application/json"] as? [String: Any]
                    return ((json?["schema"] as? [String: Any])?["$ref"] as? String)?.split(separator: "/").last
                        .map(String.init)
                }
                let success = responses.keys.filter { $0.hasPrefix("2") }.sorted().first
                let answer = success.flatMap { schemaName((responses[$0] as? [String: Any])?["content"]) }
                let request = schemaName((operation["requestBody"] as? [String: Any])?["content"])
                guard request != nil || answer != nil else { continue }
                calls.append(
                    Call(
                        method: method.uppercased(), path: path, request: request, success: answer,
                        statuses: Set(responses.keys.compactMap(Int.init))))
            }
        }
        return calls.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }()

    /// Every success answered as JSON names its schema, so that the test below decodes every
    /// answer into a generated type (an inline schema has none). Only the document itself is open.
    @Test func everyJSONAnswerNamesItsSchema() {
        for (path, item) in (Self.document["paths"] as? [String: [String: Any]]) ?? [:] where path != "/openapi.json" {
            for (method, value) in item {
                let responses = (value as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                for (status, response) in responses where status.hasPrefix("2") {
                    let content = (response as? [String: Any])?["content"] as? [String: Any]
                    guard let json = content?["application/json"] as? [String: Any] else { continue }
                    let reference = (json["schema"] as? [String: Any])?["$ref"] as? String
                    let name = reference?.split(separator: "/").last.map(String.init)
                    #expect(
                        name.flatMap { SchemaRegistry.types[$0] } != nil,
                        "\(method.uppercased()) \(path) \(status) answers an inline schema")
                }
            }
        }
    }

    /// Each operation, called by the platform administrator with the example of its request
    /// body (ids 1): the real handler answers with a status the operation documents (problem
    /// codes are checked by the server itself in tests), and a success decodes into the
    /// documented answer's generated type — which refuses any member the document lacks.
    @Test(arguments: calls)
    func theHandlerAnswersAsDocumented(_ call: Call) async throws {
        let world = try HTTPWorld()
        let path = call.path.replacing(/\{[A-Za-z]+\}/, with: "1")
        let body: ByteBuffer? = try call.request.flatMap { Self.schemas[$0] as? [String: Any] }.map {
            ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: Self.examples.example($0)))
        }
        try await world.test { client in
            try await client.execute(
                uri: path, method: HTTPRequest.Method(call.method)!, headers: headers(token: world.adminToken),
                body: body
            ) { response in
                #expect(call.statuses.contains(Int(response.status.code)), "\(call): \(String(buffer: response.body))")
                #expect(response.status.code != 500, "\(call): \(String(buffer: response.body))")
                if (200..<300).contains(response.status.code), let answer = call.success,
                    let type = SchemaRegistry.types[answer]
                {
                    #expect(throws: Never.self, "\(call) answered what \(answer) does not describe") {
                        _ = try JSON.decoder.decode(type, from: Data(response.body.readableBytesView))
                    }
                }
            }
        }
    }
}
