import CreditBank
import Foundation
import Vapor

/// Adds the credit bank's public routes (no login): the verification page and the published status list.
func creditBankRoutes(browser: any RoutesBuilder) {
    let c = CreditBankController()
    browser.get("credits", "verify", use: c.form).requires(.anyone)
    // Transcripts with many credentials are larger than a form: up to 8 MB (the parser's own bound is 32 MB).
    browser.grouped(CSRFMiddleware(maxBody: CreditBankController.verifyBody))
        .on(.POST, "credits", "verify", body: .collect(maxSize: CreditBankController.verifyBody), use: c.verify).requires(.anyone)
    browser.get("credits", "status", ":list", use: c.statusList).requires(.anyone)
    browser.get("credits", "demo", "transcript.json", use: c.demoTranscript).requires(.anyone)
    browser.get("credits", "demo", "revoked.json", use: c.demoRevoked).requires(.anyone)
}

/// The public side of the credit bank: anyone verifies a transcript; status lists are published without an account.
struct CreditBankController {
    static let verifyBody: ByteCount = "8mb"

    func form(_ req: Request) async throws -> Response {
        page(req, CreditVerifyModel(), status: .ok)
    }

    /// An anonymous page's forms use the double-submit CSRF cookie (like the login page): set it on the response.
    func page(_ req: Request, _ m: CreditVerifyModel, status: HTTPResponseStatus) -> Response {
        let response = Layout.response(CreditVerifyView.render(m, PageContext(req)), status: status)
        CSRF.attachCookie(req, response)
        return response
    }

    func verify(_ req: Request) async throws -> Response {
        struct Form: Content { var credential: String?; var status_list: String?; var did: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let limit = 8 << 20
        let texts = [f.credential ?? "", f.status_list ?? "", f.did ?? ""].map { $0.utf8.count <= limit ? $0 : "" }
        let m = CreditVerifyModel.check(credential: texts[0].trimmingCharacters(in: .whitespacesAndNewlines), statusList: texts[1],
                                        did: texts[2], published: CreditBankDemo.publishedLists,
                                        now: ISO8601DateFormatter().string(from: Date()))
        let status: HTTPResponseStatus = m.error == nil ? .ok : .unprocessableEntity
        return page(req, m, status: status)
    }

    func statusList(_ req: Request) async throws -> Response {
        guard req.parameters.get("list") == "1", let demo = CreditBankDemo.shared else { throw Abort(.notFound) }
        return json(demo.statusList)
    }

    func demoTranscript(_ req: Request) async throws -> Response {
        guard let demo = CreditBankDemo.shared else { throw Abort(.notFound) }
        return json(demo.transcript)
    }

    func demoRevoked(_ req: Request) async throws -> Response {
        guard let demo = CreditBankDemo.shared else { throw Abort(.notFound) }
        return json(demo.revokedCredential)
    }

    func json(_ v: JSONValue) -> Response {
        let r = Response(status: .ok, body: .init(string: JSONText.pretty(v)))
        r.headers.contentType = HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"])
        r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return r
    }
}
