import Fluent
import Foundation
import JunhengImport
import JunhengSheets
import Testing
import ThreeClassrooms
import VaporTesting
@testable import JunhengWeb

// 三个课堂 pages and API per role. Gaps and rule checks are recomputed here from the stored input rows;
// monitoring numbers are counted by hand from what the test itself logged.

extension WebTests {
    @Suite struct ClassroomRoutes {
        @Test func bureauSeesGapsPlansAndPublishesAndTheTimetableKeepsEveryHardRule() async throws {
            try await withTestApp { app in
                let input = try await ClassroomTest.input(app)
                // Gaps per school, grade and subject, counted here: required periods minus lessons, per class.
                var lessons: [String: Int] = [:]
                for l in input.lessons { lessons["\(l.classID.school)/\(l.classID.grade)/\(l.classID.number)|\(l.subject)", default: 0] += 1 }
                var short = Set<String>()
                for c in input.classCounts where c.classes > 0 {
                    for n in 1...c.classes {
                        for s in Subject.allCases where Curriculum.default2022.periods(grade: c.grade, subject: s) > (lessons["\(c.school)/\(c.grade)/\(n)|\(s)"] ?? 0) {
                            short.insert("\(c.school)|\(c.grade)|\(s)")
                        }
                    }
                }
                #expect(!short.isEmpty, "the demo county should have gaps")
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let page = try await b.get(ClassroomTest.page)
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.components(separatedBy: "<tr>").count - 1 >= short.count + 1)
                let gapTable = String(html[html.range(of: "id=\"gap-table\"")!.lowerBound...].prefix { _ in true })
                let gapRows = gapTable.components(separatedBy: "</table>")[0].components(separatedBy: "<tr>").count - 2
                #expect(gapRows == short.count)
                #expect(html.contains("class=\"chart rate-chart\"") && html.contains("id=\"classroom-plan-form\""))

                let (browser, id) = try await ClassroomTest.runPlan(app)
                b = browser
                let show = try await b.get("/classroom-plans/\(id)")
                #expect(show.status == .ok && show.body.string.contains("id=\"plan-coverage\"") && show.body.string.contains("id=\"publish-plan\""))

                // Not yet published: a principal of the county does not see it; the inspector reads but cannot publish.
                var principal = TestBrowser(app)
                try await principal.login("demo-school")
                #expect(try await principal.get("/classroom-plans/\(id)").status == .notFound)
                var inspector = TestBrowser(app)
                try await inspector.login("demo-province")
                #expect(try await inspector.get("/classroom-plans/\(id)").status == .ok)
                _ = try await inspector.get("/classroom-plans/\(id)")
                #expect(try await inspector.post("/classroom-plans/\(id)/publish", form: [:]).status == .forbidden)
                #expect(try await ClassroomPlanRecord.find(UUID(uuidString: id), on: app.db)?.published == false)
                #expect(try await b.post("/classroom-plans/\(id)/publish", form: [:]).status == .seeOther)
                #expect(try await ClassroomPlanRecord.find(UUID(uuidString: id), on: app.db)?.published == true)

                // The published plan from the API keeps every hard rule, checked here from the input rows.
                let token = try #require(try await APIClient.token(app, "demo-county"))
                let res = try await APIClient.get(app, "/api/v1/counties/\(ClassroomTest.county)/classrooms/plan", token: token)
                #expect(res.status == .ok)
                let plan = try #require(try APIClient.json(res) as? [String: Any])
                let sessions = try #require(plan["sessions"] as? [[String: Any]])
                #expect(!sessions.isEmpty)
                #expect(ClassroomTest.violations(plan, input: input, cap: 4) == [])
                let classPeriods = sessions.reduce(0) { $0 + ($1["receiving_classes"] as! [String]).count }
                #expect(plan["covered_periods"] as? Int == classPeriods)
                // Every receiving class was short of that subject before: it is one of the gaps counted above.
                for s in sessions {
                    for c in s["receiving_classes"] as! [String] {
                        let p = c.split(separator: "/")
                        #expect(short.contains("\(p[0])|\(p[1])|\(s["subject"] as! String)"))
                    }
                }

                // The principal now sees their own school's timetable, and nothing else.
                let own = try #require(try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first()?.school?.code)
                let mine = try await principal.get("/my/classrooms")
                #expect(mine.headers.first(name: .location) == "/classroom-plans/\(id)/schools/\(own)")
                let ownPage = try await principal.get("/classroom-plans/\(id)/schools/\(own)")
                #expect(ownPage.status == .ok)
                let ownSessions = sessions.filter { s in
                    s["sender_school"] as? String == own || (s["receiving_classes"] as! [String]).contains { $0.hasPrefix(own + "/") }
                }
                #expect(ownPage.body.string.contains("共 \(ownSessions.count) 节专递课堂"))
                let other = try #require(input.schools.map(\.code).first { $0 != own })
                #expect(try await principal.get("/classroom-plans/\(id)/schools/\(other)").status == .notFound)
                #expect(try await principal.get("/classroom-plans/\(id)").status == .forbidden)
                let pToken = try #require(try await APIClient.token(app, "demo-school"))
                let tt = try await APIClient.get(app, "/api/v1/counties/\(ClassroomTest.county)/classrooms/timetables/\(own)", token: pToken)
                #expect(tt.status == .ok)
                #expect(((try APIClient.json(tt) as? [String: Any])?["sessions"] as? [Any])?.count == ownSessions.count)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(ClassroomTest.county)/classrooms/timetables/\(other)", token: pToken).status == .forbidden)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(ClassroomTest.county)/classrooms/plan", token: pToken).status == .forbidden)

                // Another county's statistician: 404 everywhere.
                var far = TestBrowser(app)
                try await far.login("demo-other-county")
                #expect(try await far.get(ClassroomTest.page).status == .notFound)
                #expect(try await far.get("/classroom-plans/\(id)").status == .notFound)
                #expect(try await far.get("/classroom-plans/\(id)/schools/\(own)").status == .notFound)
                let farToken = try #require(try await APIClient.token(app, "gd-stat"))
                #expect(try await APIClient.get(app, "/api/v1/counties/\(ClassroomTest.county)/classrooms/plan", token: farToken).status == .notFound)
                #expect(try await auditEntries(app, action: "classroom-publish").count == 1)
            }
        }

