@testable import Console
import Foundation
import HTTPAPI
import Testing

/// Every API operation a person would use has a console page (`ConsoleCoverage`), or is named
/// as one no person does there.
struct ConsoleCoverageTests {
    static func operationIDs() throws -> Set<String> {
        let url = ConsoleWorld.root.appendingPathComponent("Sources/HTTPAPI/Contract/openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let ids = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("operationId:") else { return nil }
            return trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
        }
        return Set(ids)
    }

    @Test func everyOperationHasAPageOrANamedException() throws {
        let operations = try Self.operationIDs()
        #expect(operations.count > 100)
        let mapped = Set(ConsoleCoverage.pages.keys)
        let excepted = Set(ConsoleCoverage.exceptions.keys)
        let pending = Set(ConsoleCoverage.withoutPageYet.keys)
        let uncovered = operations.subtracting(mapped).subtracting(excepted).subtracting(pending)
        #expect(
            uncovered.isEmpty, "API operations with neither a console page nor a named exception: \(uncovered.sorted())"
        )
        let stale = mapped.union(excepted).union(pending).subtracting(operations)
        #expect(stale.isEmpty, "named in ConsoleCoverage but not in the contract: \(stale.sorted())")
        #expect(
            mapped.isDisjoint(with: excepted), "both a page and an exception: \(mapped.intersection(excepted).sorted())"
        )
        #expect(
            pending.isDisjoint(with: mapped.union(excepted)),
            "has a page or an exception, so remove it from withoutPageYet: \(pending.intersection(mapped.union(excepted)).sorted())"
        )
        for reason in ConsoleCoverage.exceptions.values { #expect(!reason.isEmpty) }
        // The list the issue wants driven to empty, printed on every run.
        if !pending.isEmpty {
            print("console coverage: \(pending.count) operations without a page yet: \(pending.sorted())")
        }
    }

    @Test func everyMappedRouteIsServedByTheConsole() async throws {
        let world = try await ConsoleWorld(listings: false)
        let console = ConsoleRoutes(services: world.services, renderer: world.renderer)
        let (_, table) = CorridorServer.buildRouter(
            services: world.services, configuration: world.configuration, extraRoutes: { console.register(on: $0) })
        let served = Set(table.routes.map { "\($0.method.rawValue) \($0.path)" })
        for (operation, routes) in ConsoleCoverage.pages {
            #expect(!routes.isEmpty, "\(operation) maps to no route")
            for route in routes {
                #expect(route.contains(" /console"), "\(operation): \(route) is not a console route")
                #expect(served.contains(route), "\(operation): the console serves no \(route)")
            }
        }
    }
}
