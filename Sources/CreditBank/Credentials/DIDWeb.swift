/// A did:web issuer for a deployment: its keys in order, the newest active, retired ones kept published so that
/// credentials signed before a rotation still verify.
public struct DIDWebIssuer: Sendable, Equatable, Codable {
    /// One published key.
    public struct Key: Sendable, Equatable, Codable {
        /// Fragment, e.g. "key-2".
        public var fragment: String
        public var publicKeyMultibase: String
        public var activeFrom: String
        /// When it stopped signing (nil: active). Retired keys still verify what they signed.
        public var retiredAt: String?
    }

    /// e.g. "did:web:credits.example.edu.cn".
    public var did: String
    public var keys: [Key]

    /// A did:web for `host` (and optional path segments), e.g. host "credits.county.gov.cn"; nil for an unsafe host.
    public init?(host: String, path: [String] = [], firstKey: String, at: String) {
        let ok = { (s: String) in !s.isEmpty && s.count <= 253 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } }
        guard ok(host), path.allSatisfy(ok) else { return nil }
        did = (["did:web:" + host.lowercased()] + path).joined(separator: ":")
        keys = [Key(fragment: "key-1", publicKeyMultibase: firstKey, activeFrom: at, retiredAt: nil)]
    }

    /// The active key's verification method.
    public var activeVerificationMethod: String { did + "#" + (keys.last?.fragment ?? "key-1") }

    /// Retires the active key and makes `publicKeyMultibase` the new one.
    public mutating func rotate(to publicKeyMultibase: String, at: String) {
        if let last = keys.indices.last { keys[last].retiredAt = at }
        keys.append(Key(fragment: "key-\(keys.count + 1)", publicKeyMultibase: publicKeyMultibase, activeFrom: at, retiredAt: nil))
    }

    /// The URL the document is served at: https://host/.well-known/did.json, or https://host/path/did.json.
    public var documentURL: String {
        let parts = did.dropFirst("did:web:".count).split(separator: ":").map(String.init)
        guard let host = parts.first else { return "" }
        return parts.count == 1 ? "https://\(host)/.well-known/did.json" : "https://" + parts.joined(separator: "/") + "/did.json"
    }

    /// The DID document: every key (active and retired) as a Multikey and an assertion method.
    public var document: JSONValue {
        let methods: [JSONValue] = keys.map { k in
            var m: JSONValue = ["id": .string(did + "#" + k.fragment), "type": "Multikey", "controller": .string(did),
                                "publicKeyMultibase": .string(k.publicKeyMultibase)]
            if let r = k.retiredAt { m = m.setting("junhengRetiredAt", .string(r)) }
            return m
        }
        let ids: [JSONValue] = keys.map { .string(did + "#" + $0.fragment) }
        return [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": .array(methods),
            "assertionMethod": .array(ids),
        ]
    }
}
