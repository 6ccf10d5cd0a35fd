/// The verdict on a credential: fails closed, so anything that cannot be checked is `unknown`, never `valid`.
public enum Verdict: Int, Sendable, Comparable {
    /// 有效: every proof verifies and no credential is revoked (exit 0).
    case valid = 0
    /// 无法确认: a key or a status list could not be read or trusted (exit 2).
    case unknown = 2
    /// 无效: a proof fails, a credential is revoked or expired, or the document is malformed (exit 1).
    case invalid = 1

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .valid: 0; case .unknown: 1; case .invalid: 2 } }

    public var label: String {
        switch self {
        case .valid: "有效 / valid"
        case .unknown: "无法确认 / status unknown"
        case .invalid: "无效 / invalid"
        }
    }
}

/// What verification found: the verdict, the checks that passed, and what failed (named by path).
public struct VerificationReport: Sendable {
    public var verdict: Verdict = .valid
    public var passed: [String] = []
    public var failures: [String] = []
    /// Ids of revoked credentials.
    public var revoked: [String] = []

    mutating func fail(_ v: Verdict, _ line: String) {
        verdict = max(verdict, v)
        failures.append(line)
    }
}

/// Verifies VC 2.0 credentials with eddsa-jcs-2022 proofs offline: did:key keys from the DID itself, did:web keys from
/// given DID documents (retired keys included), status from given signed Bitstring Status List credentials.
public struct CredentialVerifier: Sendable {
    public var didDocuments: [JSONValue]
    public var statusLists: [JSONValue]
    /// "YYYY-MM-DDTHH:MM:SSZ", compared with validFrom/validUntil.
    public var now: String
    /// The most embedded credentials read from one CLR.
    public static let maxEmbedded = 10_000

    public init(didDocuments: [JSONValue] = [], statusLists: [JSONValue] = [], now: String) {
        self.didDocuments = didDocuments; self.statusLists = statusLists; self.now = now
    }

    /// Checks `document` (and, for a ClrCredential, every embedded credential).
    public func verify(_ document: JSONValue) -> VerificationReport {
        var r = VerificationReport()
        check(document, path: "$", depth: 0, into: &r)
        return r
    }

    /// The DID of a verification method (the part before '#').
    static func did(of vm: String) -> String { String(vm.split(separator: "#", maxSplits: 1).first ?? "") }

    /// The Ed25519 key of a verification method, or nil.
    public func resolve(_ vm: String) -> [UInt8]? {
        let parts = vm.split(separator: "#", maxSplits: 1).map(String.init)
        guard let did = parts.first else { return nil }
        if did.hasPrefix("did:key:") {
            let mb = String(did.dropFirst("did:key:".count))
            guard parts.count == 1 || parts[1] == mb else { return nil }
            return Multikey.decode(mb)
        }
        for doc in didDocuments where doc["id"]?.string == did {
            let assertion = (doc["assertionMethod"]?.array ?? []).compactMap { $0.string ?? $0["id"]?.string }
            let absolute = { (id: String) in id.hasPrefix("#") ? did + id : id }
            guard assertion.map(absolute).contains(vm) else { return nil }
            let embedded = (doc["assertionMethod"]?.array ?? []).filter { $0.members != nil }
            for m in (doc["verificationMethod"]?.array ?? []) + embedded {
                guard let id = m["id"]?.string, absolute(id) == vm, m["type"]?.string == "Multikey",
                      m["controller"]?.string.map({ $0 == did }) ?? true, let mb = m["publicKeyMultibase"]?.string else { continue }
                return Multikey.decode(mb)
            }
        }
        return nil
    }

    static func issuerID(_ doc: JSONValue) -> String? { doc["issuer"]?.string ?? doc["issuer"]?["id"]?.string }
    static func types(_ doc: JSONValue) -> [String] { doc["type"]?.array?.compactMap(\.string) ?? doc["type"]?.string.map { [$0] } ?? [] }

