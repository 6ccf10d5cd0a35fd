/// The contexts the credentials use. They are pinned by URL and never fetched: JCS signs the JSON as it is.
public enum CredentialContext {
    public static let vc2 = "https://www.w3.org/ns/credentials/v2"
    public static let ob3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    public static let clr2 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
}

/// Who signs: the DID, the display name and the key with its verification method.
public struct Issuer: Sendable {
    public var did: String
    public var name: String
    public var key: IssuerKey
    public var verificationMethod: String

    public init(did: String, name: String, key: IssuerKey, verificationMethod: String) {
        self.did = did; self.name = name; self.key = key; self.verificationMethod = verificationMethod
    }

    /// An issuer identified by the key's own did:key (demo, offline).
    public static func didKey(name: String, key: IssuerKey) -> Issuer {
        Issuer(did: key.didKey, name: name, key: key, verificationMethod: key.didKeyVerificationMethod)
    }

    var profile: JSONValue { ["id": .string(did), "type": ["Profile"], "name": .string(name)] }
}

/// Builds Open Badges 3.0 AchievementCredentials and the CLR 2.0 ClrCredential for a learner's record.
public enum TranscriptBuilder {
    /// The OB 3.0 identifier of a learner: a salted SHA-256 of the (already keyed-hash) learner id, never the ID number.
    public static func identifier(learnerID: String, salt: String) -> JSONValue {
        [
            "type": "IdentityObject", "identityHash": .string("sha256$" + CreditHash.hex(CreditHash.sha256(Array((learnerID + salt).utf8)))),
            "identityType": "identifier", "hashed": true, "salt": .string(salt),
        ]
    }

    /// The achievement (the catalogue entry or the outcome's title) of one outcome.
    static func achievement(_ o: Outcome, decision: CreditDecision, rulesName: String) -> JSONValue {
        let key = o.catalogueID ?? o.id
        var criteria = "\(rulesName)：\(decision.reason)"
        if !decision.exempts.isEmpty { criteria += "；免修 / exempts: " + decision.exempts.joined(separator: "、") }
        return [
            "id": .string("urn:junheng:achievement:\(o.institution):\(key)"),
            "type": ["Achievement"],
            "achievementType": .string(o.kind == .degree ? "Course" : o.kind == .nonDegree ? "Certificate" : "LearningProgram"),
            "name": .string(o.title),
            "description": .string("\(o.kind.rawValue)（\(o.kind.en)）· \(o.institution)"),
            "criteria": ["narrative": .string(criteria)],
            "creditsAvailable": .number(decision.credits.double),
        ]
    }

    /// The unsigned AchievementCredential of one credited outcome.
    public static func achievementCredential(id: String, outcome o: Outcome, decision: CreditDecision, rulesName: String, issuer: Issuer,
                                             validFrom: String, salt: String, status: JSONValue?) -> JSONValue {
        var results: [JSONValue] = []
        if let s = o.score { results.append(["type": ["Result"], "value": .string(s.description)]) }
        var subject: JSONValue = [
            "type": ["AchievementSubject"],
            "identifier": [identifier(learnerID: o.learnerID, salt: salt)],
            "achievement": achievement(o, decision: decision, rulesName: rulesName),
            "creditsEarned": .number(decision.credits.double),
            "activityEndDate": .string(o.endDate.description + "T00:00:00Z"),
        ]
        if !results.isEmpty { subject = subject.setting("result", .array(results)) }
        var c: JSONValue = [
            "@context": [.string(CredentialContext.vc2), .string(CredentialContext.ob3)],
            "id": .string(id),
            "type": ["VerifiableCredential", "AchievementCredential"],
            "issuer": issuer.profile,
            "validFrom": .string(validFrom),
            "name": .string(o.title),
            "credentialSubject": subject,
        ]
        if let status { c = c.setting("credentialStatus", status) }
        return c
    }

    /// The unsigned ClrCredential holding the signed achievement credentials.
    public static func clrCredential(id: String, learnerID: String, credentials: [JSONValue], achievements: [JSONValue], total: Amount,
                                     required: Amount?, issuer: Issuer, validFrom: String, salt: String, status: JSONValue?) -> JSONValue {
        var name = "学习成果记录：累计 \(total) / learning record: \(total) in total"
        if let required { name += "（要求 \(required) / of \(required) required）" }
        var c: JSONValue = [
            "@context": [.string(CredentialContext.vc2), .string(CredentialContext.clr2), .string(CredentialContext.ob3)],
            "id": .string(id),
            "type": ["VerifiableCredential", "ClrCredential"],
            "issuer": issuer.profile,
            "validFrom": .string(validFrom),
            "name": .string(name),
            "credentialSubject": [
                "type": ["ClrSubject"],
                "identifier": [identifier(learnerID: learnerID, salt: salt)],
                "achievement": .array(achievements),
                "verifiableCredential": .array(credentials),
            ],
        ]
        if let status { c = c.setting("credentialStatus", status) }
        return c
    }
}
