import EquityKit
import Fluent
import Foundation
import JunhengReports
import Teachers
import ThreeClassrooms
import Vapor

/// The input of a 交流轮岗 job: the county, the year and the office's limits.
struct RotationPayload: Codable, Sendable {
    var year: Int
    var maxOut: Int?
    var distanceKm: Double?
    var timeLimit: Double
    var pins: [String]
    var forbids: [String]
}

extension JobRunner {
    /// Plans the rotation on CBC (a thread of its own) from the register of record and the newest statistics, checks it
    /// with `RotationCheck` and stores it as a draft.
    static func teachersRotation(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(RotationPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else { throw JobFailure(description: "县区已不存在 / the county no longer exists") }
        let countyID = try county.requireID()
        let register = try await TeachersStore.register(countyID: countyID, on: app.db)
        guard !register.teachers.isEmpty else { throw JobFailure(description: "请先导入教师名册 / import the teacher register first") }
        guard let stats = try await TeachersStore.statistics(countyID: countyID, on: app.db) else {
            throw JobFailure(description: "本县尚无统计数据 / the county has no statistics snapshot")
        }
        let points = try await TeachersStore.points(countyID: countyID, on: app.db)
        let gaps = try await ClassroomGaps.shares(countyID: countyID, register: register, on: app.db)
        var limits = TeacherRules.builtIn
        limits.rotation.maxOutPerSchool = p.maxOut
        limits.rotation.maxDistanceKm = p.distanceKm
        limits.rotation.timeLimitSeconds = p.timeLimit
        let rules = limits
        let pins = p.pins.compactMap(RotationPin.init(text:)), forbids = p.forbids.compactMap(RotationPin.init(text:))
        control.report(0.05, "求解中 / solving")
        let year = p.year
        let (plan, check, json) = try await SolverThread.run { () -> (RotationPlan, [String], [UInt8]) in
            var problem = RotationProblem(register: register, records: stats.records, standard: BuiltInStandards.youzhi2017, rules: rules, year: year,
                                          coordinates: points, pins: pins, forbids: forbids)
            problem.classroomGaps = gaps
            let plan = RotationPlanner.plan(problem, progress: { control.report(0.5, String($0.prefix(200))) })
            let check = plan.moves.isEmpty && plan.status != .optimal ? [] : RotationCheck.problems(plan.moves, problem)
            return (plan, check, RotationReport(plan: plan, check: check).json())
        }
        let planID = UUID(), ownerID = job.$owner.id
        let passed = check.isEmpty && (plan.status == .optimal || plan.status == .feasible)
        return JobOutcome(
            url: "/teacher-rotations/\(planID)", auditActor: owner, auditAction: "teachers-rotation", auditTarget: "teacher-rotation:\(planID)",
            auditDetail: "county \(county.code), year \(year), statistics \(stats.year) v\(stats.version), \(plan.status.rawValue), eligible \(plan.eligible.count), "
                + "exchanged \(plan.exchanged), backbone \(plan.backboneExchanged), check \(passed ? "passed" : "failed"), pins \(pins.count), forbids \(forbids.count), job \(job.id?.uuidString ?? "")",
            save: { db in
                let r = RotationPlanRecord()
                r.id = planID
                r.$county.id = countyID
                r.year = year
                r.$createdBy.id = ownerID
                r.createdAt = Date()
                r.status = plan.status.rawValue
                r.gap = plan.gap.flatMap { $0.isFinite ? $0 : nil }
                r.eligible = plan.eligible.count
                r.exchanged = plan.exchanged
                r.backboneExchanged = plan.backboneExchanged
                r.checkPassed = passed
                r.stage = RotationStage.draft.rawValue
                r.maxOut = p.maxOut
                r.maxDistanceKm = p.distanceKm
                r.pins = p.pins.joined(separator: "\n")
                r.forbids = p.forbids.joined(separator: "\n")
                r.effectiveDay = CalendarDay(year: year, month: 9, day: 1)?.description ?? "\(year)-09-01"
                r.resultJSON = Data(json)
                try await r.create(on: db)
                return nil
            })
    }
}

/// The 三个课堂 subject gaps the rotation objective weighs receivers by, from the county's newest 三个课堂 dataset.
enum ClassroomGaps {
    /// Per school and register subject name, the share (0…1) of the school's required periods of that subject (all
    /// grades, 2022 curriculum) its timetable does not give; empty without a dataset. Register subjects are matched
    /// by the 三个课堂 names and aliases (体育 = 体育与健康).
    static func shares(countyID: UUID, register: TeacherRegister, on db: any Database) async throws -> [String: [String: Double]] {
        guard let dataset = try await ClassroomStore.latest(countyID: countyID, on: db), let capacity = try? ClassroomStore.capacity(dataset) else { return [:] }
        return shares(capacity, subjects: Set(register.teachers.map(\.mainSubject)))
    }

