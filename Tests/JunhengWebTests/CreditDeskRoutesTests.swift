import CreditBank
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

/// Helpers of the credit desk's web tests: activities made through the centre's form, the demo learner, both verifiers.
enum CreditWebTest {
    static let demoActivity = "社区老年智能手机课程"

    /// Creates an activity through the centre's form; returns its id (from the redirect).
    static func createActivity(_ b: inout TestBrowser, title: String, credits: String, end: String, hours: String = "30") async throws -> String {
        _ = try await b.get("/credits/centre")
        let res = try await b.post("/credits/centre/activities", form: ["title": title, "kind": "无定式", "hours": hours, "credits": credits, "end_date": end])
        #expect(res.status == .seeOther, "\(title): \(res.status) \(res.body.string.prefix(300))")
        let location = try #require(res.headers.first(name: .location))
        return String(location.dropFirst("/credits/activities/".count))
    }

    static func activity(_ app: Application, title: String) async throws -> CreditActivity {
        try #require(try await CreditActivity.query(on: app.db).filter(\.$title == title).first())
    }

    static func learner(_ app: Application) async throws -> CreditLearnerRecord {
        try #require(try await CreditLearnerRecord.query(on: app.db).filter(\.$cardNumber == CreditDemoSeed.residentCard).first())
    }

