import CorridorCrypto
import Hummingbird
import Kernel
import HTTPTypes
import Logging

/// Gives every request an id (the client's, when sane) that goes on the response and into
/// every log line of the request.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = ClientRequestID.sane(request.headers[.requestID]) ?? Base64URL.encode(SecureRandom.bytes(12))
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response = try await next(request, context)
        response.headers[.requestID] = requestID
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`: the client's id for a request, echoed on the answer and in the logs.
    public static let requestID = HTTPField.Name("X-Request-Id")!
}