        @Test func schoolsLogSessionsInspectorsObserveAndTheDashboardCountsThem() async throws {
            try await withTestApp { app in
                var (bureau, id) = try await ClassroomTest.runPlan(app)
                _ = try await bureau.get("/classroom-plans/\(id)")
                #expect(try await bureau.post("/classroom-plans/\(id)/publish", form: [:]).status == .seeOther)
                let record = try #require(try await ClassroomPlanRecord.find(UUID(uuidString: id), on: app.db))
                let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
                let own = try #require(try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first()?.school?.code)
                let s = try #require(plan.sessions.first { $0.involves(school: own) }, "the demo principal's school should send or receive")
                let path = "/classroom-plans/\(id)/session?key=\(s.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"

                var school = TestBrowser(app)
                try await school.login("demo-school")
                #expect(try await school.get(path).status == .ok)
                // Wrong weekday, and cancelled without a reason: 422 and nothing stored.
                let wrongDay = ClassroomTest.date(weekday: s.day % 5 + 1)
                #expect(try await school.post("/classroom-plans/\(id)/logs", form: ["session": s.key, "date": wrongDay, "status": "held"]).status == .unprocessableEntity)
                _ = try await school.get(path)
                #expect(try await school.post("/classroom-plans/\(id)/logs", form: ["session": s.key, "date": ClassroomTest.date(weekday: s.day), "status": "cancelled"]).status == .unprocessableEntity)
                #expect(try await ClassroomSessionLog.query(on: app.db).count() == 0)
                _ = try await school.get(path)
                let held = try await school.post("/classroom-plans/\(id)/logs", form: ["session": s.key, "date": ClassroomTest.date(weekday: s.day), "status": "held"])
                #expect(held.status == .seeOther)
                #expect(try await ClassroomSessionLog.query(on: app.db).count() == 1)

                // A second session is logged cancelled through the API by the principal of a school it involves.
                let other = try #require(plan.sessions.first { $0.key != s.key && $0.involves(school: own) } ?? nil as PlannedSession?)
                let token = try #require(try await APIClient.token(app, "demo-school"))
                let body = #"{"session":"\#(other.key)","date":"\#(ClassroomTest.date(weekday: other.day))","status":"cancelled","reason":"停电"}"#
                let api = try await APIClient.post(app, "/api/v1/classroom-plans/\(id)/logs", token: token, body: Array(body.utf8), contentType: "application/json")
                #expect(api.status == .created)
                let bad = #"{"session":"\#(other.key)","date":"2025-02-30","status":"held"}"#
                let rejected = try await APIClient.post(app, "/api/v1/classroom-plans/\(id)/logs", token: token, body: Array(bad.utf8), contentType: "application/json")
                #expect(rejected.status == .unprocessableEntity)
                #expect(((try APIClient.json(rejected) as? [String: Any])?["errors"] as? [[String: Any]])?.first?["field"] as? String == "date")

                // 网络巡课: the inspector may observe (rating 1–5); the statistician may not.
                var inspector = TestBrowser(app)
                try await inspector.login("demo-province")
                _ = try await inspector.get(path)
                #expect(try await inspector.post("/classroom-plans/\(id)/observations", form: ["session": s.key, "date": ClassroomTest.date(weekday: s.day), "rating": "6"]).status == .unprocessableEntity)
                _ = try await inspector.get(path)
                #expect(try await inspector.post("/classroom-plans/\(id)/observations", form: ["session": s.key, "date": ClassroomTest.date(weekday: s.day), "rating": "4", "note": "互动充分"]).status == .seeOther)
                _ = try await bureau.get(path)
                #expect(try await bureau.post("/classroom-plans/\(id)/observations", form: ["session": s.key, "date": ClassroomTest.date(weekday: s.day), "rating": "4"]).status == .forbidden)
                #expect(try await ClassroomObservation.query(on: app.db).count() == 1)
                #expect(try await school.get(path).body.string.contains("互动充分"))

                // Monitoring over the week 2025-09-01 … 09-07: every session once; one held, one cancelled.
                let n = plan.sessions.count
                let dash = try await bureau.get("\(ClassroomTest.page)?from=2025-09-01&to=2025-09-07")
                #expect(dash.body.string.contains("应上 \(n) 节，已上 1，取消 1，未登记 \(n - 2)"))
                #expect(dash.body.string.contains(String(format: "%.1f%%", 100.0 / Double(n))))
                // Teacher workload rows: one per sending teacher, remote periods summed from the sessions by hand.
                var remote: [String: Int] = [:]
                for x in plan.sessions { remote[x.teacherID, default: 0] += 1 }
                let workload = dash.body.string.components(separatedBy: "id=\"workload\"")[1].components(separatedBy: "</table>")[0]
                #expect(workload.components(separatedBy: "<tr>").count - 2 == remote.count)
            }
        }

