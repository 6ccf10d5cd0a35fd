import Fluent
import Foundation
import Testing
import ThreeClassrooms
import VaporTesting
@testable import JunhengWeb

// 名师课堂 and 名校网络课堂 records on the county classrooms dashboard. The expected indicators are counted by hand from
// what the test itself records; the county's schools are read from the database rows.

extension WebTests {
    @Suite struct ParticipationRoutesTests {
        /// The county's schools (School rows and the classroom data), ordinary ones and 教学点, in code order.
        private func schools(_ app: Application) async throws -> (all: Int, ordinary: [String], points: [String]) {
            let input = try await ClassroomTest.input(app)
            let county = try #require(try await Region.query(on: app.db).filter(\.$code == ClassroomTest.county).first())
            var codes = Set(try await School.query(on: app.db).filter(\.$county.$id == county.requireID()).all().map(\.code))
            codes.formUnion(input.schools.map(\.code))
            let points = Set(input.schools.filter(\.isTeachingPoint).map(\.code))
            return (codes.count, codes.subtracting(points).sorted(), points.sorted())
        }

        private func cell(_ html: String, _ id: String) -> String? {
            guard let r = html.range(of: "id=\"\(id)\">") else { return nil }
            return String(html[r.upperBound...].prefix { $0 != "<" })
        }

        private func pct(_ a: Int, _ b: Int) -> String { String(format: "%.1f%%", 100 * Double(a) / Double(b)) }