    func check(_ doc: JSONValue, path: String, depth: Int, into r: inout VerificationReport) {
        let id = doc["id"]?.string ?? path
        guard doc.members != nil else { r.fail(.invalid, "\(path): 不是 JSON 对象 / not a JSON object"); return }
        guard let ctx = doc["@context"]?.array, ctx.first?.string == CredentialContext.vc2 else {
            r.fail(.invalid, "\(path): @context 不以 VC 2.0 开头 / @context does not start with VC 2.0"); return
        }
        guard Self.types(doc).contains("VerifiableCredential") else { r.fail(.invalid, "\(path): type 缺少 VerifiableCredential / not a VerifiableCredential"); return }
        guard let issuer = Self.issuerID(doc) else { r.fail(.invalid, "\(path): 缺少 issuer / no issuer"); return }
        switch DataIntegrity.verify(doc, resolve: resolve) {
        case .valid(let vm):
            if Self.did(of: vm) != issuer {
                r.fail(.invalid, "\(path): 签名密钥 \(vm) 不属于签发者 \(issuer) / key \(vm) does not belong to issuer \(issuer)")
            } else {
                r.passed.append("\(path): 签名有效 / signature valid (\(vm))")
            }
        case .invalid(let why): r.fail(.invalid, "\(path) (\(id)): \(why)")
        case .keyUnknown(let why): r.fail(.unknown, "\(path) (\(id)): \(why)")
        }
        if let from = doc["validFrom"]?.string, from > now { r.fail(.invalid, "\(path): 尚未生效 validFrom \(from) / not valid before \(from)") }
        if let until = doc["validUntil"]?.string, until <= now { r.fail(.invalid, "\(path): 已过期 validUntil \(until) / expired at \(until)") }
        checkStatus(doc, issuer: issuer, path: path, into: &r)
        if Self.types(doc).contains("ClrCredential") {
            guard depth == 0, let embedded = doc["credentialSubject"]?["verifiableCredential"]?.array, !embedded.isEmpty,
                  embedded.count <= Self.maxEmbedded else {
                r.fail(.invalid, "\(path): ClrSubject.verifiableCredential 缺失或过多 / missing or too many embedded credentials"); return
            }
            for (k, c) in embedded.enumerated() { check(c, path: "\(path).credentialSubject.verifiableCredential[\(k)]", depth: depth + 1, into: &r) }
        }
    }

    func checkStatus(_ doc: JSONValue, issuer: String, path: String, into r: inout VerificationReport) {
        guard let status = doc["credentialStatus"] else { return }
        let entries = status.array ?? [status]
        for e in entries {
            guard e["type"]?.string == "BitstringStatusListEntry", let purpose = e["statusPurpose"]?.string,
                  let url = e["statusListCredential"]?.string, let text = e["statusListIndex"]?.string,
                  text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(text) else {
                r.fail(.unknown, "\(path): 无法识别的 credentialStatus / unrecognised credentialStatus"); continue
            }
            guard let listCredential = statusLists.first(where: { $0["id"]?.string == url }) else {
                r.fail(.unknown, "\(path): 无法读取状态列表 \(url)（无法确认是否撤销）/ status list \(url) not available: revocation cannot be checked"); continue
            }
            var listReport = VerificationReport()
            switch DataIntegrity.verify(listCredential, resolve: resolve) {
            case .valid(let vm) where Self.did(of: vm) == issuer && Self.issuerID(listCredential) == issuer: break
            case .valid: listReport.fail(.unknown, "状态列表不是该签发者签署的 / status list not signed by the issuer")
            case .invalid(let why), .keyUnknown(let why): listReport.fail(.unknown, "状态列表签名：\(why) / status list proof: \(why)")
            }
            if let until = listCredential["validUntil"]?.string, until <= now { listReport.fail(.unknown, "状态列表已过期 / status list expired") }
            let subject = listCredential["credentialSubject"]
            guard listReport.failures.isEmpty, Self.types(listCredential).contains("BitstringStatusListCredential"),
                  subject?["type"]?.string == "BitstringStatusList", subject?["statusPurpose"]?.string == purpose,
                  let encoded = subject?["encodedList"]?.string,
                  let list = StatusList.decode(encodedList: encoded, url: url, purpose: purpose), index < list.count else {
                let why = listReport.failures.first ?? "encodedList 无法解码或索引越界 / encodedList unreadable or index out of range"
                r.fail(.unknown, "\(path): 状态列表 \(url) 不可用：\(why)（无法确认）/ status list \(url) unusable: \(why)"); continue
            }
            if list.isSet(index) {
                let id = doc["id"]?.string ?? path
                if purpose == "revocation" { r.revoked.append(id) }
                r.fail(.invalid, "\(path) (\(id)): 已撤销（\(purpose) 列表第 \(index) 位）/ \(purpose == "revocation" ? "revoked" : purpose) (index \(index))")
            } else {
                r.passed.append("\(path): 未撤销（状态列表已验证）/ not \(purpose == "revocation" ? "revoked" : purpose) (signed status list checked)")
            }
        }
    }
}
