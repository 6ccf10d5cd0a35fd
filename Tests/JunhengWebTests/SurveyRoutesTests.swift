import Crypto
import Fluent
import JunhengSheets
import Foundation
import SQLKit
import Survey
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The pre-survey end to end: the API's contract, one answer per invitation, anonymity, results by hand, scope.
    @Suite struct SurveyRoutesTests {
        static func iso(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }

        /// Creates a survey on county 1 (window around now unless given) and returns its id.
        static func survey(_ app: Application, _ token: String?, opens: Date = Date().addingTimeInterval(-60),
                           closes: Date = Date().addingTimeInterval(3600)) async throws -> String {
            let body = #"{"name":"测试调查","opens_at":"\#(iso(opens))","closes_at":"\#(iso(closes))","resident_population":{"城区":200000}}"#
            let res = try await APIClient.post(app, "/api/v1/counties/\(Demo.county1)/surveys", token: token, body: Array(body.utf8), contentType: "application/json")
            #expect(res.status == .created, "\(res.body.string)")
            return try #require((try APIClient.json(res) as? [String: Any])?["id"] as? String)
        }

        static func invite(_ app: Application, _ token: String?, _ id: String, _ q: String, _ count: Int, school: String? = nil) async throws -> [String] {
            let school = school.map { #","school_code":"\#($0)""# } ?? ""
            let res = try await APIClient.post(app, "/api/v1/surveys/\(id)/invitations", token: token,
                                               body: Array(#"{"questionnaire":"\#(q)","count":\#(count)\#(school)}"#.utf8), contentType: "application/json")
            #expect(res.status == .created, "\(res.body.string)")
            return try #require((try APIClient.json(res) as? [String: Any])?["codes"] as? [String])
        }

        static func respond(_ app: Application, _ code: String, _ answers: [String: String]) async throws -> TestingHTTPResponse {
            let body = try JSONSerialization.data(withJSONObject: ["code": code, "answers": answers])
            return try await APIClient.post(app, "/api/v1/responses", token: nil, body: Array(body), contentType: "application/json")
        }

        @Test func theAPIAnswersOncePerInvitationAndRefusesTheRest() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let shown = try APIClient.json(try await APIClient.get(app, "/api/v1/surveys/\(id)", token: token)) as? [String: Any]
                let qs = try #require(shown?["questionnaires"] as? [[String: Any]])
                #expect(qs.map { $0["kind"] as? String } == ["social", "staff", "student"])
                let options = try #require(((qs[0]["items"] as? [[String: Any]])?.first?["options"]) as? [[String: Any]])
                // 满意 and 基本满意 count as satisfied, 不满意 not, 不了解 is null (not counted).
                #expect(options.map { $0["key"] as? String } == ["satisfied", "basically", "unsatisfied", "unknown"])
                #expect(options[0]["satisfied"] as? Bool == true && options[2]["satisfied"] as? Bool == false && options[3]["satisfied"] is NSNull)

                let codes = try await Self.invite(app, token, id, "social", 3)
                #expect(codes.count == 3 && Set(codes).count == 3 && codes.allSatisfy { $0.count == 13 })
                #expect(try await Self.respond(app, codes[0], ["overall": "satisfied"]).status == .created)
                #expect(try await Self.respond(app, codes[0], ["overall": "unsatisfied"]).status == .conflict)          // reused
                // The same code typed in lower case with dashes is the same invitation.
                let typed = InvitationCode.grouped(codes[0]).lowercased()
                #expect(try await Self.respond(app, typed, ["overall": "satisfied"]).status == .conflict)
                var forged = Array(codes[1])
                forged[12] = forged[12] == "0" ? "1" : "0"
                #expect(try await Self.respond(app, String(forged), [:]).status == .notFound)                             // tag wrong
                #expect(try await Self.respond(app, "not-a-code", [:]).status == .notFound)
                let bad = try await Self.respond(app, codes[1], ["nope": "satisfied"])
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("answers.nope"))
                let badOption = try await Self.respond(app, codes[1], ["overall": "maybe"])
                #expect(badOption.status == .unprocessableEntity && badOption.body.string.contains("answers.overall"))
                let missing = try await APIClient.post(app, "/api/v1/responses", token: nil, body: Array(#"{"answers":{}}"#.utf8), contentType: "application/json")
                #expect(missing.status == .unprocessableEntity && missing.body.string.contains("code"))
                let wrongType = try await APIClient.post(app, "/api/v1/responses", token: nil, body: Array(#"{"code":"x","answers":{"a":1}}"#.utf8), contentType: "application/json")
                #expect(wrongType.status == .unprocessableEntity && wrongType.body.string.contains("answers.a"))
                // A refused answer did not use the invitation.
                #expect(try await Self.respond(app, codes[1], ["overall": "basically"]).status == .created)

                let later = try await Self.survey(app, token, opens: Date().addingTimeInterval(3600), closes: Date().addingTimeInterval(7200))
                let early = try await Self.invite(app, token, later, "staff", 1)
                #expect(try await Self.respond(app, early[0], ["pay": "satisfied"]).status == .gone)
            }
        }

        /// Fresh answers, replays and forgeries sent at once: each fresh one accepted once, and every refusal counted
        /// on the survey exactly once, also when several intake transactions add their counts side by side (on
        /// PostgreSQL up to four write at once; their read-modify-write of the counts must not overwrite each other; on SQLite it must not deadlock).
        @Test func concurrentAnswersAndRefusalsAreEachCountedOnce() async throws {
            try await withTestApp { app in
                app.surveyThrottle = SurveyThrottle(perMinute: 0)   // all from one test address
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let codes = try await Self.invite(app, token, id, "social", 40)
                for c in codes[..<20] { #expect(try await Self.respond(app, c, ["overall": "satisfied"]).status == .created) }
                var work: [(String, String)] = codes[20...].map { ("fresh", $0) } + codes[..<20].map { ("replay", $0) }
                for c in codes[..<20] {
                    var f = Array(c)
                    f[12] = f[12] == "0" ? "1" : "0"
                    work.append(("forged", String(f)))
                }
                let statuses = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
                    for (kind, code) in work.shuffled() {
                        group.addTask { (kind, try await Self.respond(app, code, ["overall": "basically"]).status.code) }
                    }
                    return try await group.reduce(into: [String: [UInt: Int]]()) { $0[$1.0, default: [:]][$1.1, default: 0] += 1 }
                }
                #expect(statuses == ["fresh": [201: 20], "replay": [409: 20], "forged": [404: 20]])
                // Counts added by 16 transactions at once, then the pending ones flushed: nothing lost.
                let uuid = try #require(UUID(uuidString: id))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { try await app.db.transaction { tx in try await AnswerIntake.addRefusals([uuid: ["closed": 1]], on: tx) } }
                    }
                    try await group.waitForAll()
                }
                try await app.surveys.flushRefusals(on: app.db)
                let record = try #require(try await SurveyRecord.find(uuid, on: app.db))
                let counts = try JSONDecoder().decode([String: Int].self, from: Data(record.refusals.utf8))
                #expect(counts == ["forged": 20, "replayed": 20, "closed": 16])
            }
        }

        @Test func resultsEqualACountByHandAndSmallCellsAreSuppressed() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let schools = try await School.query(on: app.db).join(Region.self, on: \School.$county.$id == \Region.$id)
                    .filter(Region.self, \.$code == Demo.county1).sort(\.$code).all()
                let a = try await Self.invite(app, token, id, "social", 6, school: schools[0].code)
                let b = try await Self.invite(app, token, id, "social", 2, school: schools[1].code)
                // School A: 6 sheets; school B: 2 (suppressed). Items: overall, burden.
                let sheets: [(String, [String: String])] = [
                    (a[0], ["overall": "satisfied", "burden": "unsatisfied"]), (a[1], ["overall": "basically", "burden": "unknown"]),
                    (a[2], ["overall": "satisfied", "burden": "satisfied"]), (a[3], ["overall": "unsatisfied"]),
                    (a[4], ["overall": "satisfied", "burden": "basically"]), (a[5], ["burden": "satisfied"]),
                    (b[0], ["overall": "satisfied", "burden": "satisfied"]), (b[1], ["overall": "unsatisfied", "burden": "unsatisfied"]),
                ]
                for (code, answers) in sheets { #expect(try await Self.respond(app, code, answers).status == .created) }
                // While open: counts only.
                let during = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1/surveys/\(id)/results", token: token)) as? [String: Any])
                #expect(during["responses"] as? Int == 8 && during["satisfied_share"] is NSNull && during["open"] as? Bool == true)
                let closed = try await APIClient.post(app, "/api/v1/surveys/\(id)/close", token: token, body: [])
                #expect(closed.status == .ok)
                let r = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1/surveys/\(id)/results", token: token)) as? [String: Any])
                // By hand. overall: s, b, s, u, s (A) and s, u (B) → 5 satisfied of 7 counted.
                // burden: u, 不了解 (not counted), s, b, s (A) and s, u (B) → 4 of 6. All items: 9 of 13.
                #expect(r["responses"] as? Int == 8)
                #expect(abs((r["satisfied_share"] as? Double ?? 0) - 9.0 / 13.0) < 1e-12)
                let items = try #require(r["by_item"] as? [String: [String: Any]])
                #expect(items["social.overall"]?["counted"] as? Int == 7 && items["social.overall"]?["satisfied"] as? Int == 5)
                #expect(items["social.burden"]?["counted"] as? Int == 6 && items["social.burden"]?["satisfied"] as? Int == 4)
                let bySchool = try #require(r["by_school"] as? [String: [String: Any]])
                // School A: overall 4 of 5, burden 3 of 4 → 7 of 9; school B has 2 sheets: suppressed.
                #expect(abs((bySchool[schools[0].code]?["share"] as? Double ?? 0) - 7.0 / 9.0) < 1e-12)
                #expect(bySchool[schools[1].code]?["suppressed"] as? Bool == true && bySchool[schools[1].code]?["share"] is NSNull)
            }
        }

        @Test func noInvitationCodeIsStoredAnywhere() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let codes = try await Self.invite(app, token, id, "student", 20)
                for code in codes.prefix(10) { #expect(try await Self.respond(app, code, ["overall": "satisfied"]).status == .created) }
                guard let sql = app.db as? any SQLDatabase else { Issue.record("no SQL database"); return }
                let tables = try await WebServer.tableNames(on: app.db)
                var cells = 0
                for table in tables.sorted() {
                    let rows = try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all()
                    for row in rows {
                        for column in row.allColumns {
                            guard let text = try? row.decode(column: column, as: String.self) else { continue }
                            cells += 1
                            for code in codes { #expect(!text.contains(code) && !text.contains(InvitationCode.grouped(code)), "\(table).\(column) holds a code") }
                        }
                    }
                }
                #expect(cells > 100)
                // Answers carry no precise time: the hour only.
                for a in try await SurveyAnswerRecord.query(on: app.db).all() {
                    #expect(a.hour.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600) == 0)
                }
            }
        }

        @Test func thePublicPageAnswersWithoutScriptOrSessionAndOnlyOnce() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let code = try await Self.invite(app, token, id, "social", 1)[0]
                let form = try await app.testing().sendRequest(.GET, "/s/\(code)")
                #expect(form.status == .ok && form.body.string.contains("survey-form") && !form.body.string.contains("<script"))
                #expect(form.headers[.setCookie].isEmpty)
                var h = HTTPHeaders()
                h.contentType = .urlEncodedForm
                let sent = try await app.testing().sendRequest(.POST, "/s/\(code)", headers: h, body: ByteBuffer(string: "code=\(code)&a_overall=satisfied&a_burden=unknown"))
                #expect(sent.status == .created && sent.body.string.contains("提交成功") && sent.headers[.setCookie].isEmpty)
                let again = try await app.testing().sendRequest(.POST, "/s/\(code)", headers: h, body: ByteBuffer(string: "a_overall=unsatisfied"))
                #expect(again.status == .conflict && again.body.string.contains("已提交过"))
                #expect(try await app.testing().sendRequest(.GET, "/s/ZZZZZZZZZZZZZ").status == .notFound)
                #expect(try await app.testing().sendRequest(.GET, "/s?code=\(InvitationCode.grouped(code))").status == .seeOther)
                var cross = h
                cross.replaceOrAdd(name: "Origin", value: "https://evil.example")
                let other = try await Self.invite(app, token, id, "social", 1)[0]
                #expect(try await app.testing().sendRequest(.POST, "/s/\(other)", headers: cross, body: ByteBuffer(string: "a_overall=satisfied")).status == .forbidden)
                #expect(try await SurveyAnswerRecord.query(on: app.db).filter(\.$survey.$id == UUID(uuidString: id)!).count() == 1)
            }
        }

        @Test func surveysFollowTheCountyScope() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)
                let other = try await APIClient.token(app, "demo-other-county")
                #expect(try await APIClient.get(app, "/api/v1/surveys/\(id)/results", token: other).status == .notFound)
                #expect(try await APIClient.post(app, "/api/v1/surveys/\(id)/invitations", token: other,
                                                 body: Array(#"{"questionnaire":"social","count":1}"#.utf8), contentType: "application/json").status == .notFound)
                let province = try await APIClient.token(app, "demo-province")
                #expect(try await APIClient.get(app, "/api/v1/surveys/\(id)/results", token: province).status == .ok)
                #expect(try await APIClient.post(app, "/api/v1/surveys/\(id)/invitations", token: province,
                                                 body: Array(#"{"questionnaire":"social","count":1}"#.utf8), contentType: "application/json").status == .forbidden)
                #expect(try await APIClient.post(app, "/api/v1/surveys/\(id)/invitations", token: token,
                                                 body: Array(#"{"questionnaire":"social","count":0}"#.utf8), contentType: "application/json").status == .unprocessableEntity)
                #expect(try await APIClient.post(app, "/api/v1/surveys/\(id)/invitations", token: token,
                                                 body: Array(#"{"questionnaire":"staff","group":"parent","count":1}"#.utf8), contentType: "application/json").status == .unprocessableEntity)
                #expect(try await auditEntries(app, action: "denied").count >= 2)
                #expect(try await auditEntries(app, action: "survey-invite").isEmpty)
            }
        }

        @Test func theStatisticianAdjustsTheSampleAndTheQuotasFollow() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token)   // 城区 200,000 residents
                var b = TestBrowser(app)
                try await b.login("demo-county")
                // Built-in rules: 200,000 × 1.5‰ = 300, parents ⌈300 × 0.5⌉ = 150.
                let before = try await b.get("/surveys/\(id)").body.string
                #expect(before.contains("建议样本 300 份") && before.contains("<td>家长</td><td>150</td>"))
                // 200,000 × 3‰ = 600, parents ⌈600 × 0.6⌉ = 360; the other six groups share 240 equally: 40 each.
                let adjusted = try await b.post("/surveys/\(id)/sample", form: ["per_mille": "3", "minimum": "100", "parent_share": "60", "population_城区": "200000"])
                #expect(adjusted.status == .seeOther)
                let after = try await b.get("/surveys/\(id)").body.string
                #expect(after.contains("建议样本 600 份") && after.contains("<td>家长</td><td>360</td>") && after.contains("<td>教师</td><td>40</td>"))
                #expect(try await auditEntries(app, action: "survey-sample").count == 1)
                // Below the 1.5‰ floor, or not a number: refused naming the field, nothing changed.
                let low = try await b.post("/surveys/\(id)/sample", form: ["per_mille": "1"])
                #expect(low.status == .unprocessableEntity && low.body.string.contains("per_mille"))
                let junk = try await b.post("/surveys/\(id)/sample", form: ["parent_share": "1e999"])
                #expect(junk.status == .unprocessableEntity && junk.body.string.contains("parent_share"))
                #expect(try await b.get("/surveys/\(id)").body.string.contains("建议样本 600 份"))
                // A principal may not adjust it.
                var principal = TestBrowser(app)
                try await principal.login("demo-school")
                _ = try await principal.get("/")
                #expect(principal.csrf != nil)
                #expect(try await principal.post("/surveys/\(id)/sample", form: ["per_mille": "5"]).status == .forbidden)
            }
        }

        @Test func theStatisticianCopiesAndEditsAQuestionnaireBeforeTheSurveyOpens() async throws {
            try await withTestApp { app in
                let token = try await APIClient.token(app, "demo-county")
                let id = try await Self.survey(app, token, opens: Date().addingTimeInterval(3600), closes: Date().addingTimeInterval(7200))
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let form = try await b.get("/surveys/\(id)/questionnaires/social")
                #expect(form.status == .ok && form.body.string.contains("id=\"questionnaire-form\""))
                // The form's fields for the built-in 社会卷, as a browser would post them, then the edits.
                let social = BuiltInQuestionnaires.social
                var fields: [String: String] = ["name_zh": "社会卷（本县修订）"]
                for (i, item) in social.items.enumerated() {
                    fields["text_\(i)"] = item.textZH
                    for (j, o) in item.options.enumerated() {
                        fields["opt_\(i)_\(j)_label"] = o.labelZH
                        fields["opt_\(i)_\(j)_counts"] = o.satisfied.map { $0 ? "yes" : "no" } ?? "unknown"
                    }
                }
                fields["text_0"] = "您对<学校>办学条件是否满意？"
                fields["opt_0_1_counts"] = "no"                 // only 满意 counts on the first item
                fields["drop_1"] = "on"                         // drop 'teachers'
                fields["text_10"] = "您对学校食堂是否满意？"      // a new item, no options: the first item's scale
                fields["key_10"] = "canteen"
                let saved = try await b.post("/surveys/\(id)/questionnaires/social", form: fields)
                #expect(saved.status == .seeOther, "\(saved.body.string.prefix(400))")
                let shown = try APIClient.json(try await APIClient.get(app, "/api/v1/surveys/\(id)", token: token)) as? [String: Any]
                let q = try #require((shown?["questionnaires"] as? [[String: Any]])?.first { $0["kind"] as? String == "social" })
                let items = try #require(q["items"] as? [[String: Any]])
                #expect(q["name_zh"] as? String == "社会卷（本县修订）")
                #expect(items.count == 10 && !items.contains { $0["key"] as? String == "teachers" })
                #expect(items[0]["text_zh"] as? String == "您对<学校>办学条件是否满意？")
                func counts(_ item: [String: Any]) -> [Bool?] { ((item["options"] as? [[String: Any]]) ?? []).map { $0["satisfied"] as? Bool } }
                #expect(counts(items[0]) == [true, false, false, nil])
                #expect(items[9]["key"] as? String == "canteen" && counts(items[9]) == [true, false, false, nil])
                #expect(try await auditEntries(app, action: "survey-questionnaire").count == 1)
                // An item whose options do not include an unsatisfied one is refused, naming it.
                var bad = fields
                for j in 0..<4 { bad["opt_0_\(j)_counts"] = "yes" }
                let refused = try await b.post("/surveys/\(id)/questionnaires/social", form: bad)
                #expect(refused.status == .unprocessableEntity && refused.body.string.contains("items[0].options"))
                // Hostile text is shown escaped on the form.
                #expect(try await b.get("/surveys/\(id)/questionnaires/social").body.string.contains("您对&lt;学校&gt;办学条件"))
                // Once the survey has opened, the questionnaire is fixed.
                let open = try await Self.survey(app, token)
                let late = try await b.post("/surveys/\(open)/questionnaires/social", form: fields)
                #expect(late.status == .conflict && late.body.string.contains("questionnaire-locked"))
            }
        }

        @Test func theDemoHasAClosedSurveyWithResultsAndAnOpenOne() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let list = try await b.get("/counties/\(Demo.county1)/surveys")
                #expect(list.status == .ok && list.body.string.contains("已结束") && list.body.string.contains("进行中"))
                let surveys = try await SurveyRecord.query(on: app.db).sort(\.$seq).all()
                #expect(surveys.count == 2)
                let closedPage = try await b.get("/surveys/\(try surveys[0].requireID())")
                #expect(closedPage.status == .ok && closedPage.body.string.contains("survey-share") && closedPage.body.string.contains("survey-by-item"))
                let xlsx = try await b.get("/surveys/\(try surveys[0].requireID())/results.xlsx")
                #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
                let rows = try XLSXReader.read(data: Data(xlsx.body.readableBytesView), preferredSheet: nil).rows
                #expect(rows.first?.cells.first == "分组" && rows.count > 20)
                let openPage = try await b.get("/surveys/\(try surveys[1].requireID())")
                #expect(openPage.body.string.contains("survey-results-pending") && !openPage.body.string.contains("id=\"survey-share\""))
                #expect(try await SurveyAnswerRecord.query(on: app.db).count() > 200)
                // The closed survey's share shows beside the assessment's S item, labelled, never as the official figure.
                let assessment = try await b.get("/counties/\(Demo.county1)/years/2025/assessment")
                #expect(assessment.body.string.contains("recognition-junheng-survey") && assessment.body.string.contains("recognition-official"))
                // Printable slips with QR codes for a new batch.
                let issued = try await b.post("/surveys/\(try surveys[1].requireID())/invitations", form: ["group": "parent", "count": "3", "school_code": ""])
                #expect(issued.status == .seeOther)
                let slips = try await b.get(issued.headers.first(name: .location) ?? "")
                #expect(slips.status == .ok && slips.body.string.components(separatedBy: "class=\"qr\"").count == 4)
            }
        }
    }
}

