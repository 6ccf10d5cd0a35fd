import CreditBank
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The credit bank's public pages: no login needed; the demo transcript verifies against the published status list,
    /// a changed character is refused, the revoked credential is reported revoked.
    @Suite struct CreditBankRoutesTests {
        @Test func publicVerificationPage() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                let form = try await b.get("/credits/verify")
                #expect(form.status == .ok && form.body.string.contains("verify-form"))
                let list = try await b.get("/credits/status/1")
                #expect(list.status == .ok && list.headers.contentType?.subType == "json")
                #expect(try JSONParser.parse(list.body.string)["credentialSubject"]?["encodedList"]?.string?.hasPrefix("u") == true)
                #expect(try await b.get("/credits/status/3").status == .notFound)
                let transcript = try await b.get("/credits/demo/transcript.json").body.string
                let valid = try await b.post("/credits/verify", form: ["credential": transcript])
                #expect(valid.status == .ok && valid.body.string.contains("<h2>有效</h2>"), "\(valid.status)")
                let changed = transcript.replacingOccurrences(of: "管理学基础", with: "管理学基碰")
                #expect(try await b.post("/credits/verify", form: ["credential": changed]).body.string.contains("<h2>无效</h2>"))
                let revoked = try await b.get("/credits/demo/revoked.json").body.string
                let r = try await b.post("/credits/verify", form: ["credential": revoked]).body.string
                #expect(r.contains("<h2>无效</h2>") && r.contains("id=\"revoked\""))
                // A credential whose status list this site does not publish: 无法确认.
                let key = try IssuerKey(seed: [UInt8](repeating: 5, count: 32))
                let doc: JSONValue = ["@context": [.string(CredentialContext.vc2)], "id": "urn:x:1", "type": ["VerifiableCredential"],
                                      "issuer": .string(key.didKey), "validFrom": "2024-01-01T00:00:00Z", "credentialSubject": ["id": "urn:x:s"],
                                      "credentialStatus": StatusList(url: "https://elsewhere.example/status/9").entry(index: 5)]
                let foreign = JSONText.pretty(DataIntegrity.sign(doc, key: key, verificationMethod: key.didKeyVerificationMethod, created: "2024-01-01T00:00:00Z"))
                #expect(try await b.post("/credits/verify", form: ["credential": foreign]).body.string.contains("<h2>无法确认</h2>"))
                // Hostile text is escaped, never markup.
                let hostile = try await b.post("/credits/verify", form: ["credential": "<script>alert(1)</script>"]).body.string
                #expect(!hostile.contains("<script>alert") && hostile.contains("<h2>无效</h2>"))
                // Without the CSRF token: refused.
                #expect(try await b.post("/credits/verify", form: ["credential": transcript], csrf: false).status != .ok)
            }
        }
    }
}

extension WebTests.CreditBankRoutesTests {
    /// The public API: the demo transcript is valid, the revoked credential revoked (exit 1), a body that is not JSON 400.
    @Test func publicVerificationAPI() async throws {
        try await withTestApp { app in
            var b = TestBrowser(app)
            let transcript = try await b.get("/credits/demo/transcript.json").body.string
            var h = HTTPHeaders()
            h.contentType = .json
            let ok = try await app.testing().sendRequest(.POST, "/api/v1/credits/verify", headers: h, body: ByteBuffer(string: transcript))
            let j = try #require(try APIClient.json(ok) as? [String: Any])
            #expect(ok.status == .ok && j["verdict"] as? String == "valid" && j["exit_code"] as? Int == 0)
            let revoked = try await b.get("/credits/demo/revoked.json").body.string
            let r = try #require(try APIClient.json(try await app.testing().sendRequest(.POST, "/api/v1/credits/verify", headers: h,
                                                                                        body: ByteBuffer(string: revoked))) as? [String: Any])
            #expect(r["verdict"] as? String == "invalid" && (r["revoked"] as? [String])?.count == 1)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/credits/verify", headers: h, body: ByteBuffer(string: "{nope")).status == .badRequest)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/credits/status/1").status == .ok)
        }
    }
}
