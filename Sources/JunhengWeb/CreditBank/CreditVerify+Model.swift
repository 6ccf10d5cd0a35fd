import CreditBank
import Foundation

/// What the public verification page shows: the verdict and every check, or the form's error.
struct CreditVerifyModel {
    var verdict: Verdict?
    var failures: [String] = []
    var passed: [String] = []
    var revoked: [String] = []
    var error: String?
    var credential = ""
    /// A shared transcript's download link (the page opened from a learner's share link).
    var sharedDownload: String?

    /// Verifies pasted credential text with the pasted status list / DID document, plus the lists this server publishes.
    static func check(credential: String, statusList: String, did: String, published: [JSONValue], now: String) -> CreditVerifyModel {
        var m = CreditVerifyModel(credential: credential)
        guard !credential.isEmpty else { m.error = "请粘贴凭证 JSON / paste the credential JSON"; return m }
        let document: JSONValue
        do { document = try JSONParser.parse(credential) } catch {
            m.verdict = .invalid
            m.failures = ["\(error)"]
            return m
        }
        var lists = published, dids: [JSONValue] = []
        for (text, what) in [(statusList, "状态列表 / status list"), (did, "DID 文档 / DID document")] where !text.isEmpty {
            guard let v = try? JSONParser.parse(text) else { m.failures.append("无法读取\(what)（按缺失处理）/ unreadable \(what): treated as missing"); continue }
            if what.hasPrefix("状态") { lists.insert(v, at: 0) } else { dids.append(v) }
        }
        let r = CredentialVerifier(didDocuments: dids, statusLists: lists, now: now).verify(document)
        m.verdict = r.verdict
        m.failures += r.failures
        m.passed = r.passed
        m.revoked = r.revoked
        return m
    }
}

/// The demo credit bank a `serve` process publishes: its signed status list at `/credits/status/1` and a demo transcript.
enum CreditBankDemo {
    /// Built once per process with a fresh key (so nothing secret is in the repository).
    static let shared: CreditDemo? = {
        var g = SystemRandomNumberGenerator()
        return try? CreditDemo.build(key: IssuerKey(), now: ISO8601DateFormatter().string(from: Date()), random: &g)
    }()

    /// The status list credentials this server publishes.
    static var publishedLists: [JSONValue] { shared.map { [$0.statusList] } ?? [] }
}
