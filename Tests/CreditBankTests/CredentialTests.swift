import Foundation
import Testing
@testable import CreditBank

struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state ^ (state >> 29) }
}

@Suite struct CredentialTests {
    static let now = "2025-08-01T00:00:00Z"
    static func demo() throws -> CreditDemo {
        var g = Seeded(state: 42)
        return try CreditDemo.build(key: try IssuerKey(seed: [UInt8](repeating: 1, count: 32)), now: now, random: &g)
    }

    @Test func statusListBitsAndEncoding() throws {
        var l = StatusList(url: "u")
        #expect(l.count == 131_072)
        l.set(0); l.set(131_071); l.set(9)
        #expect(l.bits[0] == 0x80 && l.bits[1] == 0x40 && l.bits[16_383] == 0x01)
        let back = try #require(StatusList.decode(encodedList: l.encodedList, url: "u", purpose: "revocation"))
        #expect(back.bits == l.bits && l.encodedList.hasPrefix("u"))
        // Too short a list or not GZIP: unreadable.
        #expect(StatusList.decode(encodedList: "u" + Base64URL.encode(Gzip.compress([0, 0])), url: "u", purpose: "revocation") == nil)
        #expect(StatusList.decode(encodedList: "uAAAA", url: "u", purpose: "revocation") == nil)
        var g = Seeded(state: 1)
        let picks = (0..<50).compactMap { _ in StatusList.randomIndex(excluding: [], count: l.count, using: &g) }
        #expect(Set(picks).count > 45 && picks.contains { $0 > 65_536 })
    }

    @Test func demoTranscriptVerifiesAndCountsByHand() throws {
        let d = try Self.demo()
        // Community class 2 (conversion) + 计算机应用基础 4 + 管理学基础 3 (score corrected 58 → 68) = 9.
        #expect(d.balance.creditedTotal == Amount(whole: 9))
        #expect(d.transcript["credentialSubject"]?["verifiableCredential"]?.array?.count == 3)
        let v = CredentialVerifier(didDocuments: [d.didDocument], statusLists: [d.statusList], now: Self.now)
        let r = v.verify(d.transcript)
        #expect(r.verdict == .valid, "\(r.failures)")
        #expect(r.passed.count == 8)   // 4 signatures + 4 status checks
        let rv = v.verify(d.revokedCredential)
        #expect(rv.verdict == .invalid && rv.revoked == ["urn:junheng:credential:CERT-2025-9"])
        #expect(d.ledger.brokenLink() == nil)
    }

    @Test func oneCharacterChangedIsInvalid() throws {
        let d = try Self.demo()
        let v = CredentialVerifier(statusLists: [d.statusList], now: Self.now)
        let text = JSONText.pretty(d.transcript)
        let changed = text.replacingOccurrences(of: "管理学基础", with: "管理学基碰")
        #expect(changed != text)
        #expect(v.verify(try JSONParser.parse(changed)).verdict == .invalid)
        // Changing an embedded credential's credits is caught at that credential.
        let inner = text.replacingOccurrences(of: "\"creditsEarned\": 4", with: "\"creditsEarned\": 5")
        let r = v.verify(try JSONParser.parse(inner))
        #expect(r.verdict == .invalid && r.failures.contains { $0.contains("verifiableCredential[") })
    }

    @Test func statusUnknownFailsClosed() throws {
        let d = try Self.demo()
        // No status list given: 无法确认, never valid.
        #expect(CredentialVerifier(now: Self.now).verify(d.transcript).verdict == .unknown)
        // A status list whose signature does not match (bit cleared to un-revoke): unknown, not valid.
        var forged = d.statusList
        forged = forged.setting("credentialSubject", (forged["credentialSubject"] ?? .null).setting("encodedList", .string(StatusList(url: CreditDemo.statusListURL).encodedList)))
        #expect(CredentialVerifier(statusLists: [forged], now: Self.now).verify(d.revokedCredential).verdict == .unknown)
        // A list signed by someone else: unknown.
        let mallory = try IssuerKey(seed: [UInt8](repeating: 9, count: 32))
        let other = DataIntegrity.sign(StatusList(url: CreditDemo.statusListURL).credential(issuer: mallory.didKey, validFrom: Self.now), key: mallory,
                                       verificationMethod: mallory.didKeyVerificationMethod, created: Self.now)
        #expect(CredentialVerifier(statusLists: [other], now: Self.now).verify(d.revokedCredential).verdict == .unknown)
    }

    @Test func aForeignKeyCannotSignForTheIssuer() throws {
        let d = try Self.demo()
        let mallory = try IssuerKey(seed: [UInt8](repeating: 9, count: 32))
        let resigned = DataIntegrity.sign(d.revokedCredential.removing("proof").removing("credentialStatus"), key: mallory,
                                          verificationMethod: mallory.didKeyVerificationMethod, created: Self.now)
        let r = CredentialVerifier(now: Self.now).verify(resigned)
        #expect(r.verdict == .invalid && r.failures.contains { $0.contains("does not belong") })
    }

    @Test func didWebRotationKeepsOldCredentialsValid() throws {
        let k1 = try IssuerKey(seed: [UInt8](repeating: 3, count: 32)), k2 = try IssuerKey(seed: [UInt8](repeating: 4, count: 32))
        var web = try #require(DIDWebIssuer(host: "credits.county.gov.cn", firstKey: k1.publicKeyMultibase, at: "2024-01-01T00:00:00Z"))
        #expect(web.documentURL == "https://credits.county.gov.cn/.well-known/did.json")
        let doc: JSONValue = ["@context": [.string(CredentialContext.vc2)], "id": "urn:x:1", "type": ["VerifiableCredential"], "issuer": .string(web.did),
                              "validFrom": "2024-02-01T00:00:00Z", "credentialSubject": ["id": "urn:x:s"]]
        let old = DataIntegrity.sign(doc, key: k1, verificationMethod: web.activeVerificationMethod, created: "2024-02-01T00:00:00Z")
        web.rotate(to: k2.publicKeyMultibase, at: "2025-01-01T00:00:00Z")
        #expect(web.activeVerificationMethod == web.did + "#key-2")
        let new = DataIntegrity.sign(doc.setting("id", "urn:x:2"), key: k2, verificationMethod: web.activeVerificationMethod, created: "2025-02-01T00:00:00Z")
        let v = CredentialVerifier(didDocuments: [web.document], now: Self.now)
        #expect(v.verify(old).verdict == .valid)
        #expect(v.verify(new).verdict == .valid)
        // Without the DID document the key cannot be found: unknown, not valid.
        #expect(CredentialVerifier(now: Self.now).verify(old).verdict == .unknown)
        // Signed with the new key but claiming the old key id: invalid.
        let wrong = DataIntegrity.sign(doc, key: k2, verificationMethod: web.did + "#key-1", created: "2025-02-01T00:00:00Z")
        #expect(v.verify(wrong).verdict == .invalid)
    }
}
