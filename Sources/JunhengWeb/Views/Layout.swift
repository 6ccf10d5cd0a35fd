import Foundation
import Plot
import Vapor

/// What every page's frame needs: language, user, CSRF token for the logout form, current path.
struct PageContext {
    var lang: Lang
    var principal: Principal?
    var csrf: String
    var path: String
    var query: String?

    /// `forms: false` where no session middleware ran (API paths, unmatched routes).
    init(_ req: Request, forms: Bool = true) {
        lang = req.lang
        principal = req.optionalPrincipal
        csrf = forms ? CSRF.token(for: req) : ""
        path = req.url.path
        query = req.url.query
    }

    func t(_ zh: String, _ en: String) -> String { lang.t(zh, en) }

    /// The current URL with `lang` switched.
    var otherLanguageURL: String {
        var items = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.map(String.init)
        items.append("lang=\(lang.other.rawValue)")
        return path + "?" + items.joined(separator: "&")
    }

    /// A hidden CSRF field for forms.
    var csrfField: Node<HTML.FormContext> {
        .input(.type(.hidden), .attr(.name, CSRF.field), .attr(.value, csrf))
    }
}

/// The HTML frame: header with navigation and language switch, main content, print-friendly CSS.
enum Layout {
    /// A page around already rendered main content (cached pages): the frame is rendered with a marker
    /// where the content goes, and the content is spliced in, so the large cached string is copied once.
    static func page(_ ctx: PageContext, title: String, html content: String) -> String {
        let frame = Array(page(ctx, title: title, .raw(contentMarker)).utf8)
        // A byte search: Foundation's `range(of:)` was a visible share of a cached dashboard view.
        let marker = Array(contentMarker.utf8)
        guard let at = frame.indices.dropLast(marker.count - 1).first(where: { frame[$0] == marker[0] && frame[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return String(decoding: frame, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(frame.count + content.utf8.count)
        out += frame[..<at]
        out += content.utf8
        out += frame[(at + marker.count)...]
        return String(decoding: out, as: UTF8.self)
    }

    private static let contentMarker = "<!--junheng-content-->"

    static func page(_ ctx: PageContext, title: String, printable: Bool = false, _ content: Node<HTML.BodyContext>) -> String {
        let html = HTML(
            .lang(ctx.lang == .zh ? .chinese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .link(.rel(.icon), .href("data:,")),
                // Not Plot's `.title(_:)`: it also writes the title raw into twitter:/og:title meta attributes.
                .element(named: "title", text: title + " · 均衡 Junheng"),
                .style(Stylesheet.css)
            ),
            .body(
                .if(!printable, header(ctx)),
                .main(.id("main"), content),
                .footer(.class("site-footer"),
                        .text(ctx.t("均衡 · 义务教育优质均衡监测（教督〔2017〕6号）", "Junheng · compulsory-education equity monitoring")))
            )
        )
        return html.render()
    }

    private static func header(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .header(.class("site-header no-print"),
            .a(.class("brand"), .href("/"), "均衡 Junheng"),
            .nav(
                .unwrap(ctx.principal) { p in
                    .group(
                        .if(p.role != .principal && p.role != .teacher, .a(.href("/counties"), .text(ctx.t("县区", "Counties")))),
                        .if(p.role == .admin, .a(.href("/admin"), .text(ctx.t("管理", "Administration")))),
                        .if(p.role == .admin, .a(.href("/admin/audit"), .text(ctx.t("审计日志", "Audit log")))),
                        .a(.class("who"), .href("/account"), .text("\(p.username) · \(ctx.t(p.role.zh, p.role.en))")),
                        .form(.class("inline"), .action("/logout"), .method(.post), ctx.csrfField,
                              .button(.type(.submit), .text(ctx.t("退出", "Log out"))))
                    )
                },
                .a(.id("lang-switch"), .attr(.href, ctx.otherLanguageURL), .text(ctx.lang == .zh ? "English" : "中文"))
            )
        )
    }

    /// A response with the page's HTML.
    static func response(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
