import Foundation
import Plot
import Vapor

/// Turns errors into a JSON body under /api and a readable bilingual page elsewhere; never leaks internals.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let status: HTTPResponseStatus
            let reason: String
            var headers = HTTPHeaders()
            if let abort = error as? any AbortError {
                status = abort.status
                reason = abort.reason
                headers = abort.headers
            } else {
                req.logger.report(error: error)
                status = .internalServerError
                reason = "服务器内部错误 / internal server error"
            }
            if req.url.path.hasPrefix("/api/") {
                let body = try JSONEncoder().encode(APIError(error: status.code, reason: reason))
                headers.contentType = .json
                return Response(status: status, headers: headers, body: .init(data: body))
            }
            let ctx = PageContext(req, forms: req.optionalPrincipal != nil)
            let html = Layout.page(ctx, title: "\(status.code)", .div(.class("error-box"),
                .h1(.text("\(status.code) \(Self.title(status, ctx.lang))")),
                .p(.text(reason)),
                .p(.a(.href("/"), .text(ctx.t("返回首页", "Back to the start page"))))))
            let response = Layout.response(html, status: status)
            for (name, value) in headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    static func title(_ status: HTTPResponseStatus, _ lang: Lang) -> String {
        switch status {
        case .notFound: lang.t("未找到（或无权查看）", "Not found (or not yours to see)")
        case .forbidden: lang.t("无权执行此操作", "Not allowed")
        case .unauthorized: lang.t("请先登录", "Please log in")
        case .tooManyRequests: lang.t("尝试次数过多", "Too many attempts")
        case .badRequest: lang.t("请求有误", "Bad request")
        default: lang.t("出错了", "Something went wrong")
        }
    }
}

/// The JSON error body of the API.
struct APIError: Codable {
    var error: UInt
    var reason: String
}
