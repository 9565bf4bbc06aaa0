import Foundation
@testable import HTTPAPI
import HummingbirdTesting
import Testing

struct OpenAPIDocumentTests {
    @Test func theDocumentDescribesExactlyTheRoutesTheRouterServes() throws {
        let world = try HTTPWorld()
        let (_, table) = CorridorServer.buildRouter(services: world.services, configuration: world.configuration)
        let served = Set(table.routes.map { "\($0.method.rawValue) \($0.path)" })
        let documented = Set(APIContract.builtIn.operations.map { "\($0.method) \($0.path)" })
        #expect(
            served.subtracting(documented).isEmpty,
            "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(served).isEmpty,
            "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count == APIContract.builtIn.operations.count)
    }

    @Test func theServedDocumentIsOpenAPI31WithEveryReferenceResolved() async throws {
        let world = try HTTPWorld()
        try await world.test { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let text = String(buffer: response.body)
                let document = try json(response.body)
                #expect(response.status == .ok)
                #expect(document["openapi"] as? String == "3.1.0")
                let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
                let references = text.components(separatedBy: "#/components/schemas/").dropFirst().map {
                    $0.prefix { $0 != "\"" }
                }
                #expect(!references.isEmpty)
                for reference in references { #expect(schemas[String(reference)] != nil, "\(reference)") }
                let paths = try #require(document["paths"] as? [String: [String: Any]])
                for (path, operations) in paths {
                    for (method, operation) in operations {
                        let responses = (operation as? [String: Any])?["responses"] as? [String: Any]
                        #expect(responses?["500"] != nil, "\(method) \(path)")
                    }
                }
            }
        }
    }
}
