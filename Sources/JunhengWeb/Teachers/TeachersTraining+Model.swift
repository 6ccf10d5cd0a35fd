import Fluent
import Foundation
import Teachers
import Vapor

/// Training across the current 5-year cycle: each teacher's recorded hours, who is short of 360 and by how much, and
/// the completion rate per school and for the county (G9).
struct TrainingModel {
    struct Teacher { var teacherID: String; var name: String; var schoolCode: String; var hours: Double; var short: Double }
    struct School { var code: String; var teachers: Int; var completed: Int }
    var countyCode: String
    var countyName: String
    /// The cycle's first and last year.
    var cycle: ClosedRange<Int>
    var required: Double
    var teachers: [Teacher]
    var schools: [School]
    var records: Int
    var names: [String: String]
    var canManage: Bool
    var error: String?

    var completed: Int { schools.reduce(0) { $0 + $1.completed } }
    var total: Int { schools.reduce(0) { $0 + $1.teachers } }

    /// The 5-year cycle holding `year`: 2021–2025, 2026–2030, … (the national cycles since 2021; a county whose
    /// province counts differently picks its start with `?cycle=`).
    static func cycle(containing year: Int, start: Int? = nil) -> ClosedRange<Int> {
        if let start, (2000...2100).contains(start) { return start...(start + 4) }
        let first = 2021 + 5 * Int((Double(year - 2021) / 5).rounded(.down))
        return first...(first + 4)
    }

    /// Each teacher's hours in `cycle` from the records.
    static func hours(countyID: UUID, cycle: ClosedRange<Int>, teacherID: String? = nil, on db: any Database) async throws -> (hours: [String: Double], count: Int) {
        var q = TeacherTraining.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$day >= "\(cycle.lowerBound)-01-01").filter(\.$day <= "\(cycle.upperBound)-12-31")
        if let teacherID { q = q.filter(\.$teacherID == teacherID) }
        let records = try await q.range(..<500_000).all()
        var out: [String: Double] = [:]
        for r in records { out[r.teacherID, default: 0] += r.hours }
        return (out, records.count)
    }

    static func load(_ req: Request, county: Region, error: String? = nil) async throws -> TrainingModel {
        let countyID = try county.requireID()
        let year = TeachersText.today()?.year ?? 2026
        let cycle = Self.cycle(containing: year, start: try? req.query.get(Int.self, at: "cycle"))
        let required = TeacherRules.builtIn.derivation.trainingCycleHours
        let (hours, count) = try await Self.hours(countyID: countyID, cycle: cycle, on: req.db)
        let showNames = req.may(.readTeacherNames, county.resource)
        let rows = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$active == true).sort(\.$schoolCode).sort(\.$teacherID).all()
        let teachers = rows.map { r -> Teacher in
            let h = hours[r.teacherID] ?? 0
            return Teacher(teacherID: r.teacherID, name: showNames ? r.name : TeachersText.maskedName(r.name), schoolCode: r.schoolCode, hours: h, short: max(0, required - h))
        }
        let schools = Dictionary(grouping: teachers, by: \.schoolCode).map { code, ts in
            School(code: code, teachers: ts.count, completed: ts.filter { $0.short <= 0 }.count)
        }.sorted { $0.code < $1.code }
        return TrainingModel(countyCode: county.code, countyName: county.name, cycle: cycle, required: required, teachers: teachers, schools: schools,
                             records: count, names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db),
                             canManage: req.may(.manageTeachers, county.resource), error: error)
    }
}
