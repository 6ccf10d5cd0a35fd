import EquityKit
import Fluent
import Foundation
import JunhengImport
import JunhengSheets
import Teachers
import Testing
import VaporTesting
@testable import JunhengWeb

/// Helpers of the teachers web tests: the demo register's rows read back from its CSV, and eligibility by hand.
enum TeachersWebTest {
    static var county: String { Demo.county1 }
    static var page: String { "/counties/\(county)/teachers" }

    /// The demo files for county 1's newest statistics, and the register's rows by English column key.
    static func demo(_ app: Application) async throws -> (files: (register: (name: String, bytes: Data), coordinates: (name: String, bytes: Data), planted: [String]),
                                                          rows: [[String: String]]) {
        let county = try #require(try await Region.query(on: app.db).filter(\.$code == county).first())
        let stats = try #require(try await TeachersStore.statistics(countyID: county.requireID(), on: app.db))
        let files = TeachersDemoSeed.demoFiles(records: stats.records)
        // Read back with a plain split (the generator's cells hold no commas or quotes).
        let lines = String(decoding: files.register.bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        let rows = lines.dropFirst().map { line in Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ","))) }
        return (files, rows)
    }

    /// Eligible for 交流轮岗 in `year`, by hand: 在编, and the 6th (principals 10th) anniversary at the school on or before 1 September.
    static func eligible(_ r: [String: String], year: Int) -> Bool {
        guard r["tenured"] == "是", let since = r["school_since"] else { return false }
        let p = since.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return false }
        let years = ["校长", "副校长"].contains(r["role"] ?? "") ? 10 : 6
        return (p[0] + years, p[1], p[2]) <= (year, 9, 1)
    }

    static func upload(_ b: inout TestBrowser, register: (name: String, bytes: Data), coordinates: (name: String, bytes: Data)? = nil) async throws -> TestingHTTPResponse {
        var files = [(field: "register", name: register.name, bytes: [UInt8](register.bytes))]
        if let c = coordinates { files.append((field: "coordinates", name: c.name, bytes: [UInt8](c.bytes))) }
        return try await SeatsWebTest.multipart(&b, "\(page)/upload", fields: [:], files: files)
    }

    static func rows(_ app: Application) async throws -> [TeacherRow] {
        let county = try #require(try await Region.query(on: app.db).filter(\.$code == county).first())
        return try await TeacherRow.query(on: app.db).filter(\.$county.$id == county.requireID()).sort(\.$teacherID).all()
    }

    /// A user bound to a school (a principal or a teacher with a 教师编号).
    static func user(_ app: Application, _ username: String, role: Role, school: String, teacherID: String? = nil) async throws {
        let county = try #require(try await Region.query(on: app.db).filter(\.$code == county).first())
        let s = try #require(try await School.query(on: app.db).filter(\.$county.$id == county.requireID()).filter(\.$code == school).first())
        try await User(username: username, displayName: username, passwordHash: try app.password.hash(DemoSeeder.password), role: role,
                       regionID: nil, schoolID: s.id, teacherID: teacherID).create(on: app.db)
    }
}

