import CreditBank
import Crypto
import Fluent
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
    browser.get("credits", "shared", ":token", use: c.shared).requires(.anyone)
    browser.get("credits", "shared", ":token", "transcript.json", use: c.sharedTranscript).requires(.anyone)
}

/// Adds the credit bank's public API (no token): verify a credential, read a published status list.
func creditBankAPIRoutes(api: any RoutesBuilder) {
    let c = CreditBankController()
    api.on(.POST, "credits", "verify", body: .collect(maxSize: CreditBankController.verifyBody), use: c.apiVerify).requires(.anyone)
    api.get("credits", "status", ":list", use: c.statusList).requires(.anyone)
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
                                        did: texts[2], published: await Self.published(req, for: try? JSONParser.parse(Array(texts[0].utf8))),
                                        now: ISO8601DateFormatter().string(from: Date()))
        let status: HTTPResponseStatus = m.error == nil ? .ok : .unprocessableEntity
        return page(req, m, status: status)
    }

    /// The body is the credential JSON; the answer `{"verdict", "exit_code", "failures", "passed", "revoked"}` uses this
    /// server's published status lists. 400 when the body is not JSON.
    func apiVerify(_ req: Request) async throws -> Response {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Abort(.badRequest, reason: "请求体应为凭证 JSON / the body must be the credential JSON") }
        let document: JSONValue
        do { document = try JSONParser.parse(Array(buffer.readableBytesView)) } catch {
            throw Abort(.badRequest, reason: error.description)
        }
        let r = CredentialVerifier(statusLists: await Self.published(req, for: document), now: ISO8601DateFormatter().string(from: Date())).verify(document)
        let name = switch r.verdict { case .valid: "valid"; case .invalid: "invalid"; case .unknown: "unknown" }
        let strings = { (a: [String]) in JSONValue.array(a.map { .string($0) }) }
        return json(["verdict": .string(name), "exit_code": .number(Double(r.verdict.rawValue)), "failures": strings(r.failures),
                     "passed": strings(r.passed), "revoked": strings(r.revoked)], cache: false)
    }

    /// List 1: the per-process demo of `credits demo`; lists 2, 3, …: this server's bank, built from the database and signed.
    func statusList(_ req: Request) async throws -> Response {
        let raw = try req.pathParameter("list")
        if raw == "1", let demo = CreditBankDemo.shared { return json(demo.statusList) }
        guard raw.utf8.count <= 9, let n = Int(raw), let list = try await CreditStore.statusList(req.application, number: n, on: req.db) else {
            throw Abort(.notFound)
        }
        return json(list, cache: false)
    }

    /// The status lists this server publishes that `document` refers to (the demo's, and the bank's lists named in
    /// its `statusListCredential`s, at most 32), for its own verification page and API.
    static func published(_ req: Request, for document: JSONValue?) async -> [JSONValue] {
        var lists = CreditBankDemo.publishedLists
        var numbers = Set<Int>(), budget = 100_000
        func walk(_ v: JSONValue, depth: Int) {
            budget -= 1
            guard budget > 0, depth < 32 else { return }
            switch v {
            case .object(let pairs):
                for (k, x) in pairs {
                    if k == "statusListCredential", case .string(let url) = x, numbers.count < 32,
                       let n = CreditStore.list(ofURL: url, req.application) { numbers.insert(n) }
                    walk(x, depth: depth + 1)
                }
            case .array(let xs): for x in xs { walk(x, depth: depth + 1) }
            default: break
            }
        }
        if let document { walk(document, depth: 0) }
        for n in numbers.sorted() {
            if let bank = try? await CreditStore.statusList(req.application, number: n, on: req.db) { lists.append(bank) }
        }
        return lists
    }

    /// The learner of a live share link (its token hashed and looked up; withdrawn or unknown: 404, audited).
    func share(_ req: Request) async throws -> CreditShare {
        let token = try req.pathParameter("token")
        let hash: String = SHA256.hex(Array(token.lowercased().utf8))
        guard token.utf8.count == 64, token.allSatisfy(\.isHexDigit),
              let s = try await CreditShare.query(on: req.db).filter(\CreditShare.$tokenHash == hash).first(),
              s.withdrawnAt == nil else {
            throw await req.denial("credit-share", Ability.anyone.rawValue, status: .notFound)
        }
        return s
    }

    /// A shared transcript on the public verification page: issued now from the ledger and checked against this bank's
    /// published status list, the credential shown for download.
    func shared(_ req: Request) async throws -> Response {
        let s = try await share(req)
        let (clr, _) = try await CreditStore.transcript(req.application, learnerID: s.learnerID, on: req.db)
        var m = CreditVerifyModel.check(credential: JSONText.pretty(clr), statusList: "", did: "", published: await Self.published(req, for: clr),
                                        now: ISO8601DateFormatter().string(from: Date()))
        m.sharedDownload = "/credits/shared/\(try req.pathParameter("token"))/transcript.json"
        return page(req, m, status: .ok)
    }

    func sharedTranscript(_ req: Request) async throws -> Response {
        let s = try await share(req)
        let (clr, _) = try await CreditStore.transcript(req.application, learnerID: s.learnerID, on: req.db)
        let r = json(clr, cache: false)
        r.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"transcript.json\"")
        return r
    }

    func demoTranscript(_ req: Request) async throws -> Response {
        guard let demo = CreditBankDemo.shared else { throw Abort(.notFound) }
        return json(demo.transcript)
    }

    func demoRevoked(_ req: Request) async throws -> Response {
        guard let demo = CreditBankDemo.shared else { throw Abort(.notFound) }
        return json(demo.revokedCredential)
    }

    func json(_ v: JSONValue, cache: Bool = true) -> Response {
        let r = Response(status: .ok, body: .init(string: JSONText.pretty(v)))
        r.headers.contentType = .json
        r.headers.replaceOrAdd(name: .cacheControl, value: cache ? "public, max-age=300" : "no-store")
        return r
    }
}
