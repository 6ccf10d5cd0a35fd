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
    /// A page around already rendered main content (cached pages and every Plot page below).
    /// The frame is written as text, every value through `HTMLEscape`: rendering it through Plot on every request was
    /// 16% of a cached dashboard view.
    static func page(_ ctx: PageContext, title: String, printable: Bool = false, html content: String) -> String {
        let e = HTMLEscape.text
        var out = ""
        out.reserveCapacity(content.utf8.count + Stylesheet.css.utf8.count + 2048)
        out += "<!DOCTYPE html><html lang=\"\(ctx.lang == .zh ? "zh" : "en")\"><head><meta charset=\"UTF-8\"/>"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><link rel=\"icon\" href=\"data:,\"/>"
        out += "<title>" + e(title + " · 均衡 Junheng") + "</title><style>" + Stylesheet.css + "</style></head><body>"
        if !printable { out += header(ctx) }
        out += "<main id=\"main\">" + content + "</main><footer class=\"site-footer\">"
        out += e(ctx.t("均衡 · 义务教育优质均衡监测（教督〔2017〕6号）", "Junheng · compulsory-education equity monitoring"))
        out += "</footer></body></html>"
        return out
    }

    static func page(_ ctx: PageContext, title: String, printable: Bool = false, _ content: Node<HTML.BodyContext>) -> String {
        page(ctx, title: title, printable: printable, html: content.render())
    }

    /// The site header: brand, the role's links, the account link, logout (with its CSRF field) and the language switch.
    private static func header(_ ctx: PageContext) -> String {
        let e = HTMLEscape.text
        var h = "<header class=\"site-header no-print\"><a class=\"brand\" href=\"/\">均衡 Junheng</a><nav>"
        if let p = ctx.principal {
            if p.role != .principal && p.role != .teacher && p.role != .finance && p.role != .personnel { h += "<a href=\"/counties\">" + e(ctx.t("县区", "Counties")) + "</a>" }
            if p.role == .finance, let r = p.region {
                h += "<a href=\"/counties/" + e(r.code) + "/funding\">" + e(ctx.t("经费", "Funding")) + "</a>"
            }
            if p.role == .personnel, let r = p.region {
                h += "<a href=\"/counties/" + e(r.code) + "/teachers\">" + e(ctx.t("教师", "Teachers")) + "</a>"
                h += "<a href=\"/counties/" + e(r.code) + "/teachers/rotation\">" + e(ctx.t("交流轮岗", "Rotation")) + "</a>"
                h += "<a href=\"/counties/" + e(r.code) + "/teachers/training\">" + e(ctx.t("培训", "Training")) + "</a>"
            }
            if p.role == .teacher { h += "<a href=\"/my/teacher\">" + e(ctx.t("我的教师档案", "My teacher record")) + "</a>" }
            if p.role == .statistician, let r = p.region, r.level == .county {
                h += "<a href=\"/counties/" + e(r.code) + "/assessment\">" + e(ctx.t("督导评估", "Assessment")) + "</a>"
            }
            if p.role == .planner, let r = p.region, r.level == .county {
                h += "<a href=\"/counties/" + e(r.code) + "/seats\">" + e(ctx.t("学位与学区", "Seats")) + "</a>"
            }
            if Policy.isReviewer(p) { h += "<a href=\"/reviews\">" + e(ctx.t("待审核", "Reviews")) + "</a>" }
            if p.role == .inspector || p.role == .admin { h += "<a href=\"/assessments\">" + e(ctx.t("评估进度", "Assessments")) + "</a>" }
            if p.role == .admin {
                h += "<a href=\"/admin\">" + e(ctx.t("管理", "Administration")) + "</a>"
                h += "<a href=\"/admin/audit\">" + e(ctx.t("审计日志", "Audit log")) + "</a>"
            }
            h += "<a class=\"who\" href=\"/account\">" + e("\(p.username) · \(ctx.t(p.role.zh, p.role.en))") + "</a>"
            h += "<form class=\"inline\" action=\"/logout\" method=\"post\"><input type=\"hidden\" name=\"\(CSRF.field)\" value=\""
            h += e(ctx.csrf) + "\"/><button type=\"submit\">" + e(ctx.t("退出", "Log out")) + "</button></form>"
        }
        h += "<a id=\"lang-switch\" href=\"" + e(ctx.otherLanguageURL) + "\">" + (ctx.lang == .zh ? "English" : "中文") + "</a></nav></header>"
        return h
    }

    /// A response with the page's HTML.
    static func response(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
