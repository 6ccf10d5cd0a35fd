import Vapor

/// The page language: Chinese first, English on request (`?lang=en`, remembered in a cookie).
public enum Lang: String, Sendable {
    case zh, en

    /// Picks the text for this language.
    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    var htmlCode: String { self == .zh ? "zh-CN" : "en" }
    var other: Lang { self == .zh ? .en : .zh }
}

extension Request {
    /// `?lang=` if given, else the `lang` cookie, else Chinese.
    var lang: Lang {
        if let q = try? query.get(String.self, at: "lang"), let l = Lang(rawValue: q) { return l }
        if let c = cookies["lang"]?.string, let l = Lang(rawValue: c) { return l }
        return .zh
    }
}

/// Remembers an explicit `?lang=` choice in a cookie.
/// Future-based: an `AsyncMiddleware` starts a task per request (see the web benchmark in the README).
struct LanguageCookieMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { Self.remember(req, $0) }
    }

    private static func remember(_ req: Request, _ response: Response) -> Response {
        if let q = try? req.query.get(String.self, at: "lang"), let l = Lang(rawValue: q) {
            response.cookies["lang"] = HTTPCookies.Value(string: l.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                                         isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
