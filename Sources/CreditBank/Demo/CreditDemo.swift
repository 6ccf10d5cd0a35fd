/// The demo story, computed without I/O: a resident checks in at a community class, the centre submits the completion,
/// the reviewer recognises it with her degree courses, the bank signs her CLR transcript; a second learner's credential
/// is revoked after its outcome is withdrawn.
public struct CreditDemo: Sendable {
    public var ledger: Ledger
    public var rules: CreditRules
    public var issuer: Issuer
    /// The did:key DID document of the issuer.
    public var didDocument: JSONValue
    public var transcript: JSONValue
    public var statusList: JSONValue
    public var revokedCredential: JSONValue
    public var balance: LearnerResult
    public var learnerID: String

    public static let statusListURL = "https://credits.example.edu.cn/status/1"

    /// Builds the demo signed with `key` at time `now` ("YYYY-MM-DDTHH:MM:SSZ"); `random` picks status-list indices.
    public static func build<G: RandomNumberGenerator>(key: IssuerKey, now: String, random: inout G) throws -> CreditDemo {
        let rules = RulePresets.rules(id: "acbs") ?? RulePresets.rules(id: "card")!
        let issuer = Issuer.didKey(name: "示范县学分银行 / Demo County Credit Bank", key: key)
        let resident = "L3f1c0demo000000000000a1", other = "L77b2demo0000000000000b2"
        var ledger = Ledger()
        // 1. The resident checks in at the community class (kiosk, card number) — the centre's completion follows.
        let cls = Outcome(learnerID: resident, id: "CC-2025-017", institution: "城关社区学院", kind: .informal, title: "社区老年智能手机课程",
                          credits: Amount(whole: 2), hours: Amount(whole: 32), endDate: CivilDate(year: 2025, month: 6, day: 20)!,
                          attendancePct: Amount(whole: 90), score: Amount(whole: 85), catalogueID: "CAT-INF-031")
        let submitted = try ledger.append(.accumulate, learnerID: resident, outcome: cls, actor: "institution:城关社区学院", at: "2025-06-20T10:00:00Z",
                                          evidence: ["签到记录 16/16 次（终身学习卡 3301-0042）", "结业成绩 85"], reason: "机构提交结业 / completion submitted")
        // 2. The reviewer recognises it, and two degree courses from the open university.
        try ledger.append(.convert, learnerID: resident, target: submitted.seq, conversionRule: "acbs.community", actor: "reviewer:社区教育办",
                          at: "2025-06-25T09:00:00Z", evidence: ["课程大纲"], reason: "社区课程按名录认定 2 学分 / recognised per catalogue")
        let deg1 = Outcome(learnerID: resident, id: "OU-2025-101", institution: "国家开放大学某分部", kind: .degree, title: "计算机应用基础",
                           credits: Amount(whole: 4), hours: Amount(whole: 64), endDate: CivilDate(year: 2025, month: 7, day: 10)!,
                           attendancePct: Amount(whole: 95), score: Amount(whole: 78), catalogueID: "CAT-DEG-101")
        let deg2 = Outcome(learnerID: resident, id: "OU-2025-102", institution: "国家开放大学某分部", kind: .degree, title: "管理学基础",
                           credits: Amount(whole: 3), hours: Amount(whole: 48), endDate: CivilDate(year: 2025, month: 7, day: 12)!,
                           attendancePct: Amount(whole: 85), score: Amount(whole: 58), catalogueID: "CAT-DEG-102")
        for o in [deg1, deg2] {
            try ledger.append(.recognise, learnerID: resident, outcome: o, actor: "reviewer:社区教育办", at: "2025-07-20T09:00:00Z",
                              evidence: ["成绩单"], reason: "学历课程认证 / degree course recognised")
        }
        // 3. A mistake corrected: the management course's score was 68, not 58 (a new entry, never an edit).
        var fixed = deg2
        fixed.score = Amount(whole: 68)
        try ledger.append(.correct, learnerID: resident, outcome: fixed, target: ledger.entries.count, actor: "reviewer:社区教育办",
                          at: "2025-07-22T09:00:00Z", evidence: ["更正后的成绩单"], reason: "成绩录入错误 58 → 68 / score typo")
        // 4. Another learner's certificate, recognised then withdrawn (its credential revoked).
        let cert = Outcome(learnerID: other, id: "CERT-2025-9", institution: "某培训中心", kind: .nonDegree, title: "家政服务员职业技能等级证书",
                           credits: Amount(whole: 3), hours: Amount(whole: 48), endDate: CivilDate(year: 2025, month: 5, day: 30)!,
                           attendancePct: Amount(whole: 100), score: Amount(whole: 80), catalogueID: "CAT-NDG-009")
        let certEntry = try ledger.append(.recognise, learnerID: other, outcome: cert, actor: "reviewer:社区教育办", at: "2025-06-02T09:00:00Z",
                                          evidence: ["证书扫描件"], reason: "证书认证 / certificate recognised")

        var demoRules = rules
        demoRules.conversions.append(CreditRules.Conversion(id: "acbs.community", catalogueID: "CAT-INF-031", credits: Amount(whole: 2)))
        let balance = ledger.balance(learnerID: resident, rules: demoRules)

        var list = StatusList(url: statusListURL)
        var used = Set<Int>()
        func nextIndex() -> Int {
            let i = StatusList.randomIndex(excluding: used, count: list.count, using: &random) ?? 0
            used.insert(i)
            return i
        }
        let outcomes = ledger.live(learnerID: resident).values
        var credentials: [JSONValue] = [], achievements: [JSONValue] = []
        let salt = "demo-salt-1"
        for d in balance.decisions where d.credited {
            guard let o = outcomes.first(where: { $0.id == d.outcomeID }) else { continue }
            let ac = TranscriptBuilder.achievementCredential(id: "urn:junheng:credential:\(o.id)", outcome: o, decision: d, rulesName: demoRules.name,
                                                             issuer: issuer, validFrom: now, salt: salt, status: list.entry(index: nextIndex()))
            achievements.append(ac["credentialSubject"]?["achievement"] ?? .null)
            credentials.append(DataIntegrity.sign(ac, key: key, verificationMethod: issuer.verificationMethod, created: now))
        }
        let clr = TranscriptBuilder.clrCredential(id: "urn:junheng:clr:\(resident):1", learnerID: resident, credentials: credentials,
                                                  achievements: achievements, total: balance.creditedTotal, required: balance.required,
                                                  issuer: issuer, validFrom: now, salt: salt, status: list.entry(index: nextIndex()))
        let transcript = DataIntegrity.sign(clr, key: key, verificationMethod: issuer.verificationMethod, created: now)

        // The other learner's credential, issued, then revoked with the ledger's 撤销 and the status bit.
        let certDecision = ledger.balance(learnerID: other, rules: demoRules).decisions.first { $0.outcomeID == cert.id }
            ?? CreditDecision(outcomeID: cert.id, credited: true, credits: Amount(whole: 3), rule: "acbs.stated", reason: "")
        let revokedIndex = nextIndex()
        let revoked = DataIntegrity.sign(
            TranscriptBuilder.achievementCredential(id: "urn:junheng:credential:\(cert.id)", outcome: cert, decision: certDecision,
                                                    rulesName: demoRules.name, issuer: issuer, validFrom: now, salt: salt,
                                                    status: list.entry(index: revokedIndex)),
            key: key, verificationMethod: issuer.verificationMethod, created: now)
        try ledger.append(.revoke, learnerID: other, target: certEntry.seq, actor: "reviewer:社区教育办", at: now,
                          evidence: ["发证机构撤回通知"], reason: "证书被发证机构撤回 / certificate withdrawn by its issuer")
        list.set(revokedIndex)
        let statusList = DataIntegrity.sign(list.credential(issuer: issuer.did, validFrom: now), key: key,
                                            verificationMethod: issuer.verificationMethod, created: now)
        return CreditDemo(ledger: ledger, rules: demoRules, issuer: issuer, didDocument: Multikey.didKeyDocument(publicKeyMultibase: key.publicKeyMultibase),
                          transcript: transcript, statusList: statusList, revokedCredential: revoked, balance: balance, learnerID: resident)
    }
}