    /// The repository root (for scripts/verify-credential.py).
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// Runs the independent Python verifier on `credential` with `statusList`; its exit code and output.
    static func python(_ credential: String, statusList: String) throws -> (Int32, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-credits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = dir.appendingPathComponent("transcript.json"), l = dir.appendingPathComponent("status-list.json")
        try Data(credential.utf8).write(to: c)
        try Data(statusList.utf8).write(to: l)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("scripts/verify-credential.py").path, c.path, "--status-list", l.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The Swift verifier (the domain's) against the bank's published list.
    static func swift(_ credential: String, statusList: String) throws -> VerificationReport {
        CredentialVerifier(statusLists: [try JSONParser.parse(statusList)], now: ISO8601DateFormatter().string(from: Date()))
            .verify(try JSONParser.parse(credential))
    }

    /// The decision of the learner's API record for the outcome of the activity titled `title`.
    static func decision(_ record: [String: Any], _ title: String) -> [String: Any]? {
        (record["outcomes"] as? [[String: Any]])?.first { $0["title"] as? String == title }
    }

    /// Submits attendance and score of the demo learner at `activity` as the centre.
    static func submit(_ b: inout TestBrowser, _ activity: String, learner: String, attendance: String, score: String) async throws -> TestingHTTPResponse {
        _ = try await b.get("/credits/activities/\(activity)")
        return try await b.post("/credits/activities/\(activity)/completions", form: ["attendance_\(learner)": attendance, "score_\(learner)": score])
    }

    /// The demo story in short: the demo learner checks in at the demo class by QR code, the centre submits 90 % and 80,
    /// the reviewer recognises it (ledger entry 1). Returns the three signed-in browsers and the learner id.
    static func recognisedDemoClass(_ app: Application) async throws -> (resident: TestBrowser, reviewer: TestBrowser, learner: String) {
        let demo = try await activity(app, title: demoActivity)
        let lid = try await learner(app).learnerID
        var resident = TestBrowser(app), centre = TestBrowser(app), reviewer = TestBrowser(app)
        #expect(try await resident.login("demo-learner").status == .seeOther)
        #expect(try await centre.login("demo-centre").status == .seeOther)
        #expect(try await reviewer.login("demo-credit").status == .seeOther)
        _ = try await resident.get("/credits/checkin/\(demo.checkinCode)")
        #expect(try await resident.post("/credits/checkin/\(demo.checkinCode)", form: [:]).status == .seeOther)
        #expect(try await submit(&centre, try demo.requireID().uuidString, learner: lid, attendance: "90", score: "80").status == .seeOther)
        let completion = try #require(try await CreditCompletion.query(on: app.db).first())
        _ = try await reviewer.get("/credits/review")
        #expect(try await reviewer.post("/credits/completions/\(try completion.requireID())/recognise", form: [:]).status == .seeOther)
        #expect(try await CreditLedgerRow.query(on: app.db).count() == 1)
        return (resident, reviewer, lid)
    }
}

extension WebTests {
    @Suite struct CreditDeskRoutesTests {
        /// Issue 14's "done means" under the ACBS preset: a resident checks in (QR code and kiosk), the centre submits
        /// completions, the reviewer recognises them (积累), the resident downloads a transcript that both verifiers accept,
        /// refuse after one character changes, and report revoked after revocation; the credits are those of a hand count.
        @Test func aResidentsClassesBecomeAVerifiableTranscriptUnderTheACBSCaps() async throws {
            try await withTestApp { app in
                app.web.creditRules = RulePresets.rules(id: "acbs")
                let learner = try await CreditWebTest.learner(app)
                let lid = learner.learnerID
                var centre = TestBrowser(app)
                #expect(try await centre.login("demo-centre").status == .seeOther)
                // The demo activity (2 credits, ends 2026-06-20) shows its QR code and the check-in link.
                let demo = try await CreditWebTest.activity(app, title: CreditWebTest.demoActivity)
                let demoID = try demo.requireID().uuidString
                let page = try await centre.get("/credits/activities/\(demoID)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains("/credits/checkin/\(demo.checkinCode)") && page.body.string.contains("<svg"))

                // The resident scans the QR code (signed in) and checks in; a second check-in is no second row.
                var resident = TestBrowser(app)
                #expect(try await resident.login("demo-learner").status == .seeOther)
                let checkin = try await resident.get("/credits/checkin/\(demo.checkinCode)")
                #expect(checkin.status == .ok && checkin.body.string.contains("checkin-form"))
                #expect(try await resident.post("/credits/checkin/\(demo.checkinCode)", form: [:]).status == .seeOther)
                #expect(try await resident.post("/credits/checkin/\(demo.checkinCode)", form: [:]).status == .seeOther)
                #expect(try await resident.get("/credits/checkin/\(demo.checkinCode)").body.string.contains("id=\"checked-in\""))
                #expect(try await CreditCheckin.query(on: app.db).filter(\.$activity.$id == demo.requireID()).count() == 1)

                // Six more classes, checked in at the kiosk by card number. ACBS: ≤ 24 credits a term (1 Mar – 31 Aug,
                // 1 Sep – end Feb), attendance ≥ 80 %, score ≥ 60; applied by end date.
                let plan: [(title: String, credits: String, end: String, attendance: String, score: String)] = [
                    ("书法入门", "9", "2026-04-10", "100", "90"),
                    ("家庭理财", "9", "2026-05-15", "85", "70"),
                    ("摄影基础", "5", "2026-07-01", "95", "88"),      // term 1 holds 9 + 9 + 2 = 20: 25 > 24, not credited
                    ("太极拳", "6", "2026-10-01", "70", "90"),        // attendance 70 % < 80 %
                    ("英语口语", "6", "2026-11-01", "90", "59"),      // score 59 < 60
                    ("急救常识", "4", "2026-12-01", "80", "60"),      // exactly the thresholds: credited
                ]
                var ids: [String: String] = [CreditWebTest.demoActivity: demoID]
                for p in plan {
                    let id = try await CreditWebTest.createActivity(&centre, title: p.title, credits: p.credits, end: p.end)
                    ids[p.title] = id
                    _ = try await centre.get("/credits/activities/\(id)")
                    let k = try await centre.post("/credits/activities/\(id)/kiosk", form: ["card": " \(CreditDemoSeed.residentCard) "])
                    #expect(k.status == .seeOther, "\(p.title) kiosk: \(k.status)")
                }
                #expect(try await CreditCheckin.query(on: app.db).filter(\.$via == "kiosk").count() == 6)

                // The centre submits attendance and score; a bad number is refused with its field named, nothing written.
                let bad = try await CreditWebTest.submit(&centre, demoID, learner: lid, attendance: "150", score: "80")
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("attendance_\(lid)"))
                #expect(try await CreditWebTest.submit(&centre, demoID, learner: lid, attendance: "九十", score: "80").status == .unprocessableEntity)
                #expect(try await CreditCompletion.query(on: app.db).count() == 0)
                #expect(try await CreditWebTest.submit(&centre, demoID, learner: lid, attendance: "90", score: "85").status == .seeOther)
                for p in plan {
                    let id = try #require(ids[p.title])
                    #expect(try await CreditWebTest.submit(&centre, id, learner: lid, attendance: p.attendance, score: p.score).status == .seeOther)
                }
                #expect(try await CreditCompletion.query(on: app.db).filter(\.$status == "submitted").count() == 7)

                // The centre cannot review; the reviewer recognises every completion (积累).
                #expect(try await centre.get("/credits/review").status == .forbidden)
                let first = try #require(try await CreditCompletion.query(on: app.db).first())
                #expect(try await centre.post("/credits/completions/\(try first.requireID())/recognise", form: [:]).status == .forbidden)
                var reviewer = TestBrowser(app)
                #expect(try await reviewer.login("demo-credit").status == .seeOther)
                let queue = try await reviewer.get("/credits/review")
                #expect(queue.status == .ok && queue.body.string.contains("家庭理财"))
                for c in try await CreditCompletion.query(on: app.db).all() {
                    _ = try await reviewer.get("/credits/review")
                    let r = try await reviewer.post("/credits/completions/\(try c.requireID())/recognise", form: [:])
                    #expect(r.status == .seeOther, "\(r.status) \(r.body.string.prefix(300))")
                }
                // Deciding twice is refused.
                #expect(try await reviewer.post("/credits/completions/\(try first.requireID())/recognise", form: [:]).status == .conflict)
                let rows = try await CreditLedgerRow.query(on: app.db).sort(\.$seq).all()
                #expect(rows.count == 7 && rows.allSatisfy { $0.action == "积累" && $0.learnerID == lid })
                #expect(try await CreditStore.ledger(on: app.db).brokenLink() == nil)
                #expect(try await auditEntries(app, action: "credit-recognise").count == 7)

                // The balance by hand: 书法 9 + 家庭理财 9 + the demo class 2 + 急救 4 = 24; 摄影 over the term cap; 太极拳 and
                // 英语口语 under the thresholds.
                let token = try #require(try await APIClient.token(app, "demo-learner"))
                let api = try await APIClient.get(app, "/api/v1/credits/me", token: token)
                #expect(api.status == .ok)
                let record = try #require(try APIClient.json(api) as? [String: Any])
                #expect(record["credited_total"] as? String == "24" && record["rules"] as? String == "acbs" && record["required"] as? String == "140")
                for (title, credited, credits) in [("书法入门", true, "9"), ("家庭理财", true, "9"), (CreditWebTest.demoActivity, true, "2"), ("急救常识", true, "4"),
                                                   ("摄影基础", false, "0"), ("太极拳", false, "0"), ("英语口语", false, "0")] {
                    let d = try #require(CreditWebTest.decision(record, title), "\(title)")
                    #expect(d["credited"] as? Bool == credited && d["credits"] as? String == credits, "\(title): \(d)")
                }
                let capped = try #require(CreditWebTest.decision(record, "摄影基础"))
                #expect(capped["rule"] as? String == "acbs.term" && (capped["reason"] as? String ?? "").contains("24"), "\(capped)")
                #expect(CreditWebTest.decision(record, "太极拳")?["rule"] as? String == "acbs.min_attendance")
                #expect(CreditWebTest.decision(record, "英语口语")?["rule"] as? String == "acbs.min_score")
                let mine = try await resident.get("/credits/me")
                #expect(mine.status == .ok && mine.body.string.contains("id=\"credited-total\">24<"))

                // The transcript verifies with the domain verifier and the independent Python one against the bank's list.
                let download = try await resident.get("/credits/me/transcript.json")
                #expect(download.status == .ok && download.headers.first(name: .contentDisposition)?.contains("transcript.json") == true)
                let transcript = download.body.string
                let clr = try JSONParser.parse(transcript)
                #expect(clr["credentialSubject"]?["verifiableCredential"]?.array?.count == 4)
                let list = try await reviewer.get("/credits/status/2").body.string
                let swiftOK = try CreditWebTest.swift(transcript, statusList: list)
                #expect(swiftOK.verdict == .valid, "\(swiftOK.failures)")
                let (pyOK, pyOut) = try CreditWebTest.python(transcript, statusList: list)
                #expect(pyOK == 0, "\(pyOut)")
                // One character changed: both refuse.
                let tampered = transcript.replacingOccurrences(of: "急救常识", with: "急救常议")
                #expect(tampered != transcript)
                #expect(try CreditWebTest.swift(tampered, statusList: list).verdict == .invalid)
                #expect(try CreditWebTest.python(tampered, statusList: list).0 == 1)

                // The reviewer withdraws 书法入门: the old transcript is reported revoked by both verifiers; the balance
                // is recomputed: 摄影基础 now fits the term (9 + 2 + 5 = 16), so 9 + 2 + 5 + 4 = 20.
                let calligraphy = try #require(UUID(uuidString: ids["书法入门"] ?? ""))
                let root = try #require(try await CreditCompletion.query(on: app.db).filter(\.$activity.$id == calligraphy).first()?.ledgerSeq)
                _ = try await reviewer.get("/credits/learners/\(lid)")
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": String(root), "reason": ""]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": "x", "reason": "证据不足"]).status == .unprocessableEntity)
                #expect(try await CreditLedgerRow.query(on: app.db).count() == 7)
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": String(root), "reason": "签到记录有误"]).status == .seeOther)
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": String(root), "reason": "再撤一次"]).status == .unprocessableEntity)
                let after = try await reviewer.get("/credits/status/2").body.string
                let revoked = try CreditWebTest.swift(transcript, statusList: after)
                #expect(revoked.verdict == .invalid && revoked.revoked.count == 1, "\(revoked.failures)")
                let (pyRevoked, pyRevokedOut) = try CreditWebTest.python(transcript, statusList: after)
                #expect(pyRevoked == 1 && pyRevokedOut.contains("revoked"), "\(pyRevokedOut)")
                let again = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1/credits/me", token: token)) as? [String: Any])
                #expect(again["credited_total"] as? String == "20")
                #expect(CreditWebTest.decision(again, "摄影基础")?["credited"] as? Bool == true)
                #expect(CreditWebTest.decision(again, "书法入门") == nil)
                // A fresh transcript is valid again, with the withdrawn outcome gone.
                let fresh = try await resident.get("/credits/me/transcript.json").body.string
                #expect(try CreditWebTest.swift(fresh, statusList: after).verdict == .valid)
                #expect(try CreditWebTest.python(fresh, statusList: after).0 == 0)
                #expect(try await CreditStore.ledger(on: app.db).entries.last?.action == .revoke)
            }
        }

