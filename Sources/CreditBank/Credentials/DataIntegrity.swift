/// Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa): the signature covers
/// SHA-256(JCS(proof options with the document's @context)) ‖ SHA-256(JCS(document without proof)).
public enum DataIntegrity {
    public static let cryptosuite = "eddsa-jcs-2022"

    /// The bytes the signature covers.
    public static func hashData(document: JSONValue, proofOptions: JSONValue) -> [UInt8] {
        CreditHash.sha256(JCS.canonical(proofOptions)) + CreditHash.sha256(JCS.canonical(document.removing("proof")))
    }

    /// The proof options for a document (type, cryptosuite, created, verificationMethod, proofPurpose, @context).
    public static func proofOptions(document: JSONValue, verificationMethod: String, created: String) -> JSONValue {
        var o: JSONValue = [
            "type": "DataIntegrityProof", "cryptosuite": .string(cryptosuite), "created": .string(created),
            "verificationMethod": .string(verificationMethod), "proofPurpose": "assertionMethod",
        ]
        if let c = document["@context"] { o = o.setting("@context", c) }
        return o
    }

    /// `document` with a `proof` signed by `key`.
    public static func sign(_ document: JSONValue, key: IssuerKey, verificationMethod: String, created: String) -> JSONValue {
        let options = proofOptions(document: document, verificationMethod: verificationMethod, created: created)
        let signature = key.sign(hashData(document: document, proofOptions: options))
        return document.setting("proof", options.setting("proofValue", .string("z" + Base58.encode(signature))))
    }

    /// What checking a proof found.
    public enum ProofCheck: Sendable, Equatable {
        /// The signature is good; the method that signed.
        case valid(verificationMethod: String)
        /// The proof is malformed or the signature does not match.
        case invalid(String)
        /// The signing key cannot be found (unknown DID, no DID document given).
        case keyUnknown(String)
    }

    /// Checks the document's single `proof` with keys from `resolve` (verification method → Ed25519 public key, or nil).
    public static func verify(_ document: JSONValue, resolve: (String) -> [UInt8]?) -> ProofCheck {
        guard let proof = document["proof"] else { return .invalid("缺少 proof / no proof") }
        guard proof.members != nil else { return .invalid("proof 应为单个对象 / proof must be one object") }
        guard proof["type"]?.string == "DataIntegrityProof", proof["cryptosuite"]?.string == cryptosuite else {
            return .invalid("proof 不是 DataIntegrityProof/eddsa-jcs-2022 / proof is not DataIntegrityProof with eddsa-jcs-2022")
        }
        guard proof["proofPurpose"]?.string == "assertionMethod" else { return .invalid("proofPurpose 不是 assertionMethod / proofPurpose is not assertionMethod") }
        guard let vm = proof["verificationMethod"]?.string, let value = proof["proofValue"]?.string, value.hasPrefix("z"),
              let signature = Base58.decode(String(value.dropFirst())), signature.count == 64 else {
            return .invalid("proofValue 或 verificationMethod 无效 / bad proofValue or verificationMethod")
        }
        if let c = proof["@context"], c != document["@context"] {
            return .invalid("proof 的 @context 与文档不一致 / the proof's @context differs from the document's")
        }
        guard let key = resolve(vm) else { return .keyUnknown("无法找到签名密钥 \(vm) / cannot resolve the signing key \(vm)") }
        let options = proof.removing("proofValue")
        guard Multikey.verify(publicKey: key, signature: signature, message: hashData(document: document, proofOptions: options)) else {
            return .invalid("签名不符：内容已被改动或密钥不符 / signature does not match: content changed or wrong key")
        }
        return .valid(verificationMethod: vm)
    }
}
