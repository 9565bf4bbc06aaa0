import HTTPTypes
import Hummingbird

/// The registered routes as (method, path template), for 405 answers and for the test that
/// holds the router and the OpenAPI document together.
public struct RouteTable: Sendable {
    public struct Route: Sendable, Hashable {
        public var method: HTTPRequest.Method
        /// OpenAPI style: `/v1/organizations/{id}`.
        public var path: String
    }

    public private(set) var routes: [Route] = []

    init() {}

    init(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        self.routes = routes.map { route in
            let segments = route.path.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }
            return Route(method: route.method, path: "/" + segments.joined(separator: "/"))
        }
    }

    /// The methods registered for a concrete path, or nil when no route has that path.
    func allowedMethods(path: String) -> Set<HTTPRequest.Method>? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let methods = routes.filter { route in
            let template = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == parts.count else { return false }
            return zip(template, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map(\.method)
        return methods.isEmpty ? nil : Set(methods)
    }
}