extension WebTests {
    @Suite struct TeachersRoutesTests {
        /// Issue 13's "done means" on the demo county: the office imports the register, sees the figures match the
        /// statistics except the three differences the generator plants, plans a rotation that meets 10% / 20% with the
        /// independent check passing, pins/forbids and re-solves, approves and executes it; the register then changes.
        @Test func theOfficeImportsTheRegisterPlansApprovesAndExecutesARotation() async throws {
            try await withTestApp { app in
                let (files, rows) = try await TeachersWebTest.demo(app)
                var b = TestBrowser(app)
                #expect(try await b.login("demo-personnel").status == .seeOther)
                #expect(try await b.get("\(TeachersWebTest.page)/upload").status == .ok)
                let res = try await TeachersWebTest.upload(&b, register: files.register, coordinates: files.coordinates)
                #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")
                let stored = try await TeachersWebTest.rows(app)
                #expect(stored.count == rows.count)
                // ID numbers: only the keyed hash and 3 + *** + 4 are kept, never the number.
                let first = try #require(rows.first), firstID = try #require(first["id_number"])
                let firstRow = try #require(stored.first { $0.teacherID == first["teacher_id"] })
                #expect(firstRow.idMasked == String(firstID.prefix(3)) + "***" + String(firstID.suffix(4)))
                #expect(!stored.contains { $0.idHash.contains(firstID) || $0.idMasked.contains(firstID) })
                #expect(try await auditEntries(app, action: "teachers-upload").count == 1)

                // The generator plants three one-fewer differences (骨干 lowered, degree lowered, PE re-subjected), each
                // in a different school (TeacherDemo.plant): exactly those are listed.
                #expect(files.planted.count == 3)
                let page = try await b.get(TeachersWebTest.page).body.string
                #expect(page.contains("差异（3 处）"))
                #expect(page.components(separatedBy: "class=\"difference\"").count - 1 == 3)
                #expect(!page.contains("id=\"names-masked\""))  // the office sees names
                let token = try #require(try await APIClient.token(app, "demo-personnel"))
                let figures = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1\(TeachersWebTest.page)/figures", token: token)) as? [String: Any])
                let differences = try #require(figures["differences"] as? [[String: Any]])
                #expect(differences.count == 3)
                #expect(Set(differences.compactMap { $0["field"] as? String }) == ["backbone_teachers", "teachers_above_required_degree", "pe_art_teachers"])
                for d in differences {
                    #expect((d["derived"] as? Int).map(Double.init) == (d["statistics"] as? Double).map { $0 - 1 })
                    let school = try #require(d["school_code"] as? String)
                    #expect(files.planted.contains { $0.hasPrefix(school) })
                }

                // Plan 2026: eligible counted by hand from the file; exchanged ≥ ⌈10%⌉, backbone ≥ 20% of exchanged.
                let planned = try await b.post("\(TeachersWebTest.page)/rotation", form: ["year": "2026", "time_limit": "60", "max_out": "", "distance": "", "pins": "", "forbids": ""])
                #expect(planned.status == .seeOther)
                let (job, link) = try await b.followJob(planned)
                #expect(job.state == .succeeded, "\(job.error ?? "")")
                let planURL = try #require(link)
                let planPage = try await b.get(planURL).body.string
                #expect(planPage.contains("id=\"check-verdict\" class=\"pass\""))
                let plan = try #require(try await RotationPlanRecord.query(on: app.db).first())
                let result = try StoredRotation.decode(plan.resultJSON)
                let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { r in r["teacher_id"].map { ($0, r) } })
                let eligible = rows.filter { TeachersWebTest.eligible($0, year: 2026) }.count
                #expect(result.eligible == eligible)
                #expect(result.status == "optimal")
                #expect(result.check.passed, "\(result.check.violations)")
                #expect(Double(result.moves.count) >= 0.1 * Double(eligible))
                let backbone = result.moves.filter { ["县级", "市级", "省级"].contains(byID[$0.teacher_id]?["backbone"] ?? "") }.count
                #expect(Double(backbone) >= 0.2 * Double(result.moves.count))
                #expect(!result.moves.isEmpty)
                for m in result.moves {
                    let r = try #require(byID[m.teacher_id])
                    #expect(r["school_code"] == m.from && m.to != m.from)
                    #expect(TeachersWebTest.eligible(r, year: 2026) && r["no_move"] != "是")
                }

                // Forbid the first move's teacher and solve again: the new plan leaves them where they are.
                let forbidden = try #require(result.moves.first?.teacher_id)
                let again = try await b.post("/teacher-rotations/\(try plan.requireID())/resolve", form: ["pins": "", "forbids": forbidden])
                let (job2, link2) = try await b.followJob(again)
                #expect(job2.state == .succeeded, "\(job2.error ?? "")")
                let secondID = try #require(link2.flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
                let second = try #require(try await RotationPlanRecord.find(secondID, on: app.db))
                let secondResult = try StoredRotation.decode(second.resultJSON)
                #expect(!secondResult.moves.contains { $0.teacher_id == forbidden })
                #expect(second.forbids == forbidden)

                // Approve the first (effective today), refuse approving a second plan of the same year, execute.
                let today = TeachersText.todayText
                #expect(try await b.post("/teacher-rotations/\(try plan.requireID())/approve", form: ["effective_day": today]).status == .seeOther)
                #expect(try await b.post("/teacher-rotations/\(secondID)/approve", form: ["effective_day": today]).status == .unprocessableEntity)
                #expect(try await b.post("/teacher-rotations/\(try plan.requireID())/execute", form: [:]).status == .seeOther)
                #expect(try await RotationPlanRecord.find(plan.requireID(), on: app.db)?.stage == "executed")
                // A second execution is refused.
                #expect(try await b.post("/teacher-rotations/\(try plan.requireID())/execute", form: [:]).status == .unprocessableEntity)
                let after = Dictionary(uniqueKeysWithValues: try await TeachersWebTest.rows(app).map { ($0.teacherID, $0) })
                for m in result.moves {
                    #expect(after[m.teacher_id]?.schoolCode == m.to)
                    #expect(after[m.teacher_id]?.schoolSince == today)
                }
                let events = try await TeacherEvent.query(on: app.db).filter(\.$kind == "rotation").all()
                #expect(events.count == result.moves.count)
                // The register's figures follow: each section's teachers = before + in − out.
                let figuresAfter = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1\(TeachersWebTest.page)/figures", token: token)) as? [String: Any])
                let sectionFigures = try #require(figuresAfter["figures"] as? [[String: Any]])
                var expected: [String: Int] = [:]
                for r in rows { expected["\(r["school_code"] ?? "")/\(r["section"] ?? "")", default: 0] += 1 }
                for m in result.moves { expected["\(m.from)/\(m.section)", default: 0] -= 1; expected["\(m.to)/\(m.section)", default: 0] += 1 }
                for f in sectionFigures {
                    let key = "\(f["school_code"] as? String ?? "")/\(f["section"] as? String ?? "")"
                    #expect(f["teachers"] as? Int == expected[key], "\(key)")
                }
                // G11 for 2026 and the schools' in/out on the rotation page; a moved teacher's history.
                let rotation = try await b.get("\(TeachersWebTest.page)/rotation").body.string
                #expect(rotation.contains("id=\"g11-2026\""))
                #expect(rotation.contains(TeachersText.percent(Double(result.moves.count) / Double(eligible))))
                let moved = try #require(result.moves.first)
                let history = try await b.get("\(TeachersWebTest.page)/t/\(moved.teacher_id)").body.string
                #expect(history.contains("event-rotation"))
                #expect(try await auditEntries(app, action: "teachers-rotation-execute").count == 1)
                // The teacher returns: back at the sending school, counted as returned in the year and at both schools.
                let back = try await b.post("\(TeachersWebTest.page)/t/\(moved.teacher_id)/changes", form: ["kind": "return", "day": today])
                #expect(back.status == .seeOther, "\(back.body.string.prefix(300))")
                #expect(try await TeacherRow.query(on: app.db).filter(\.$teacherID == moved.teacher_id).first()?.schoolCode == moved.from)
                let returned = try await b.get("\(TeachersWebTest.page)/rotation").body.string
                let g11 = try #require(returned.range(of: "id=\"g11-2026\"")).upperBound
                #expect(returned[g11...].prefix(600).contains("<td class=\"num\">1</td></tr>"))
                // A teacher who is not on a rotation post cannot "return".
                #expect(try await b.post("\(TeachersWebTest.page)/t/\(moved.teacher_id)/changes", form: ["kind": "return", "day": today]).status == .unprocessableEntity)
            }
        }

