import EquityKit
import Fluent
import Foundation
import Teachers
import Vapor

/// The `junheng teachers rotation` JSON as stored with a plan.
struct StoredRotation: Decodable, Sendable {
    struct Move: Decodable, Sendable { var teacher_id: String; var from: String; var to: String; var section: String; var reason: String }
    struct Eligible: Decodable, Sendable { var teacher_id: String; var school_code: String; var section: String; var years: Int; var backbone: Bool; var no_move: Bool; var principal: Bool }
    struct Check: Decodable, Sendable { var passed: Bool; var violations: [String] }
    var year: Int
    var eligible: Int
    var exchanged: Int
    var backbone_exchanged: Int
    var minimum_exchanged: Int
    var minimum_backbone: Int
    var moves: [Move]
    var status: String
    var objective: Double?
    var best_bound: Double?
    var gap: Double?
    var seconds: Double?
    var eligible_teachers: [Eligible]
    var check: Check
    var diagnosis: [String]?
    var notes: [String]?

    static func decode(_ data: Data) throws -> StoredRotation { try JSONDecoder().decode(StoredRotation.self, from: data) }
}

/// A rotation plan with its county.
typealias RotationAccess = CountyRecordAccess<RotationPlanRecord>

extension RotationPlanRecord: CountyOwned {
    static let targetKind = "teacher-rotation"
    var countyID: UUID { $county.id }
}

/// The rotation page: the office's form, the plans, and the history (G11 per year, each school's in/out).
struct RotationOverviewModel {
    struct Plan { var id: UUID; var year: Int; var status: String; var gap: Double?; var eligible: Int; var exchanged: Int; var backbone: Int
                  var checkPassed: Bool; var stage: RotationStage; var createdAt: Date }
    var countyCode: String
    var countyName: String
    var plans: [Plan]
    var history: RotationHistoryModel
    var canManage: Bool
    var hasRegister: Bool
    var defaultYear: Int
    /// Teachers on exchange whose term ends on or before `dueBy` (`?due=YYYY-MM-DD`, default today).
    var dueBy: CalendarDay?
    var returnsDue: [RotationTerm] = []
    var names: [String: String] = [:]

    static func load(_ req: Request, county: Region) async throws -> RotationOverviewModel {
        let countyID = try county.requireID()
        let dueBy = (try? req.query.get(String.self, at: "due")).flatMap { CalendarDay(text: String($0.prefix(10))) } ?? TeachersText.today()
        let plans = try await RotationPlanRecord.query(on: req.db).filter(\.$county.$id == countyID).sort(\.$createdAt, .descending).range(..<200).all()
            .compactMap { r -> Plan? in
                guard let id = r.id else { return nil }
                return Plan(id: id, year: r.year, status: r.status, gap: r.gap, eligible: r.eligible, exchanged: r.exchanged, backbone: r.backboneExchanged,
                            checkPassed: r.checkPassed, stage: RotationStage(rawValue: r.stage) ?? .draft, createdAt: r.createdAt)
            }
        let hasRegister = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).count() > 0
        let terms = dueBy == nil ? [] : try await Self.terms(countyID: countyID, on: req.db)
        return RotationOverviewModel(countyCode: county.code, countyName: county.name, plans: plans,
                                     history: try await RotationHistoryModel.load(countyID: countyID, on: req.db),
                                     canManage: req.may(.manageTeachers, county.resource), hasRegister: hasRegister,
                                     defaultYear: (TeachersText.today()?.year ?? 2026) + ((TeachersText.today()?.month ?? 1) >= 9 ? 1 : 0),
                                     dueBy: dueBy, returnsDue: dueBy.map { ReturnsDue.list(terms, by: $0) } ?? [],
                                     names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db))
    }

    /// Every running exchange term: a teacher's latest rotation with no return after it, the teacher still serving at
    /// the receiving school; its years from the plan (the rules' `term_years` when the plan set none).
    static func terms(countyID: UUID, on db: any Database) async throws -> [RotationTerm] {
        let events = try await TeacherEvent.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$kind ~~ [TeacherChangeKind.rotation.rawValue, TeacherChangeKind.return.rawValue, TeacherChangeKind.transfer.rawValue])
            .sort(\.$recordedAt).range(..<100_000).all()
        var latest: [String: TeacherEvent] = [:]
        for e in events {
            if e.kind == TeacherChangeKind.rotation.rawValue { latest[e.teacherID] = e } else { latest[e.teacherID] = nil }
        }
        guard !latest.isEmpty else { return [] }
        let planIDs = Array(Set(latest.values.compactMap(\.planID)))
        let plans = planIDs.isEmpty ? [] : try await RotationPlanRecord.query(on: db).filter(\.$id ~~ planIDs).field(\.$id).field(\.$termYears).all()
        let years = Dictionary(plans.compactMap { p in p.id.map { ($0, p.termYears) } }, uniquingKeysWith: { a, _ in a })
        let rows = try await TeacherRow.query(on: db).filter(\.$county.$id == countyID).filter(\.$teacherID ~~ Array(latest.keys)).filter(\.$active == true).all()
        let at = Dictionary(rows.map { ($0.teacherID, $0.schoolCode) }, uniquingKeysWith: { a, _ in a })
        let fallback = TeacherRules.builtIn.rotation.termYears
        return latest.values.compactMap { e in
            guard let from = e.fromSchool, let to = e.toSchool, at[e.teacherID] == to, let start = CalendarDay(text: e.day) else { return nil }
            return RotationTerm(teacherID: e.teacherID, from: from, to: to, start: start, years: e.planID.flatMap { years[$0] ?? nil } ?? fallback)
        }
    }
}

