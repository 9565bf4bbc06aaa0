import HTTPTypes
import Hummingbird
import Kernel
import Logging
import Platform

/// Turns every thrown error into an RFC 9457 problem response; anything unforeseen is logged
/// and answered 500 without internals. Also answers 405 for a known path with another method.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteTableBox
    let codes: ProblemCodeCheck

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let error = error as? HTTPError, error.status == .notFound,
                let allowed = routes.allowedMethods(path: request.uri.path), !allowed.contains(request.method)
            {
                let problem = DomainError(
                    .methodNotAllowed, code: "method_not_allowed",
                    zh: "此地址不支持 \(request.method.rawValue) 方法", en: "\(request.method.rawValue) is not allowed here"
                )
                let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
                return Problem(problem, requestID: context.requestID).response(headers: [.allow: allow])
            }
            if let domain = ErrorTranslation.domainError(for: error) {
                if let refusal = codes.refusal(
                    for: domain, method: request.method.rawValue, endpoint: context.endpointPath ?? "",
                    logger: context.logger)
                {
                    var problem = Problem(refusal, requestID: context.requestID)
                    problem.status = 500
                    problem.title = "Internal Server Error"
                    return problem.response()
                }
                return Problem(domain, requestID: context.requestID).response()
            }
            context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
            let internalError = DomainError(
                .unavailable, code: "internal_error", zh: "服务器内部错误", en: "Internal server error"
            )
            var problem = Problem(internalError, requestID: context.requestID)
            problem.status = 500
            problem.title = "Internal Server Error"
            return problem.response()
        }
    }
}