        /// Who sees what: the learner only their own record, the centre no review, anonymous the login page; hostile
        /// input is a clear error with nothing written.
        @Test func rolesAreScopedAndHostileInputIsRefused() async throws {
            try await withTestApp { app in
                let demo = try await CreditWebTest.activity(app, title: CreditWebTest.demoActivity)
                let demoID = try demo.requireID().uuidString
                let lid = try await CreditWebTest.learner(app).learnerID
                // Anonymous: every desk page sends to the login page.
                var anonymous = TestBrowser(app)
                for path in ["/credits/me", "/credits/me/transcript.json", "/credits/centre", "/credits/review", "/credits/activities/\(demoID)",
                             "/credits/checkin/\(demo.checkinCode)", "/credits/learners/\(lid)"] {
                    let r = try await anonymous.get(path)
                    #expect(r.status == .seeOther && r.headers.first(name: .location)?.hasPrefix("/login") == true, "\(path): \(r.status)")
                }
                #expect(try await APIClient.get(app, "/api/v1/credits/me", token: nil).status == .unauthorized)
                // The learner: their own record, nobody else's, no centre or reviewer page.
                var learner = TestBrowser(app)
                #expect(try await learner.login("demo-learner").status == .seeOther)
                #expect(try await learner.get("/credits/me").status == .ok)
                for path in ["/credits/review", "/credits/learners/\(lid)", "/credits/centre", "/credits/activities/\(demoID)"] {
                    #expect(try await learner.get(path).status == .forbidden, "\(path)")
                }
                let lt = try #require(try await APIClient.token(app, "demo-learner"))
                #expect(try await APIClient.get(app, "/api/v1/credits/review", token: lt).status == .forbidden)
                // Staff have no learner record of their own.
                var reviewer = TestBrowser(app)
                #expect(try await reviewer.login("demo-credit").status == .seeOther)
                #expect(try await reviewer.get("/credits/me").status == .forbidden)
                #expect(try await reviewer.get("/credits/centre").status == .forbidden)
                let rt = try #require(try await APIClient.token(app, "demo-credit"))
                let q = try await APIClient.get(app, "/api/v1/credits/review", token: rt)
                let queueJSON = try APIClient.json(q) as? [String: Any]
                #expect(q.status == .ok && queueJSON?["queue"] is [Any])
                // A county statistician sees none of it.
                var other = TestBrowser(app)
                #expect(try await other.login("gd-stat").status == .seeOther)
                #expect(try await other.get("/credits/review").status == .forbidden)
                #expect([.forbidden, .notFound].contains(try await other.get("/credits/activities/\(demoID)").status))

                // Hostile input at the centre: bad card numbers, huge fields, bad ids and codes; nothing written.
                var centre = TestBrowser(app)
                #expect(try await centre.login("demo-centre").status == .seeOther)
                _ = try await centre.get("/credits/activities/\(demoID)")
                for card in ["", "9999-0000", "<script>alert(1)</script>", String(repeating: "3", count: 5000), "3301-0042' OR '1'='1"] {
                    let r = try await centre.post("/credits/activities/\(demoID)/kiosk", form: ["card": card])
                    #expect(r.status == .unprocessableEntity, "card \(card.prefix(20)): \(r.status)")
                    #expect(!r.body.string.contains("<script>alert"))
                    #expect(r.body.string.contains("未找到此学习卡"))
                }
                #expect(try await CreditCheckin.query(on: app.db).count() == 0)
                #expect(try await auditEntries(app, action: "credit-checkin-refused").count == 5)
                _ = try await centre.get("/credits/centre")
                for (field, value) in [("title", String(repeating: "长", count: 101)), ("title", " "), ("hours", "1e9"), ("hours", "-3"), ("hours", "1000000"),
                                       ("credits", "abc"), ("end_date", "2026-02-30"), ("kind", "学霸"), ("catalogue_id", String(repeating: "c", count: 41))] {
                    var form = ["title": "合法标题", "kind": "无定式", "hours": "10", "credits": "1", "end_date": "2026-05-01"]
                    form[field] = value
                    let r = try await centre.post("/credits/centre/activities", form: form)
                    #expect(r.status == .unprocessableEntity && r.body.string.contains(field), "\(field)=\(value.prefix(20)): \(r.status)")
                }
                #expect(try await CreditActivity.query(on: app.db).count() == 1)
                #expect(try await auditEntries(app, action: "credit-activity-refused").count == 9)
                #expect(try await centre.post("/credits/centre/activities", form: ["title": "x"], csrf: false).status == .forbidden)
                for path in ["/credits/activities/not-a-uuid", "/credits/activities/\(UUID())", "/credits/activities/\(String(repeating: "a", count: 3000))"] {
                    #expect(try await centre.get(path).status == .notFound, "\(path.prefix(60))")
                }
                // Submitting with nobody checked in is refused.
                #expect(try await centre.post("/credits/activities/\(demoID)/completions", form: [:]).status == .unprocessableEntity)
                // Bad check-in codes, learner ids and completion ids.
                for code in ["nope", String(repeating: "f", count: 300), "%27%20OR%201%3D1"] {
                    #expect(try await learner.get("/credits/checkin/\(code)").status == .notFound, "\(code.prefix(20))")
                }
                _ = try await reviewer.get("/credits/review")
                #expect(try await reviewer.get("/credits/learners/L000").status == .notFound)
                #expect(try await reviewer.get("/credits/learners?card=9999").status == .notFound)
                #expect(try await reviewer.get("/credits/learners?card=\(CreditDemoSeed.residentCard)").headers.first(name: .location) == "/credits/learners/\(lid)")
                #expect(try await reviewer.post("/credits/completions/\(UUID())/recognise", form: [:]).status == .notFound)
                #expect(try await reviewer.post("/credits/completions/zzz/reject", form: ["note": "x"]).status == .notFound)
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": "1", "reason": "无此记录"]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/revoke", form: ["seq": "99999999999999999999", "reason": "x"]).status == .unprocessableEntity)
                #expect(try await CreditLedgerRow.query(on: app.db).count() == 0)
                #expect(try await auditEntries(app, action: "credit-revoke-refused").count == 2)
            }
        }

        /// 更正 and 转换 on the reviewer's page are new ledger entries (the entry corrected never changes), audited; the
        /// credentials of the old version are marked in the status list. National preset: informal ≤ 10 credits.
        @Test func reviewerCorrectsAndConvertsWithNewLedgerEntries() async throws {
            try await withTestApp { app in
                var (resident, reviewer, lid) = try await CreditWebTest.recognisedDemoClass(app)
                let original = try #require(try await CreditLedgerRow.query(on: app.db).filter(\.$seq == 1).first())
                let before = try await resident.get("/credits/me/transcript.json").body.string
                #expect(try await resident.get("/credits/me").body.string.contains("id=\"credited-total\">2<"))

                // 更正: the credits were 2, should be 3.
                let page = try await reviewer.get("/credits/learners/\(lid)")
                #expect(page.status == .ok && page.body.string.contains("id=\"correct-1\"") && page.body.string.contains("id=\"convert-1\""))
                #expect(try await reviewer.post("/credits/learners/\(lid)/correct", form: ["seq": "1", "reason": "没改任何项"]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/correct", form: ["seq": "1", "credits": "三", "reason": "x"]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/correct", form: ["seq": "1", "credits": "3"]).status == .unprocessableEntity)
                #expect(try await CreditLedgerRow.query(on: app.db).count() == 1)
                #expect(try await reviewer.post("/credits/learners/\(lid)/correct", form: ["seq": "1", "credits": "3", "reason": "学分登记有误"]).status == .seeOther)
                let rows = try await CreditLedgerRow.query(on: app.db).sort(\.$seq).all()
                #expect(rows.count == 2 && rows[1].action == "更正" && rows[1].target == 1)
                #expect(rows[0].hash == original.hash && rows[0].outcome == original.outcome)
                #expect(try await resident.get("/credits/me").body.string.contains("id=\"credited-total\">3<"))
                let list = try await reviewer.get("/credits/status/2").body.string
                let superseded = try CreditWebTest.swift(before, statusList: list)
                #expect(superseded.verdict == .invalid && !superseded.revoked.isEmpty)
                #expect(try CreditWebTest.swift(try await resident.get("/credits/me/transcript.json").body.string, statusList: list).verdict == .valid)

                // 转换: a rule of the rules data (national.courier: 8 credits, three courses exempted); an unknown rule refused.
                #expect(try await reviewer.post("/credits/learners/\(lid)/convert", form: ["seq": "1", "rule": "made.up"]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/convert", form: ["seq": "1", "rule": String(repeating: "r", count: 500)]).status == .unprocessableEntity)
                #expect(try await reviewer.post("/credits/learners/\(lid)/convert", form: ["seq": "1", "rule": "national.courier"]).status == .seeOther)
                let token = try #require(try await APIClient.token(app, "demo-learner"))
                let record = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1/credits/me", token: token)) as? [String: Any])
                let d = try #require(CreditWebTest.decision(record, CreditWebTest.demoActivity))
                #expect(record["credited_total"] as? String == "8" && d["rule"] as? String == "national.courier", "\(record)")
                let all = try await CreditStore.ledger(on: app.db)
                #expect(all.entries.map(\.action) == [.accumulate, .correct, .convert] && all.brokenLink() == nil)
                #expect(all.entries[2].conversionRule == "national.courier")
                #expect(try await auditEntries(app, action: "credit-correct").count == 1)
                #expect(try await auditEntries(app, action: "credit-convert").count == 1)
                #expect(try await auditEntries(app, action: "credit-correct-refused").count == 3)
                #expect(try await auditEntries(app, action: "credit-convert-refused").count == 2)
            }
        }

        /// A learner shares their transcript by an unguessable link that opens the public verification page, and
        /// withdraws it; a ledger row changed behind the bank's back is refused, never a silent balance.
        /// The bank's credentials spread over status lists 2, 3, … by ledger entry (one list for the whole bank filled
        /// after about 6,000 learners): with one entry a list here, the first outcome's credential and the CLR are in
        /// list 3, the corrected version's in list 4; each list is served, an empty one is not, and the server's
        /// verifier fetches the lists a credential names — the old transcript revoked, the new one valid.
        @Test func credentialsSpreadOverStatusListsByLedgerEntry() async throws {
            try await withTestApp { app in
                app.web.creditStatusEntriesPerList = 1
                var (resident, reviewer, lid) = try await CreditWebTest.recognisedDemoClass(app)
                let before = try await resident.get("/credits/me/transcript.json").body.string
                let urls = { (t: String) throws -> [String] in
                    let clr = try JSONParser.parse(t)
                    let inner = clr["credentialSubject"]?["verifiableCredential"]?.array ?? []
                    return [clr["credentialStatus"]?["statusListCredential"]?.string ?? "-"] + inner.map { $0["credentialStatus"]?["statusListCredential"]?.string ?? "-" }
                }
                let beforeURLs = try urls(before)
                #expect(beforeURLs.map { $0.hasSuffix("/credits/status/3") } == [true, true], "\(beforeURLs)")
                #expect(try await reviewer.get("/credits/status/3").status == .ok)
                #expect(try await reviewer.get("/credits/status/2").status == .notFound)
                #expect(try await reviewer.get("/credits/status/99999999999").status == .notFound)
                #expect(try await reviewer.post("/credits/learners/\(lid)/correct", form: ["seq": "1", "credits": "3", "reason": "学分登记有误"]).status == .seeOther)
                let fresh = try await resident.get("/credits/me/transcript.json").body.string
                let freshURLs = try urls(fresh)
                #expect(freshURLs.count == 2 && freshURLs[0].hasSuffix("/credits/status/3") && freshURLs[1].hasSuffix("/credits/status/4"), "\(freshURLs)")
                var h = HTTPHeaders()
                h.contentType = .json
                let verdict = { (t: String) async throws -> String? in
                    let r = try await app.testing().sendRequest(.POST, "/api/v1/credits/verify", headers: h, body: ByteBuffer(string: t))
                    return (try APIClient.json(r) as? [String: Any])?["verdict"] as? String
                }
                #expect(try await verdict(before) == "invalid")
                #expect(try await verdict(fresh) == "valid")
                let list3 = try await reviewer.get("/credits/status/3").body.string
                #expect(try CreditWebTest.swift(before, statusList: list3).revoked.count == 1)
            }
        }

        @Test func shareLinksOpenTheVerificationPageUntilWithdrawn() async throws {
            try await withTestApp { app in
                var (resident, _, _) = try await CreditWebTest.recognisedDemoClass(app)

                _ = try await resident.get("/credits/me")
                let made = try await resident.post("/credits/me/shares", form: [:])
                #expect(made.status == .ok)
                let html = made.body.string
                let r = try #require(html.range(of: "id=\"share-link\">"))
                let link = String(html[r.upperBound...].prefix { $0 != "<" })
                let path = String(link[try #require(link.range(of: "/credits/shared/")).lowerBound...])
                let token = String(path.dropFirst("/credits/shared/".count))
                #expect(token.count == 64)
                #expect(try await CreditShare.query(on: app.db).first()?.tokenHash != token)  // only the hash is kept
                var stranger = TestBrowser(app)
                let opened = try await stranger.get(path)
                #expect(opened.status == .ok && opened.body.string.contains("<h2>有效</h2>") && opened.body.string.contains("id=\"shared-transcript\""),
                        "\(opened.body.string.prefix(500))")
                let shared = try await stranger.get(path + "/transcript.json").body.string
                let list = try await stranger.get("/credits/status/2").body.string
                #expect(try CreditWebTest.swift(shared, statusList: list).verdict == .valid)
                #expect(try await stranger.get("/credits/shared/\(String(repeating: "0", count: 64))").status == .notFound)
                #expect(try await stranger.get("/credits/shared/short").status == .notFound)

                // Withdrawn: the link no longer opens.
                let share = try #require(try await CreditShare.query(on: app.db).first())
                _ = try await resident.get("/credits/me")
                #expect(try await resident.post("/credits/me/shares/\(try share.requireID())/withdraw", form: [:]).status == .seeOther)
                #expect(try await stranger.get(path).status == .notFound)
                #expect(try await resident.post("/credits/me/shares/\(try share.requireID())/withdraw", form: [:]).status == .notFound)
                #expect(try await auditEntries(app, action: "credit-share").count == 1)
                #expect(try await auditEntries(app, action: "credit-share-withdraw").count == 1)

                // The API's transcript is the same signed document kind.
                let apiToken = try #require(try await APIClient.token(app, "demo-learner"))
                let t = try await APIClient.get(app, "/api/v1/credits/me/transcript", token: apiToken)
                let clrType = try JSONParser.parse(t.body.string)["type"]?.array
                #expect(t.status == .ok && clrType?.contains(.string("ClrCredential")) == true)

                // A row edited in the database (credits raised by hand): the learner's page refuses to show a balance.
                let row = try #require(try await CreditLedgerRow.query(on: app.db).first())
                row.reason = "改过 / edited"
                try await row.save(on: app.db)
                #expect(try await resident.get("/credits/me").status == .internalServerError)
                #expect(try await APIClient.get(app, "/api/v1/credits/me/transcript", token: apiToken).status == .internalServerError)
            }
        }
    }
}
