import CorridorCrypto
import Hummingbird
import Logging

/// Gives every request an id (the client's, when sane) that goes on the response and into
/// every log line of the request.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.sane(request.headers[.requestID]) ?? Base64URL.encode(SecureRandom.bytes(12))
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response = try await next(request, context)
        response.headers[.requestID] = requestID
        return response
    }

    /// 1–128 characters of letters, digits and `-_.:`; anything else is replaced.
    static func sane(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.utf8.count) else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || [0x2D, 0x5F, 0x2E, 0x3A].contains(byte)
        }
        return allowed ? value : nil
    }
}
