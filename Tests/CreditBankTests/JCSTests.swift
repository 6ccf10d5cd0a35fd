import Foundation
import Testing
@testable import CreditBank

/// JCS against RFC 8785's own examples (Appendix B numbers, §3.2.2 and §3.2.3) and the W3C vc-di-eddsa vectors.
@Suite struct JCSTests {
    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript serialisations.
    @Test(arguments: [
        ("0000000000000000", "0"), ("8000000000000000", "0"), ("0000000000000001", "5e-324"), ("8000000000000001", "-5e-324"),
        ("7fefffffffffffff", "1.7976931348623157e+308"), ("ffefffffffffffff", "-1.7976931348623157e+308"),
        ("4340000000000000", "9007199254740992"), ("c340000000000000", "-9007199254740992"),
        ("4430000000000000", "295147905179352830000"), ("44b52d02c7e14af5", "9.999999999999997e+22"),
        ("44b52d02c7e14af6", "1e+23"), ("44b52d02c7e14af7", "1.0000000000000001e+23"),
        ("444b1ae4d6e2ef4e", "999999999999999700000"), ("444b1ae4d6e2ef4f", "999999999999999900000"),
        ("444b1ae4d6e2ef50", "1e+21"), ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"), ("3eb0c6f7a0b5ed8d", "0.000001"),
        ("41b3de4355555553", "333333333.3333332"), ("41b3de4355555554", "333333333.33333325"),
        ("41b3de4355555555", "333333333.3333333"), ("41b3de4355555556", "333333333.3333334"),
        ("41b3de4355555557", "333333333.33333343"), ("becbf647612f3696", "-0.0000033333333333333333"),
        ("43143ff3c1cb0959", "1424953923781206.2"),
    ])
    func appendixBNumbers(bits: String, expected: String) throws {
        let d = Double(bitPattern: try #require(UInt64(bits, radix: 16)))
        #expect(JCS.number(d) == expected)
    }

    @Test func section322Example() throws {
        let input = #"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}"#
        #expect(JCS.string(try JSONParser.parse(input)) == #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
    }

    /// §3.2.3: sorting by UTF-16 code units (the emoji's surrogates sort before U+FB33).
    @Test func section323Sorting() throws {
        let input = #"{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}"#
        let keys = try JSONParser.parse(JCS.string(try JSONParser.parse(input))).members?.map(\.0)
        #expect(keys == ["\r", "1", "\u{80}", "ö", "€", "😀", "\u{FB33}"])
    }

    @Test func parserRefusesWhatJCSCannotRepresent() {
        for bad in [#"{"a":1,"a":2}"#, #""\ud800""#, "[1,]", "01", "NaN", "1e999", #"{"a" 1}"#, "[" + String(repeating: "[", count: 100) + "]"] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bad) }
        }
    }

    // The W3C vc-di-eddsa TestVectors for eddsa-jcs-2022 (keyPair.json, unsigned.json, proofConfigJCS.json and the hashes).
    static let unsigned = #"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","type":["VerifiableCredential","AlumniCredential"],"name":"Alumni Credential","description":"A minimum viable example of an Alumni Credential.","issuer":"https://vc.example/issuers/5678","validFrom":"2023-01-01T00:00:00Z","credentialSubject":{"id":"did:example:abcdefgh","alumniOf":"The School of Examples"}}"#
    static let vm = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"

    @Test func vcDiEddsaVectors() throws {
        let doc = try JSONParser.parse(Self.unsigned)
        #expect(JCS.string(doc) == #"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},"description":"A minimum viable example of an Alumni Credential.","id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678","name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],"validFrom":"2023-01-01T00:00:00Z"}"#)
        #expect(CreditHash.hex(CreditHash.sha256(JCS.canonical(doc))) == "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19")
        let options = DataIntegrity.proofOptions(document: doc, verificationMethod: Self.vm, created: "2023-02-24T23:36:38Z")
        #expect(JCS.string(options) == #"{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],"created":"2023-02-24T23:36:38Z","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod","type":"DataIntegrityProof","verificationMethod":"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}"#)
        #expect(CreditHash.hex(DataIntegrity.hashData(document: doc, proofOptions: options))
                == "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19")
        let key = try #require(IssuerKey(privateKeyMultibase: "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"))
        #expect(key.publicKeyMultibase == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        let expectedProof = "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
        #expect(CreditHash.hex(try #require(Base58.decode(String(expectedProof.dropFirst()))))
                == "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b80351da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808")
        let signed = DataIntegrity.sign(doc, key: key, verificationMethod: Self.vm, created: "2023-02-24T23:36:38Z")
        #if os(Linux)
        // BoringSSL's Ed25519 is deterministic (RFC 8032): the same signature as the vector.
        #expect(signed["proof"]?["proofValue"]?.string == expectedProof)
        #endif
        // The vector's signed document verifies with the key from its did:key.
        let vectorSigned = doc.setting("proof", options.setting("proofValue", .string(expectedProof)))
        let verifier = CredentialVerifier(now: "2030-01-01T00:00:00Z")
        #expect(DataIntegrity.verify(vectorSigned, resolve: verifier.resolve) == .valid(verificationMethod: Self.vm))
        // One character changed in the content: refused.
        let changed = vectorSigned.setting("name", "Alumni Credentiak")
        if case .invalid = DataIntegrity.verify(changed, resolve: verifier.resolve) {} else { Issue.record("tampered document verified") }
    }

    @Test func base58AndBase64URLRoundTrip() {
        let samples: [[UInt8]] = [[], [0], [0, 0, 1], Array(0...255), [0xED, 0x01] + Array(repeating: 0xFF, count: 32)]
        for s in samples {
            #expect(Base58.decode(Base58.encode(s)) == s)
            #expect(Base64URL.decode(Base64URL.encode(s)) == s)
        }
        #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base58.decode("0OIl") == nil)
    }
}