        /// Single changes of the register, each audited and transactional; a refused change writes nothing.
        @Test func theOfficeKeepsTheRegisterCurrent() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-personnel")
                let rows = try await TeachersWebTest.rows(app)
                let t = try #require(rows.first { $0.active })
                let other = try #require(rows.first { $0.schoolCode != t.schoolCode && $0.section == t.section })
                let path = "\(TeachersWebTest.page)/t/\(t.teacherID)"
                _ = try await b.get(path)
                // Transfer to an unknown school: refused, nothing changes.
                #expect(try await b.post("\(path)/changes", form: ["kind": "transfer", "to_school": "NOPE999", "day": "2026-09-01"]).status == .unprocessableEntity)
                #expect(try await TeacherRow.find(t.requireID(), on: app.db)?.schoolCode == t.schoolCode)
                #expect(try await auditEntries(app, action: "teachers-change-refused").count == 1)
                // Transfer, title, then retirement.
                #expect(try await b.post("\(path)/changes", form: ["kind": "transfer", "to_school": other.schoolCode, "day": "2026-09-01"]).status == .seeOther)
                #expect(try await b.post("\(path)/changes", form: ["kind": "title", "value": "副高级", "day": "2026-09-02"]).status == .seeOther)
                #expect(try await b.post("\(path)/changes", form: ["kind": "title", "value": "教授", "day": "2026-09-02"]).status == .unprocessableEntity)
                var row = try #require(try await TeacherRow.find(t.requireID(), on: app.db))
                #expect(row.schoolCode == other.schoolCode && row.schoolSince == "2026-09-01" && row.title == "副高级")
                #expect(try await b.post("\(path)/changes", form: ["kind": "retire", "day": "2026-09-03"]).status == .seeOther)
                row = try #require(try await TeacherRow.find(t.requireID(), on: app.db))
                #expect(!row.active)
                #expect(try await auditEntries(app, action: "teachers-change").count == 3)
                #expect(try await TeacherEvent.query(on: app.db).filter(\.$teacherID == t.teacherID).count() == 3)
                // A new hire goes through the importer's checks: a wrong check digit is refused, a valid number accepted.
                func hire(_ id: String, _ number: String) -> [String: String] {
                    ["teacher_id": id, "name": "新教师", "id_number": number, "school_code": other.schoolCode, "section": other.section, "subjects": "数学",
                     "degree": "本科", "title": "初级", "backbone": "无", "certificate": "初中", "tenured": "是", "school_since": "2026-09-01"]
                }
                let first17 = "33010219990101123"
                let valid = first17 + String(try #require(IDNumber.checkCharacter(first17)))
                let wrong = first17 + (valid.hasSuffix("0") ? "1" : "0")
                let bad = try await b.post("\(TeachersWebTest.page)/hire", form: hire("N0001", wrong))
                #expect(bad.status == .unprocessableEntity)
                #expect(!bad.body.string.contains(wrong))
                #expect(try await b.post("\(TeachersWebTest.page)/hire", form: hire("N0001", valid)).status == .seeOther)
                let hired = try #require(try await TeacherRow.query(on: app.db).filter(\.$teacherID == "N0001").first())
                #expect(hired.idMasked == "330***" + String(valid.suffix(4)))
                // The same ID number again is refused.
                #expect(try await b.post("\(TeachersWebTest.page)/hire", form: hire("N0002", valid)).status == .unprocessableEntity)
            }
        }

        /// Who sees what: the office names; inspectors and statisticians masked; a principal their own school in full and
        /// other schools masked; a teacher only their own record.
        @Test func accessPerRole() async throws {
            try await withTestApp { app in
                let rows = try await TeachersWebTest.rows(app).filter(\.active)
                let schools = Array(Set(rows.map(\.schoolCode))).sorted()
                let principal = try #require(try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first())
                let own = try #require(principal.school?.code)
                let foreign = try #require(schools.first { $0 != own })
                let ownTeacher = try #require(rows.first { $0.schoolCode == own && $0.name.count >= 2 })
                let foreignTeacher = try #require(rows.first { $0.schoolCode == foreign && $0.name.count >= 2 })
                let staff = "\(TeachersWebTest.page)/schools/"

                var p = TestBrowser(app)
                try await p.login("demo-school")
                let mine = try await p.get(staff + own)
                #expect(mine.status == .ok)
                #expect(mine.body.string.contains(ownTeacher.name) && !mine.body.string.contains("id=\"names-masked\""))
                let theirs = try await p.get(staff + foreign)
                #expect(theirs.status == .ok)
                #expect(theirs.body.string.contains("id=\"names-masked\""))
                #expect(theirs.body.string.contains(TeachersText.maskedName(foreignTeacher.name)) && !theirs.body.string.contains(">\(foreignTeacher.name)<"))
                #expect(try await p.get(TeachersWebTest.page).status == .forbidden)
                #expect(try await p.get("/schools/\(own)").body.string.contains("id=\"staff-link\""))

                var i = TestBrowser(app)
                try await i.login("demo-province")
                let inspected = try await i.get(TeachersWebTest.page)
                #expect(inspected.status == .ok)
                #expect(inspected.body.string.contains("id=\"names-masked\""))
                #expect(!inspected.body.string.contains(">\(ownTeacher.name)<"))
                #expect(try await i.post("\(TeachersWebTest.page)/rotation", form: ["year": "2026"]).status == .forbidden)
                let token = try #require(try await APIClient.token(app, "demo-province"))
                let api = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1\(TeachersWebTest.page)", token: token)) as? [String: Any])
                let listed = try #require(api["teachers"] as? [[String: Any]])
                #expect(listed.count == (try await TeachersWebTest.rows(app)).count)
                #expect(!listed.contains { ($0["name"] as? String) == ownTeacher.name })

                var s = TestBrowser(app)
                try await s.login("demo-county")
                #expect(try await s.get(TeachersWebTest.page).body.string.contains("id=\"names-masked\""))
                #expect(try await s.get("\(TeachersWebTest.page)/upload").status == .forbidden)
                var o = TestBrowser(app)
                try await o.login("demo-other-county")
                #expect(try await o.get(TeachersWebTest.page).status == .notFound)

                try await TeachersWebTest.user(app, "t-own", role: .teacher, school: own, teacherID: ownTeacher.teacherID)
                var t = TestBrowser(app)
                try await t.login("t-own")
                let record = try await t.get("/my/teacher")
                #expect(record.status == .ok)
                #expect(record.body.string.contains(ownTeacher.name) && record.body.string.contains(ownTeacher.teacherID))
                #expect(!record.body.string.contains(foreignTeacher.teacherID))
                #expect(try await t.get(TeachersWebTest.page).status == .forbidden)
                #expect(try await t.get("\(TeachersWebTest.page)/t/\(foreignTeacher.teacherID)").status == .forbidden)
                #expect(try await p.get("/my/teacher").status == .forbidden)
                let refusals = try await auditEntries(app, action: "denied")
                #expect(refusals.contains { $0.target.hasPrefix("county:\(TeachersWebTest.county)") })
            }
        }

        /// Training: records in the current 5-year cycle add up per teacher; G9 per school and county counts those at 360 h.
        @Test func trainingHoursAndG9() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-personnel")
                let page = "\(TeachersWebTest.page)/training"
                #expect(try await b.get(page).status == .ok)
                let rows = try await TeachersWebTest.rows(app).filter(\.active)
                let t = try #require(rows.first), u = try #require(rows.last)
                let year = try #require(TeachersText.today()).year
                let cycle = TrainingCycle.containing(year).years
                #expect(cycle.count == 5 && cycle.contains(year) && (cycle.lowerBound - 2021) % 5 == 0)
                let day = "\(cycle.lowerBound)-03-01", before = "\(cycle.lowerBound - 1)-12-31"
                for (id, course, level, hours, d) in [(t.teacherID, "县级骨干研修", "county", "200", day), (t.teacherID, "校本研修", "school", "170", day),
                                                      (u.teacherID, "国培", "national", "300", day), (u.teacherID, "上一周期", "provincial", "100", before)] {
                    let r = try await b.post(page, form: ["teacher_id": id, "course": course, "level": level, "hours": hours, "day": d])
                    #expect(r.status == .seeOther, "\(r.body.string.prefix(300))")
                }
                #expect(try await b.post(page, form: ["teacher_id": t.teacherID, "course": "x", "level": "county", "hours": "abc", "day": day]).status == .unprocessableEntity)
                #expect(try await b.post(page, form: ["teacher_id": "NOBODY", "course": "x", "level": "county", "hours": "10", "day": day]).status == .unprocessableEntity)
                let html = try await b.get(page).body.string
                // By hand: t has 370 h (done); u 300 h this cycle (the earlier cycle's 100 h do not count): short by 60;
                // everyone else by the register's 本周期培训学时 (no records of theirs).
                let done = 1 + rows.filter { $0.teacherID != t.teacherID && $0.teacherID != u.teacherID && ($0.trainingHours ?? -1) >= 360 }.count
                #expect(html.contains("\(done) / \(rows.count)"))
                #expect(html.contains("id=\"short-\(u.teacherID)\""))
                #expect(!html.contains("id=\"short-\(t.teacherID)\""))
                let uRow = try #require(html.range(of: "id=\"short-\(u.teacherID)\"")).upperBound
                #expect(html[uRow...].prefix(400).contains("<td class=\"num\">300</td><td class=\"num\">60</td>"))
                #expect(try await auditEntries(app, action: "teachers-training").count == 4)
                try await TeachersWebTest.user(app, "t-train", role: .teacher, school: t.schoolCode, teacherID: t.teacherID)
                var own = TestBrowser(app)
                try await own.login("t-train")
                #expect(try await own.get("/my/teacher").body.string.contains("已记录 370 / 360 学时，已完成"))
            }
        }

        /// The teacher abilities by hand: who keeps the register, who reads it, who sees names.
        @Test func teacherPolicyByHand() {
            let county = UUID(), other = UUID(), path = "/33/3301/330101/"
            func p(_ role: Role, region: String? = nil, school: UUID? = nil, countyID: UUID = county, teacher: String? = nil) -> Principal {
                var x = Principal(User(id: UUID(), username: "u", displayName: "u", passwordHash: "", role: role, regionID: nil, schoolID: nil, teacherID: teacher))
                x.region = region.map { .init(id: UUID(), code: "r", name: "r", path: $0) }
                x.school = school.map { .init(id: $0, code: "s", name: "s", countyID: countyID) }
                return x
            }
            let c = Resource.county(id: county, path: path)
            let ownSchool = UUID(), otherSchool = UUID()
            let s1 = Resource.school(id: ownSchool, code: "s", countyID: county, countyPath: path)
            let s2 = Resource.school(id: otherSchool, code: "t", countyID: county, countyPath: path)
            let office = p(.personnel, region: path), elsewhere = p(.personnel, region: "/33/3301/330102/")
            #expect(Policy.decide(office, .manageTeachers, c) == .allow)
            #expect(Policy.decide(office, .readTeacherNames, c) == .allow)
            #expect(Policy.decide(elsewhere, .readTeachers, c) == .hide)
            #expect(Policy.decide(p(.admin), .manageTeachers, c) == .allow)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .readTeachers, c) == .allow)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .manageTeachers, c) == .forbid)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .readTeacherNames, s1) == .forbid)
            #expect(Policy.decide(p(.statistician, region: path), .readTeacherNames, c) == .forbid)
            let principal = p(.principal, school: ownSchool)
            #expect(Policy.decide(principal, .readSchoolStaff, s1) == .allow && Policy.decide(principal, .readSchoolStaff, s2) == .allow)
            #expect(Policy.decide(principal, .readTeacherNames, s1) == .allow)
            #expect(Policy.decide(principal, .readTeacherNames, s2) == .forbid)
            #expect(Policy.decide(principal, .readTeachers, c) == .forbid)
            #expect(Policy.decide(p(.principal, school: UUID(), countyID: other), .readSchoolStaff, s1) == .hide)
            #expect(Policy.decide(p(.teacher, school: ownSchool, teacher: "T1"), .readOwnTeacherRecord) == .allow)
            #expect(Policy.decide(p(.teacher, school: ownSchool, teacher: "T1"), .readSchoolStaff, s1) == .forbid)
            #expect(Policy.decide(p(.principal, school: ownSchool), .readOwnTeacherRecord) == .forbid)
        }

        /// A hostile register: every problem located (file, row, column), the ID number never echoed, nothing written.
        @Test func hostileUploadIsLocatedAndStoresNothing() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-personnel")
                #expect(try await b.get("\(TeachersWebTest.page)/upload").status == .ok)
                let before = try await TeachersWebTest.rows(app).map { "\($0.teacherID)|\($0.schoolCode)|\($0.name)" }
                let first17 = "11010519491231002"
                let good = first17 + String(try #require(IDNumber.checkCharacter(first17)))
                let badCheck = first17 + (good.hasSuffix("1") ? "2" : "1")
                let header = "teacher_id,name,id_number,school_code,section,subjects,degree,title,backbone,certificate,tenured,school_since"
                let csv = [header,
                           "T1,张三,\(good),S1,小学,语文,本科,中级,无,小学,是,2019-09-01",
                           "T2,李四,\(badCheck),S1,高中,语文,本科,中级,无,小学,是,2019-09-01",
                           "T1,王五,\(good),S1,小学,语文,博士,中级,无,小学,也许,2019-13-01",
                           "T4,=1+1,\(good.prefix(17))9,S1,小学,,本科,中级,无,小学,是,2019-09-01"].joined(separator: "\r\n") + "\r\n"
                let res = try await TeachersWebTest.upload(&b, register: (name: "名册.csv", bytes: Data(csv.utf8)))
                #expect(res.status == .unprocessableEntity)
                let html = res.body.string
                #expect(html.contains("id=\"teachers-upload-issues\""))
                #expect(!html.contains(badCheck))
                for column in ["身份证号", "任教学段", "教师编号", "最高学历", "在编", "现校任教起始日期", "任教学科"] { #expect(html.contains("<td>\(column)</td>"), "\(column)") }
                for row in ["3", "4", "5"] { #expect(html.contains("<td class=\"num\">\(row)</td>"), "row \(row)") }
                #expect(html.contains("<td>名册.csv</td>"))
                let after = try await TeachersWebTest.rows(app).map { "\($0.teacherID)|\($0.schoolCode)|\($0.name)" }
                #expect(after == before)
                #expect(try await auditEntries(app, action: "teachers-upload-rejected").count == 1)
                // Not a register at all.
                let junk = try await TeachersWebTest.upload(&b, register: (name: "x.csv", bytes: Data([0xFF, 0xFE, 0x00, 0x41])))
                #expect(junk.status == .unprocessableEntity)
                #expect(try await TeachersWebTest.rows(app).count == before.count)
            }
        }
    }
}
