import Fluent
import Foundation
import JunhengImport
import Testing
import ThreeClassrooms
import VaporTesting
@testable import JunhengWeb

/// Helpers of the 三个课堂 web tests: multi-file uploads, the stored input, plan runs, and a hard-rule checker that
/// works from the API's JSON and the uploaded input alone.
enum ClassroomTest {
    static var county: String { Demo.county1 }
    static var page: String { "/counties/\(county)/classrooms" }

    /// Posts a multipart form with several file fields and the browser's CSRF token.
    static func upload(_ b: inout TestBrowser, _ path: String, files: [(field: String, name: String, bytes: [UInt8])]) async throws -> TestingHTTPResponse {
        let boundary = "----junheng-classroom-boundary"
        var body = ByteBuffer()
        if let csrf = b.csrf { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n") }
        for f in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(f.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var h = HTTPHeaders()
        if let cookie = b.cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await b.app.testing().sendRequest(.POST, path, headers: h, body: body)
    }

    /// The county's stored input (the demo seed), decoded from the database row.
    static func input(_ app: Application) async throws -> TeachingCapacity {
        let county = try #require(try await Region.query(on: app.db).filter(\.$code == county).first())
        let d = try #require(try await ClassroomDataset.query(on: app.db).filter(\.$county.$id == county.requireID())
            .sort(\.$version, .descending).first())
        return try JSONDecoder().decode(TeachingCapacity.self, from: d.capacityJSON)
    }

    /// Runs a plan as `user`; returns the browser and the plan id.
    static func runPlan(_ app: Application, as user: String = "demo-county") async throws -> (TestBrowser, String) {
        var b = TestBrowser(app)
        try await b.login(user)
        _ = try await b.get(page)
        let res = try await b.post("\(page)/plans", form: ["cap": "4"])
        #expect(res.status == .seeOther)
        // The plan is solved in the job queue: follow the job page to its result.
        let (job, link) = try await b.followJob(res)
        #expect(job.state == .succeeded, "\(job.error ?? "")")
        let location = try #require(link)
        #expect(location.hasPrefix("/classroom-plans/"))
        return (b, String(location.dropFirst("/classroom-plans/".count)))
    }

    /// A date (yyyy-MM-dd) in the week of Monday 2025-09-01 on timetable weekday `day`.
    static func date(weekday day: Int) -> String { String(format: "2025-09-%02d", day) }

    /// Every hard-rule violation of the plan JSON against the input, computed here from the rows.
    static func violations(_ plan: [String: Any], input: TeachingCapacity, cap: Int) -> [String] {
        var found: [String] = []
        let teachers = Dictionary(uniqueKeysWithValues: input.teachers.map { ($0.id, $0) })
        let schools = Dictionary(uniqueKeysWithValues: input.schools.map { ($0.code, $0) })
        var classes = Set<String>()
        for c in input.classCounts where c.classes > 0 { for n in 1...c.classes { classes.insert("\(c.school)/\(c.grade)/\(n)") } }
        var busy = Set<String>(), taught: [String: Int] = [:]
        for l in input.lessons {
            busy.insert("\(l.classID.school)/\(l.classID.grade)/\(l.classID.number)@\(l.slot.day).\(l.slot.period)")
            if let t = l.teacher { busy.insert("\(t)@\(l.slot.day).\(l.slot.period)") }
            taught["\(l.classID.school)/\(l.classID.grade)/\(l.classID.number)|\(l.subject.zh)", default: 0] += 1
        }
        var used = Set<String>(), remote: [String: Int] = [:], received: [String: Int] = [:]
        for s in plan["sessions"] as? [[String: Any]] ?? [] {
            let t = s["teacher_id"] as! String, sender = s["sender_school"] as! String, subject = s["subject_zh"] as! String
            let grade = s["grade"] as! Int, at = "\(s["day"] as! Int).\(s["period"] as! Int)"
            let receivers = s["receiving_classes"] as! [String]
            guard let teacher = teachers[t], teacher.school == sender, teacher.subjects.map(\.zh).contains(subject) else {
                found.append("\(t): not a qualified teacher of \(sender)"); continue
            }
            if busy.contains("\(t)@\(at)") || !used.insert("\(t)@\(at)").inserted { found.append("\(t) not free at \(at)") }
            remote[t, default: 0] += 1
            if receivers.isEmpty || receivers.count > cap { found.append("\(t)@\(at): \(receivers.count) classes") }
            for c in receivers {
                let parts = c.split(separator: "/")
                if !classes.contains(c) { found.append("\(c) unknown") }
                if Int(parts[1]) != grade { found.append("\(c) not grade \(grade)") }
                if String(parts[0]) == sender { found.append("\(c) at the sender") }
                if let home = schools[String(parts[0])], let d = s["day"] as? Int, let p = s["period"] as? Int,
                   d > home.days || p > home.periodsPerDay { found.append("\(c): \(at) outside its bell schedule") }
                if busy.contains("\(c)@\(at)") || !used.insert("\(c)@\(at)").inserted { found.append("\(c) not free at \(at)") }
                received["\(c)|\(subject)", default: 0] += 1
            }
        }
        for (t, n) in remote where teachers[t]!.load + n > teachers[t]!.maxLoad { found.append("\(t) over maximum") }
        for (key, n) in received {
            let parts = key.split(separator: "|"), c = String(parts[0]), subject = Subject(name: String(parts[1]))!
            let required = Curriculum.default2022.periods(grade: Int(c.split(separator: "/")[1])!, subject: subject)
            if n > required - (taught[key] ?? 0) { found.append("\(key) gets \(n), short only \(required - (taught[key] ?? 0))") }
        }
        return found
    }
}