/// 交流轮岗 across years: the G11 figures of each executed plan, and each school's teachers in and out per year.
struct RotationHistoryModel {
    /// G11 of one plan year: exchanged ÷ eligible (≥ 10%), backbone ÷ exchanged (≥ 20%).
    struct Year { var year: Int; var eligible: Int; var exchanged: Int; var backbone: Int; var returned: Int }
    struct SchoolYear { var school: String; var year: Int; var arrived: Int; var left: Int; var returned: Int }
    var years: [Year]
    var schools: [SchoolYear]

    static func load(countyID: UUID, school: String? = nil, on db: any Database) async throws -> RotationHistoryModel {
        let executed = try await RotationPlanRecord.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$stage == RotationStage.executed.rawValue).sort(\.$year).all()
        var events = TeacherEvent.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$kind ~~ [TeacherChangeKind.rotation.rawValue, TeacherChangeKind.return.rawValue])
        if let school { events = events.group(.or) { $0.filter(\.$fromSchool == school).filter(\.$toSchool == school) } }
        let moves = try await events.range(..<20_000).all()
        func year(_ e: TeacherEvent) -> Int { Int(e.day.prefix(4)) ?? 0 }
        let returns = Dictionary(grouping: moves.filter { $0.kind == TeacherChangeKind.return.rawValue }, by: year)
        let years = executed.map { Year(year: $0.year, eligible: $0.eligible, exchanged: $0.exchanged, backbone: $0.backboneExchanged,
                                        returned: returns[$0.year]?.count ?? 0) }
        var table: [String: SchoolYear] = [:]
        for e in moves {
            let y = year(e), back = e.kind == TeacherChangeKind.return.rawValue
            if let to = e.toSchool {
                table["\(to)|\(y)", default: SchoolYear(school: to, year: y, arrived: 0, left: 0, returned: 0)].arrived += back ? 0 : 1
                if back { table["\(to)|\(y)", default: SchoolYear(school: to, year: y, arrived: 0, left: 0, returned: 0)].returned += 1 }
            }
            if let from = e.fromSchool { table["\(from)|\(y)", default: SchoolYear(school: from, year: y, arrived: 0, left: 0, returned: 0)].left += 1 }
        }
        let schools = table.values.filter { school == nil || $0.school == school }.sorted { ($0.year, $0.school) < ($1.year, $1.school) }
        return RotationHistoryModel(years: years, schools: schools)
    }
}

/// One plan's page: the limits, the solve and its proven gap, eligible/exchanged/backbone against 10% / 20%, the
/// independent check, the moves, and approve / execute / re-solve with pins and forbids.
struct RotationPlanModel {
    var id: UUID
    var countyCode: String
    var countyName: String
    var record: RotationPlanRecord
    var stored: StoredRotation
    var stage: RotationStage
    var names: [String: String]
    /// Teacher id → name as the viewer may see it.
    var teacherNames: [String: String]
    var canManage: Bool
    var today: String
    var error: String?
    var notice: String?

    static func load(_ req: Request, _ access: RotationAccess, error: String? = nil, notice: String? = nil) async throws -> RotationPlanModel {
        let r = access.record
        let stored = try StoredRotation.decode(r.resultJSON)
        let countyID = try access.county.requireID()
        let showNames = req.may(.readTeacherNames, access.county.resource)
        let ids = Set(stored.moves.map(\.teacher_id))
        let rows = ids.isEmpty ? [] : try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$teacherID ~~ Array(ids)).all()
        let teacherNames = Dictionary(rows.map { ($0.teacherID, showNames ? $0.name : TeachersText.maskedName($0.name)) }, uniquingKeysWith: { a, _ in a })
        return RotationPlanModel(id: try r.requireID(), countyCode: access.county.code, countyName: access.county.name, record: r, stored: stored,
                                 stage: RotationStage(rawValue: r.stage) ?? .draft, names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db),
                                 teacherNames: teacherNames, canManage: req.may(.manageTeachers, access.county.resource),
                                 today: TeachersText.todayText, error: error, notice: notice)
    }
}