    static func shares(_ capacity: TeachingCapacity, subjects: Set<String>) -> [String: [String: Double]] {
        var required: [String: [Subject: Int]] = [:], taught: [String: [Subject: Int]] = [:]
        for g in GapDetector.classGaps(capacity, curriculum: .default2022) {
            required[g.classID.school, default: [:]][g.subject, default: 0] += g.required
            taught[g.classID.school, default: [:]][g.subject, default: 0] += min(g.taught, g.required)
        }
        let named = subjects.compactMap { name in Subject(name: name).map { (name, $0) } }
        var out: [String: [String: Double]] = [:]
        for (school, bySubject) in required {
            for (name, subject) in named {
                guard let r = bySubject[subject], r > 0 else { continue }
                let share = Double(r - (taught[school]?[subject] ?? 0)) / Double(r)
                if share > 0 { out[school, default: [:]][name] = share }
            }
        }
        return out
    }
}

/// Checks of a rotation request shared by the page and the API.
enum RotationInput {
    /// At most this many pins or forbids, each at most 80 characters.
    static let maximumPins = 2_000

    /// Parses `T001` / `T001>S002` lines (also comma-separated); nil names the first bad one.
    static func pins(_ text: String?, field: String) throws -> [String] {
        let raw = text ?? ""
        guard raw.utf8.count <= 100_000 else { throw Abort(.unprocessableEntity, reason: "\(field): 过长 / too long") }
        let items = raw.split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "，" || $0 == "\r" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard items.count <= maximumPins else { throw Abort(.unprocessableEntity, reason: "\(field): 最多 \(maximumPins) 项 / at most \(maximumPins)") }
        for s in items where s.count > 80 || RotationPin(text: s) == nil {
            throw Abort(.unprocessableEntity, reason: "\(field): 应为 教师编号 或 教师编号>学校标识码 / expected TEACHER or TEACHER>SCHOOL: \(s.prefix(40))")
        }
        return items
    }

    /// Validates the request and queues the job.
    static func enqueue(county: Region, year: Int?, maxOut: Int?, distance: String?, timeLimit: Double?, pins: String?, forbids: String?,
                        on req: Request) async throws -> Job {
        guard try await TeacherRow.query(on: req.db).filter(\.$county.$id == county.requireID()).count() > 0 else {
            throw Abort(.unprocessableEntity, reason: "请先导入教师名册 / import the teacher register first")
        }
        guard let year, (2000...2100).contains(year) else { throw Abort(.unprocessableEntity, reason: "year: 应在 2000…2100 / must be 2000…2100") }
        if let maxOut, !(0...10_000).contains(maxOut) { throw Abort(.unprocessableEntity, reason: "max_out: 应在 0…10000 / must be 0…10,000") }
        var km: Double?
        if let d = distance?.trimmingCharacters(in: .whitespaces), !d.isEmpty {
            guard d.utf8.count <= 16, let v = Double(d), v.isFinite, v > 0, v <= 20_000 else {
                throw Abort(.unprocessableEntity, reason: "distance: 应为 0–20000 km / must be a distance of 0–20,000 km")
            }
            km = v
        }
        let limit = timeLimit ?? 60
        guard limit.isFinite, limit >= 1, limit <= 600 else { throw Abort(.unprocessableEntity, reason: "time_limit: 应为 1–600 秒 / must be 1–600 s") }
        let payload = RotationPayload(year: year, maxOut: maxOut, distanceKm: km, timeLimit: limit,
                                      pins: try Self.pins(pins, field: "pins"), forbids: try Self.pins(forbids, field: "forbids"))
        return try await JobQueue.enqueue(.teachersRotation, payload: payload, county: county, message: "排队中 / queued", on: req)
    }
}