        @Test func teacherSeesOnlyTheirOwnRemoteClasses() async throws {
            try await withTestApp { app in
                var (bureau, id) = try await ClassroomTest.runPlan(app)
                _ = try await bureau.get("/classroom-plans/\(id)")
                _ = try await bureau.post("/classroom-plans/\(id)/publish", form: [:])
                let record = try #require(try await ClassroomPlanRecord.find(UUID(uuidString: id), on: app.db))
                let plan = try JSONDecoder().decode(ClassroomPlan.self, from: record.resultJSON)
                let s = try #require(plan.sessions.first)
                let school = try #require(try await School.query(on: app.db).filter(\.$code == s.senderSchool).first())
                try await User(username: "t-one", displayName: "教师", passwordHash: try app.password.hash(DemoSeeder.password), role: .teacher,
                               regionID: nil, schoolID: school.requireID(), teacherID: s.teacherID).create(on: app.db)
                var t = TestBrowser(app)
                #expect(try await t.login("t-one").status == .seeOther)
                #expect(try await t.get("/").headers.first(name: .location) == "/my/classrooms")
                #expect(try await t.get("/my/classrooms").headers.first(name: .location) == "/classroom-plans/\(id)/teachers/\(s.teacherID)")
                let mine = try await t.get("/classroom-plans/\(id)/teachers/\(s.teacherID)")
                #expect(mine.status == .ok)
                #expect(mine.body.string.contains("共 \(plan.sessions.filter { $0.teacherID == s.teacherID }.count) 节专递课堂"))
                let someoneElse = try #require(plan.sessions.first { $0.teacherID != s.teacherID }?.teacherID)
                #expect(try await t.get("/classroom-plans/\(id)/teachers/\(someoneElse)").status == .notFound)
                #expect(try await t.get("/classroom-plans/\(id)/schools/\(s.senderSchool)").status == .notFound)
                #expect(try await t.get("/classroom-plans/\(id)").status == .forbidden)
                #expect(try await t.get("/schools/\(s.senderSchool)").status == .notFound)
                #expect(try await t.get("/counties/\(ClassroomTest.county)/classrooms").status == .forbidden)
            }
        }

