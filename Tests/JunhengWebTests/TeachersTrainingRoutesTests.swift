import CreditBank
import EquityKit
import Fluent
import Foundation
import Teachers
import ThreeClassrooms
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    @Suite struct TeachersTrainingRoutesTests {
        static var page: String { "\(TeachersWebTest.page)/training" }

        static func upload(_ b: inout TestBrowser, _ csv: String, name: String = "培训.csv") async throws -> TestingHTTPResponse {
            _ = try await b.get("\(page)/upload")
            return try await SeatsWebTest.multipart(&b, "\(page)/upload", fields: [:], files: [(field: "training", name: name, bytes: Array(csv.utf8))])
        }

        /// The demo register's two first teachers (by the file) and the current cycle.
        static func setUp(_ app: Application) async throws -> (rows: [[String: String]], t: [String: String], u: [String: String], cycle: ClosedRange<Int>) {
            let (_, rows) = try await TeachersWebTest.demo(app)
            let year = try #require(TeachersText.today()).year
            return (rows, try #require(rows.first), try #require(rows.dropFirst().first), TrainingCycle.containing(year).years)
        }

        /// Import → 完成360学时 from the records (exactly 360 counts, 359 does not, the earlier cycle does not count), G9 by
        /// hand with the register column for everyone else, the teacher's credit ledger shows each training once, a
        /// second import of the same file adds nothing, a bad file stores nothing and says where.
        @Test func trainingImportCountsAndFlowsIntoTheCreditBank() async throws {
            try await withTestApp { app in
                let (rows, t, u, cycle) = try await Self.setUp(app)
                let tid = try #require(t["teacher_id"]), uid = try #require(u["teacher_id"])
                var b = TestBrowser(app)
                try await b.login("demo-personnel")
                let csv = "教师编号,课程,级别,学时,日期\n"
                    + "\(tid),国培计划,国家级,200,\(cycle.lowerBound)-01-01\n\(tid),校本研修,school,160,\(cycle.upperBound)-12-31\n"
                    + "\(uid),县级骨干研修,county,359,\(cycle.lowerBound)-06-01\n\(uid),上一周期,provincial,100,\(cycle.lowerBound - 1)-12-31\n"
                let res = try await Self.upload(&b, csv)
                #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")
                #expect(res.headers.first(name: .location) == "\(Self.page)?done=imported&added=4")
                #expect(try await TeacherTraining.query(on: app.db).count() == 4)

                // G9 by hand: t 360 h (done), u 359 h (short by 1; the 100 h of the earlier cycle do not count); every
                // other teacher by the register file's 本周期培训学时 (≥ 360 done; blank not reported).
                let others = rows.filter { $0["teacher_id"] != tid && $0["teacher_id"] != uid }
                let done = 1 + others.filter { Double($0["training_hours_cycle"] ?? "").map { $0 >= 360 } ?? false }.count
                let html = try await b.get(Self.page).body.string
                #expect(html.contains("\(done) / \(rows.count)"), "\(done) / \(rows.count)")
                #expect(!html.contains("id=\"short-\(tid)\""))
                let uRow = try #require(html.range(of: "id=\"short-\(uid)\"")).upperBound
                #expect(html[uRow...].prefix(500).contains("<td class=\"num\">359</td><td class=\"num\">1</td><td class=\"source-records\">"))

                // The figures API says which source each section's count used.
                let token = try #require(try await APIClient.token(app, "demo-personnel"))
                let figures = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1\(TeachersWebTest.page)/figures", token: token)) as? [String: Any])
                let sections = try #require(figures["figures"] as? [[String: Any]])
                #expect(sections.reduce(0) { $0 + ($1["training_from_records"] as? Int ?? 0) } == 2)
                #expect(sections.reduce(0) { $0 + ($1["teachers_360h"] as? Int ?? 0) } == done)

                // The credit bank: the learner id from the raw ID number (the bank's own hash) under the one server key.
                let key = try #require(app.web.idKey)
                let tNumber = try #require(t["id_number"]), uNumber = try #require(u["id_number"])
                let tLearner = try #require(LearnerID(nationalID: tNumber, key: key.key)).value
                let uLearner = try #require(LearnerID(nationalID: uNumber, key: key.key)).value
                let tLedger = try await CreditStore.learnerLedger(tLearner, on: app.db)
                #expect(tLedger.live.values.map(\.hours).sorted { ($0?.hundredths ?? 0) < ($1?.hundredths ?? 0) } == [Amount(whole: 160), Amount(whole: 200)])
                #expect(tLedger.live.values.allSatisfy { $0.kind == .informal && $0.learnerID == tLearner })
                #expect(Set(tLedger.live.values.map(\.title)) == ["国家级·国培计划", "校本研修·校本研修"])
                #expect(try await CreditStore.learnerLedger(uLearner, on: app.db).live.count == 2)
                #expect(try await TeacherTraining.query(on: app.db).filter(\.$ledgerSeq == nil).count() == 0)

                // The same file again: nothing new, nothing credited twice.
                let again = try await Self.upload(&b, csv, name: "again.csv")
                #expect(again.headers.first(name: .location) == "\(Self.page)?done=imported&added=0")
                #expect(try await TeacherTraining.query(on: app.db).count() == 4)
                #expect(try await CreditStore.learnerLedger(tLearner, on: app.db).entries.count == 2)
                #expect(try await CreditStore.ledger(on: app.db).entries.filter { $0.learnerID == tLearner || $0.learnerID == uLearner }.count == 4)
                let imports = try await auditEntries(app, action: "teachers-training-import")
                #expect(imports.count == 2 && imports[0].detail.contains("4 new, 0 known, 4 credited") && imports[1].detail.contains("0 new, 4 known, 0 credited"))

                // A bad file: an unknown teacher (row 2) and bad hours (row 3); nothing is stored.
                let bad = try await Self.upload(&b, "teacher_id,course,level,hours,day\nNOBODY,x,county,10,\(cycle.lowerBound)-02-01\n\(tid),y,county,-5,\(cycle.lowerBound)-02-01\n")
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("id=\"training-upload-issues\""))
                #expect(bad.body.string.contains("<td class=\"num\">3</td><td>学时</td>"))
                #expect(try await TeacherTraining.query(on: app.db).count() == 4)
                #expect(try await auditEntries(app, action: "teachers-training-import-rejected").count == 1)
                // Past the validation, unknown teachers are located too.
                let unknown = try await Self.upload(&b, "teacher_id,course,level,hours,day\nNOBODY,x,county,10,\(cycle.lowerBound)-02-01\n")
                #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("<td class=\"num\">2</td><td>教师编号</td><td><code>NOBODY</code>"))
                // Without the office's ability the form is refused.
                var anonymous = TestBrowser(app)
                #expect(try await anonymous.get("\(Self.page)/upload").status != .ok)
            }
        }

        /// A large training file and a large register go through the job queue, with the same result as in the request.
        @Test func largeImportsGoToTheJobQueue() async throws {
            var settings = JobSettings.tests
            settings.largeImportBytes = 1
            try await withTestApp(jobs: settings) { app in
                let (files, _) = try await TeachersWebTest.demo(app)
                let (_, t, _, cycle) = try await Self.setUp(app)
                let tid = try #require(t["teacher_id"])
                var b = TestBrowser(app)
                try await b.login("demo-personnel")
                let (job, link) = try await b.followJob(try await Self.upload(&b, "teacher_id,course,level,hours,day\n\(tid),国培,national,360,\(cycle.lowerBound)-03-01\n"))
                #expect(job.state == .succeeded, "\(job.error ?? "")")
                #expect(link == "\(Self.page)?done=imported&amp;added=1")  // as the job page prints it
                #expect(try await TeacherTraining.query(on: app.db).count() == 1)
                let number = try #require(t["id_number"]), key = try #require(app.web.idKey)
                let learner = try #require(LearnerID(nationalID: number, key: key.key)).value
                #expect(try await CreditStore.learnerLedger(learner, on: app.db).live.values.map(\.hours) == [Amount(whole: 360)])
                let (failed, _) = try await b.followJob(try await Self.upload(&b, "teacher_id,course,level,hours,day\nNOBODY,x,county,10,\(cycle.lowerBound)-02-01\n"))
                #expect(failed.state == .failed && failed.error?.contains("row 2, 教师编号: NOBODY") == true)

                #expect(try await b.get("\(TeachersWebTest.page)/upload").status == .ok)
                let (regJob, regLink) = try await b.followJob(try await TeachersWebTest.upload(&b, register: files.register, coordinates: files.coordinates))
                #expect(regJob.state == .succeeded, "\(regJob.error ?? "")")
                #expect(regLink == "\(TeachersWebTest.page)?done=imported")
                #expect(try await auditEntries(app, action: "teachers-upload").count == 1)
            }
        }

        /// Returns due on the rotation page, by hand: a 3-year term (the rules' default, no plan term) from 2024-09-01
        /// ends 2027-09-01; a plan's 1-year term from 2025-09-01 ends 2026-09-01; a returned teacher and one who has
        /// moved on since are not listed.
        @Test func returnsDueOnTheRotationPage() async throws {
            try await withTestApp { app in
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == TeachersWebTest.county).first())
                let countyID = try county.requireID()
                let rows = try await TeachersWebTest.rows(app).filter(\.active)
                #expect(rows.count >= 4)
                let (a, b, c, d) = (rows[0], rows[1], rows[2], rows[3])
                let owner = try #require(try await User.query(on: app.db).filter(\.$username == "demo-personnel").first())
                let plan = RotationPlanRecord()
                plan.$county.id = countyID
                (plan.year, plan.createdAt, plan.status, plan.eligible, plan.exchanged, plan.backboneExchanged) = (2025, Date(), "optimal", 10, 1, 0)
                (plan.checkPassed, plan.stage, plan.pins, plan.forbids, plan.effectiveDay, plan.resultJSON, plan.termYears) =
                    (true, RotationStage.executed.rawValue, "", "", "2025-09-01", Data("{}".utf8), 1)
                plan.$createdBy.id = try owner.requireID()
                try await plan.create(on: app.db)
                func rotate(_ r: TeacherRow, on day: String, planID: UUID? = nil) async throws {
                    try await TeachersStore.event(countyID: countyID, teacherID: r.teacherID, kind: .rotation, from: "X-\(r.teacherID)", to: r.schoolCode,
                                                  day: day, planID: planID, by: "test", on: app.db)
                }
                try await rotate(a, on: "2024-09-01")
                try await rotate(b, on: "2025-09-01", planID: try plan.requireID())
                try await rotate(c, on: "2020-09-01")
                try await TeachersStore.event(countyID: countyID, teacherID: c.teacherID, kind: .return, from: c.schoolCode, to: "X-\(c.teacherID)",
                                              day: "2023-09-01", by: "test", on: app.db)
                try await TeachersStore.event(countyID: countyID, teacherID: d.teacherID, kind: .rotation, from: d.schoolCode, to: "ELSEWHERE",
                                              day: "2020-09-01", by: "test", on: app.db)
                var br = TestBrowser(app)
                try await br.login("demo-personnel")
                func due(_ day: String) async throws -> [String] {
                    let html = try await br.get("\(TeachersWebTest.page)/rotation?due=\(day)").body.string
                    return [a, b, c, d].map(\.teacherID).filter { html.contains("id=\"due-\($0)\"") }
                }
                #expect(try await due("2026-08-31") == [])
                #expect(try await due("2026-09-01") == [b.teacherID])
                #expect(try await due("2027-09-01") == [a.teacherID, b.teacherID])
                #expect(try await due("2030-01-01") == [a.teacherID, b.teacherID])
                let page = try await br.get("\(TeachersWebTest.page)/rotation?due=2027-09-01").body.string
                let row = try #require(page.range(of: "id=\"due-\(a.teacherID)\"")).upperBound
                #expect(page[row...].prefix(600).contains("<td>2024-09-01</td><td class=\"num\">3</td><td>2027-09-01</td>"))
            }
        }

        /// 三个课堂 gaps as the rotation reads them: one grade-1 class at S taught 2 数学 periods of the curriculum's P
        /// gives 数学 (P − 2) ÷ P; no 体育 lesson gives the register's 体育 (= 体育与健康) 1; a subject nobody teaches as a
        /// main subject is not listed; a school taught in full is absent.
        @Test func classroomGapSharesByHand() throws {
            let school = ClassroomSchool(code: "S", name: "S", county: "330101", group: "g", bandwidth: .high, days: 5, periodsPerDay: 8, isTeachingPoint: true)
            let full = ClassroomSchool(code: "F", name: "F", county: "330101", group: "g", bandwidth: .high, days: 5, periodsPerDay: 8, isTeachingPoint: false)
            let c = ClassID(school: "S", grade: 1, number: 1), f = ClassID(school: "F", grade: 1, number: 1)
            let curriculum = Curriculum.default2022
            let p = curriculum.periods(grade: 1, subject: .math), pe = curriculum.periods(grade: 1, subject: .pe)
            #expect(p > 2 && pe > 0)
            var lessons = [Lesson(classID: c, slot: Slot(day: 1, period: 1), subject: .math, teacher: nil), Lesson(classID: c, slot: Slot(day: 1, period: 2), subject: .math, teacher: nil)]
            var slot = 0
            for subject in curriculum.subjects(grade: 1) {
                for _ in 0..<curriculum.periods(grade: 1, subject: subject) {
                    lessons.append(Lesson(classID: f, slot: Slot(day: 1 + slot / 8, period: 1 + slot % 8), subject: subject, teacher: nil))
                    slot += 1
                }
            }
            let capacity = TeachingCapacity(schools: [school, full], classCounts: [ClassCount(school: "S", grade: 1, classes: 1), ClassCount(school: "F", grade: 1, classes: 1)],
                                            teachers: [], lessons: lessons)
            let shares = ClassroomGaps.shares(capacity, subjects: ["数学", "体育", "化学"])
            #expect(shares["S"]?["数学"] == Double(p - 2) / Double(p))
            #expect(shares["S"]?["体育"] == 1)
            #expect(shares["S"]?["化学"] == nil)
            #expect(shares["F"] == nil)
        }

        /// The teacher register's hash and the credit bank's learner id come from one key: the learner id is "L" and
        /// the first 24 hex digits of the register's HMAC (checked against the bank's own hashing).
        @Test func oneKeyForTheRegisterAndTheBank() throws {
            let key = try #require(IDNumberKey(bytes: Array("0123456789abcdef".utf8)))
            let p = try #require(ProtectedIDNumber(number: "11010519491231002X", key: key))
            let l = try #require(LearnerID(nationalID: "11010519491231002X", key: key.key))
            #expect(TeachersStore.learnerID(idHash: p.hash) == l.value)
            #expect(l.value == "Ldd6a5ba2eed683e7925b20f6")  // python3 hmac (see RegisterTests.idNumbers), first 24 hex digits
            #expect(TeachersStore.learnerID(idHash: "not-a-hash") == nil)
        }
    }
}
