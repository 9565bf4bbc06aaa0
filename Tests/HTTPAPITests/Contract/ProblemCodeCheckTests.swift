import Foundation
@testable import HTTPAPI
import Kernel
import Logging
import Testing

/// The server holds its problems to the codes each operation documents.
struct ProblemCodeCheckTests {
    static let contract = try! APIContract(
        data: Data(
            #"""
            {"openapi": "3.1.0", "x-common-problem-codes": ["unauthenticated"],
             "paths": {"/v1/things/{id}": {"get": {"operationId": "get_thing", "x-problem-codes": ["thing_not_found"]}}}}
            """#.utf8))
    static let logger = Logger(label: "test")

    func error(_ code: String) -> DomainError { DomainError(.invalid, code: code, zh: "错", en: "wrong") }

    @Test func strictRefusesAnUndocumentedCodeAndNamesIt() throws {
        let check = ProblemCodeCheck(contract: Self.contract, strict: true, recordPath: nil)
        let refusal = try #require(
            check.refusal(for: error("colour_wrong"), method: "GET", endpoint: "/v1/things/{id}", logger: Self.logger))
        #expect(refusal.code == "undocumented_problem_code")
        #expect(refusal.details["code"] == .string("colour_wrong"))
        #expect(refusal.details["operation"] == .string("get_thing"))
    }

    @Test func documentedAndCommonCodesPass() {
        let check = ProblemCodeCheck(contract: Self.contract, strict: true, recordPath: nil)
        for code in ["thing_not_found", "unauthenticated"] {
            #expect(
                check.refusal(for: error(code), method: "GET", endpoint: "/v1/things/{id}", logger: Self.logger) == nil)
        }
        // Another route (the console's pages) is not the API's to check.
        #expect(check.refusal(for: error("x"), method: "GET", endpoint: "/console/x", logger: Self.logger) == nil)
    }

    @Test func lenientSendsTheProblemAndRecordsWhatItMet() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("codes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let check = ProblemCodeCheck(contract: Self.contract, strict: false, recordPath: path)
        #expect(
            check.refusal(for: error("colour_wrong"), method: "GET", endpoint: "/v1/things/{id}", logger: Self.logger)
                == nil)
        _ = check.refusal(for: error("colour_wrong"), method: "GET", endpoint: "/v1/things/{id}", logger: Self.logger)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "get_thing colour_wrong\n")
    }
}