        @Test func statisticianRecordsActivitiesAndLessonsAndTheDashboardCountsThem() async throws {
            try await withTestApp { app in
                let (n, s, tp) = try await schools(app)
                try #require(s.count >= 5 && tp.count >= 1, "the demo county needs 5 ordinary schools and a 教学点")
                let t = tp.count
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let page = ClassroomTest.page
                let first = try await b.get(page)
                #expect(first.status == .ok)
                #expect(first.body.string.contains("id=\"master-class-form\"") && first.body.string.contains("id=\"open-lesson-form\""))

                func record(_ path: String, _ form: [String: String]) async throws -> HTTPStatus {
                    _ = try await b.get(page)
                    return try await b.post("\(page)/\(path)", form: form).status
                }
                // 名师课堂: host s0; s1 with 3 teachers and tp0 with 2; then s1 with 1 and s2 with 0; one in October.
                #expect(try await record("master-classes", ["date": "2025-09-03", "master_school": s[0], "teacher_id": "\(s[0])-T01",
                                                            "topic": "英语听说教研", "participants": "\(s[1]):3，\(tp[0])：2"]) == .seeOther)
                #expect(try await record("master-classes", ["date": "2025-09-17", "master_school": s[0], "teacher_id": "\(s[0])-T01",
                                                            "topic": "音乐欣赏", "participants": "\(s[1]):1、\(s[2]):0"]) == .seeOther)
                #expect(try await record("master-classes", ["date": "2025-10-08", "master_school": s[3], "teacher_id": "\(s[3])-T02",
                                                            "topic": "美术", "participants": "\(tp[0]):4"]) == .seeOther)
                // 名校网络课堂: s0's English lesson to tp0 and s1, its music lesson to tp0; one in October to s4.
                #expect(try await record("open-lessons", ["date": "2025-09-02", "source_school": s[0], "subject": "english", "grade": "4",
                                                          "receivers": "\(tp[0]), \(s[1])"]) == .seeOther)
                #expect(try await record("open-lessons", ["date": "2025-09-09", "source_school": s[0], "subject": "音乐", "grade": "3",
                                                          "receivers": tp[0]]) == .seeOther)
                #expect(try await record("open-lessons", ["date": "2025-10-20", "source_school": s[0], "subject": "art", "grade": "2",
                                                          "receivers": s[4]]) == .seeOther)
                #expect(try await MasterClassRecord.query(on: app.db).count() == 3)
                #expect(try await OpenLessonRecord.query(on: app.db).count() == 3)
                #expect(try await auditEntries(app, action: "classroom-master-class").count == 3)
                #expect(try await auditEntries(app, action: "classroom-open-lesson").count == 3)

                // September: s0, s1, tp0, s2 took part (4 of n; 1 of t 教学点); 3 + 2 + 1 + 0 = 6 teacher participations.
                // Received: tp0 and s1 (2 of n; 1 of t), 2 + 1 = 3 receptions, 1.50 per receiving school.
                let sep = try await b.get("\(page)?from=2025-09-01&to=2025-09-30").body.string
                #expect(cell(sep, "mc-school-share") == "4/\(n)（\(pct(4, n))）")
                #expect(cell(sep, "mc-tp-share") == "1/\(t)（\(pct(1, t))）")
                #expect(cell(sep, "mc-per-school") == String(format: "%.2f", 6.0 / Double(n)))
                #expect(cell(sep, "ol-school-share") == "2/\(n)（\(pct(2, n))）")
                #expect(cell(sep, "ol-tp-share") == "1/\(t)（\(pct(1, t))）")
                #expect(cell(sep, "ol-per-school") == "1.50")
                // August–October adds s3 (host) for 名师课堂, 4 more teachers, and s4 receiving: 4 receptions over 3 schools.
                let wide = try await b.get("\(page)?from=2025-08-01&to=2025-10-31").body.string
                #expect(cell(wide, "mc-school-share") == "5/\(n)（\(pct(5, n))）")
                #expect(cell(wide, "mc-per-school") == String(format: "%.2f", 10.0 / Double(n)))
                #expect(cell(wide, "ol-school-share") == "3/\(n)（\(pct(3, n))）")
                #expect(cell(wide, "ol-per-school") == "1.33")
            }
        }

        @Test func invalidRecordsAre422WithLocatedErrorsAndStoreNothing() async throws {
            try await withTestApp { app in
                let (_, s, _) = try await schools(app)
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let page = ClassroomTest.page
                _ = try await b.get(page)
                let bad = try await b.post("\(page)/master-classes", form: ["date": "2025-02-30", "master_school": "000000000", "teacher_id": "T1",
                                                                            "topic": "", "participants": "\(s[1]):-1, 999:2, \(s[2])"])
                #expect(bad.status == .unprocessableEntity)
                let html = bad.body.string
                #expect(html.contains("id=\"participation-errors\""))
                for located in ["date：'2025-02-30'", "master_school：'000000000'", "topic：", "participants[1]：'\(s[1]):-1'",
                                "participants[2]：'999'", "participants[3]：'\(s[2])'"] {
                    #expect(html.contains(located), "missing error \(located)")
                }
                _ = try await b.get(page)
                let lesson = try await b.post("\(page)/open-lessons", form: ["date": "2025-09-02", "source_school": s[0], "subject": "体操",
                                                                             "grade": "10", "receivers": "\(s[0]),\(s[1]),\(s[1])"])
                #expect(lesson.status == .unprocessableEntity)
                for located in ["subject：'体操'", "grade：'10'", "receivers[1]：'\(s[0])'", "receivers[3]：'\(s[1])'"] {
                    #expect(lesson.body.string.contains(located), "missing error \(located)")
                }
                #expect(!lesson.body.string.contains("receivers[2]"))
                // Without the CSRF token the form is refused before validation.
                let noToken = try await b.post("\(page)/open-lessons", form: ["date": "2025-09-02", "source_school": s[0], "subject": "english",
                                                                              "grade": "4", "receivers": s[1]], csrf: false)
                #expect(noToken.status == .forbidden)
                #expect(try await MasterClassRecord.query(on: app.db).count() == 0)
                #expect(try await OpenLessonRecord.query(on: app.db).count() == 0)
                #expect(try await auditEntries(app, action: "classroom-master-class").isEmpty)
            }
        }

        @Test func inspectorsReadOnlyAndOtherCountiesSeeNothing() async throws {
            try await withTestApp { app in
                let (_, s, _) = try await schools(app)
                let form = ["date": "2025-09-02", "source_school": s[0], "subject": "english", "grade": "4", "receivers": s[1]]
                var inspector = TestBrowser(app)
                try await inspector.login("demo-province")
                let page = try await inspector.get(ClassroomTest.page)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("id=\"participation-table\"") && !page.body.string.contains("id=\"open-lesson-form\""))
                #expect(page.body.string.contains("name=\"_csrf\""), "the refusal below must not be a missing token")
                #expect(try await inspector.post("\(ClassroomTest.page)/open-lessons", form: form).status == .forbidden)
                #expect(try await inspector.post("\(ClassroomTest.page)/master-classes",
                                                 form: ["date": "2025-09-02", "master_school": s[0], "teacher_id": "T", "topic": "x",
                                                        "participants": "\(s[1]):1"]).status == .forbidden)

                var far = TestBrowser(app)
                try await far.login("demo-other-county")
                // A token from their own county's page, so the refusal below is about scope, not CSRF.
                let own = try await far.get("/counties/\(Demo.county2)/classrooms")
                #expect(own.status == .ok && own.body.string.contains("name=\"_csrf\""))
                #expect(try await far.get(ClassroomTest.page).status == .notFound)
                #expect(try await far.post("\(ClassroomTest.page)/open-lessons", form: form).status == .notFound)
                #expect(try await OpenLessonRecord.query(on: app.db).count() == 0)
                #expect(try await MasterClassRecord.query(on: app.db).count() == 0)

                // The administrator may record.
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                _ = try await admin.get(ClassroomTest.page)
                #expect(try await admin.post("\(ClassroomTest.page)/open-lessons", form: form).status == .seeOther)
                #expect(try await OpenLessonRecord.query(on: app.db).count() == 1)
            }
        }
    }
}
