import Crypto
import Foundation

/// An Ed25519 key pair of an issuer (the private half stays with the issuer; demo keys are written to a file).
public struct IssuerKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init() { privateKey = Curve25519.Signing.PrivateKey() }
    /// From the 32-byte seed.
    public init(seed: [UInt8]) throws { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed) }
    /// From a `privateKeyMultibase` ('z' + base58btc of 0x80 0x26 + the 32-byte seed).
    public init?(privateKeyMultibase: String) {
        guard privateKeyMultibase.hasPrefix("z"), let b = Base58.decode(String(privateKeyMultibase.dropFirst())),
              b.count == 34, b[0] == 0x80, b[1] == 0x26, let k = try? Curve25519.Signing.PrivateKey(rawRepresentation: b[2...]) else { return nil }
        privateKey = k
    }

    public var publicKeyBytes: [UInt8] { [UInt8](privateKey.publicKey.rawRepresentation) }
    /// 'z6Mk…'.
    public var publicKeyMultibase: String { Multikey.encode(publicKey: publicKeyBytes) }
    public var privateKeyMultibase: String { "z" + Base58.encode([0x80, 0x26] + [UInt8](privateKey.rawRepresentation)) }
    /// `did:key:z6Mk…`.
    public var didKey: String { "did:key:" + publicKeyMultibase }
    /// The did:key verification method, `did:key:z6Mk…#z6Mk…`.
    public var didKeyVerificationMethod: String { didKey + "#" + publicKeyMultibase }

    /// The Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        (try? [UInt8](privateKey.signature(for: message))) ?? []
    }
}

/// Multikey encoding of Ed25519 public keys: 'z' + base58btc(0xed 0x01 ‖ key).
public enum Multikey {
    public static func encode(publicKey: [UInt8]) -> String { "z" + Base58.encode([0xED, 0x01] + publicKey) }

    /// The 32-byte Ed25519 key of a `z6Mk…` value; nil for anything else.
    public static func decode(_ multibase: String) -> [UInt8]? {
        guard multibase.hasPrefix("z"), let b = Base58.decode(String(multibase.dropFirst())), b.count == 34, b[0] == 0xED, b[1] == 0x01 else { return nil }
        return Array(b[2...])
    }

    /// Whether `signature` by the Ed25519 `publicKey` covers `message`.
    public static func verify(publicKey: [UInt8], signature: [UInt8], message: [UInt8]) -> Bool {
        guard let k = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return k.isValidSignature(signature, for: message)
    }

    /// The did:key DID document of a public key (the method, one Multikey for assertion and authentication).
    public static func didKeyDocument(publicKeyMultibase: String) -> JSONValue {
        let did = "did:key:" + publicKeyMultibase, vm = did + "#" + publicKeyMultibase
        return [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": [["id": .string(vm), "type": "Multikey", "controller": .string(did), "publicKeyMultibase": .string(publicKeyMultibase)]],
            "assertionMethod": [.string(vm)],
            "authentication": [.string(vm)],
        ]
    }
}

/// SHA-256 helpers.
public enum CreditHash {
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] { [UInt8](SHA256.hash(data: bytes)) }
    /// Lower-case hex (a table, not `String(format:)`, which was an eighth of a transcript's time in bench-credits).
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: bytes.count * 2)
        for (i, b) in bytes.enumerated() {
            out[2 * i] = digits[Int(b >> 4)]
            out[2 * i + 1] = digits[Int(b & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