        @Test func uploadRejectsBadRowsWithLocationsAndStoresNothingThenAcceptsFilesAndAWorkbook() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                #expect(try await b.get("\(ClassroomTest.page)/upload").status == .ok)
                let input = try await ClassroomTest.input(app)
                var tables = Dictionary(uniqueKeysWithValues: ClassroomWriter.tables(input).map { ($0.file.rawValue, $0.rows) })
                let good = tables
                tables["teachers"]![3][4] = "1"          // row 4 of teachers.csv: maximum below the load
                func files(_ t: [String: [[String]]]) -> [(field: String, name: String, bytes: [UInt8])] {
                    ["schools", "classes", "teachers", "lessons"].map { ($0, "\($0).csv", Array(ClassroomWriter.csv(t[$0]!).utf8)) }
                }
                let bad = try await ClassroomTest.upload(&b, "\(ClassroomTest.page)/upload", files: files(tables))
                #expect(bad.status == .unprocessableEntity)
                let html = bad.body.string
                #expect(html.contains("<td>teachers.csv</td><td class=\"num\">4</td><td>最大周课时</td>"))
                #expect(try await ClassroomDataset.query(on: app.db).count() == 1)
                var foreign = good
                foreign["schools"]![2][2] = "440101"     // row 3 of schools.csv: another county's school
                _ = try await b.get("\(ClassroomTest.page)/upload")
                let wrongCounty = try await ClassroomTest.upload(&b, "\(ClassroomTest.page)/upload", files: files(foreign))
                #expect(wrongCounty.status == .unprocessableEntity)
                #expect(wrongCounty.body.string.contains("<td>schools.csv</td><td class=\"num\">3</td><td>区县代码</td><td><code>440101</code></td>"))
                #expect(try await ClassroomDataset.query(on: app.db).count() == 1)
                #expect(try await principalCannotUpload(app))

                _ = try await b.get("\(ClassroomTest.page)/upload")
                let ok = try await ClassroomTest.upload(&b, "\(ClassroomTest.page)/upload", files: files(good))
                #expect(ok.status == .seeOther)
                var book = XLSXWorkbook()
                for name in ["schools", "classes", "teachers", "lessons"] {
                    book.addSheet(name: name, rows: good[name]!.map { $0.map { XLSXCell.text($0) } })
                }
                _ = try await b.get("\(ClassroomTest.page)/upload")
                let xlsx = try await ClassroomTest.upload(&b, "\(ClassroomTest.page)/upload", files: [("workbook", "三个课堂.xlsx", [UInt8](try book.data()))])
                #expect(xlsx.status == .seeOther)
                let versions = try await ClassroomDataset.query(on: app.db).sort(\.$version).all()
                #expect(versions.map(\.version) == [1, 2, 3])
                #expect(versions[1].fileHash == versions[0].fileHash, "the same four files give the same hash")
                #expect(try JSONDecoder().decode(TeachingCapacity.self, from: versions[2].capacityJSON).lessons.count == input.lessons.count)
            }
        }

        private func principalCannotUpload(_ app: Application) async throws -> Bool {
            var p = TestBrowser(app)
            try await p.login("demo-school")
            return try await p.get("\(ClassroomTest.page)/upload").status == .forbidden
        }
    }
}