@Suite struct SurveyThrottleTests {
    @Test func aBurstFromOneAddressIsRefusedThenAdmittedAgain() {
        let t = SurveyThrottle(perMinute: 3)
        let now = Date()
        #expect(t.admit("1.2.3.4", now: now) == nil)
        #expect(t.admit("1.2.3.4", now: now) == nil)
        #expect(t.admit("1.2.3.4", now: now) == nil)
        #expect(t.admit("1.2.3.4", now: now) == 20)            // one token comes back every 20 s
        #expect(t.admit("5.6.7.8", now: now) == nil)           // another address is not affected
        #expect(t.admit("1.2.3.4", now: now.addingTimeInterval(20)) == nil)
        #expect(SurveyThrottle(perMinute: 0).admit("x") == nil)
    }

    @Test func theCodeRoundTripsAndRefusesWhatIsNotOne() {
        let key = SymmetricKey(size: .bits256)
        for (seq, serial) in [(1, 0), (65_535, 1_048_575), (42, 123_456)] {
            let text = InvitationCode(seq: seq, serial: serial).text(secret: key)
            let parsed = InvitationCode.parse(text)
            #expect(parsed?.code == InvitationCode(seq: seq, serial: serial))
            #expect(parsed.map { $0.code.verifies($0.tag, secret: key) } == true)
            #expect(parsed.map { $0.code.verifies($0.tag, secret: SymmetricKey(size: .bits256)) } == false)
        }
        #expect(InvitationCode.parse("ZZZZZZZZZZZZZ") == nil)   // 65 bits
        #expect(InvitationCode.parse("0000") == nil)
        #expect(InvitationCode.parse(String(repeating: "0", count: 41)) == nil)
        #expect(InvitationCode.parse("00000000000U0") == nil)   // U is not a Crockford digit
    }
}
