import Fluent
import Foundation
import Teachers
import Vapor

/// Training across the current 5-year cycle: each teacher's hours (from the training records where kept, else the
/// register's column, and which), who is short of 360 and by how much, and the completion rate per school and county (G9).
struct TrainingModel {
    /// A serving teacher's cycle hours, where they came from (training records, else the register's column), and the shortfall.
    struct Teacher { var teacherID: String; var name: String; var schoolCode: String; var hours: Double; var short: Double; var source: TrainingSource }
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
    var notice: String? = nil

    var completed: Int { schools.reduce(0) { $0 + $1.completed } }
    var total: Int { schools.reduce(0) { $0 + $1.teachers } }

    static func load(_ req: Request, county: Region, error: String? = nil) async throws -> TrainingModel {
        let countyID = try county.requireID()
        let year = TeachersText.today()?.year ?? 2026
        let cycle = TrainingCycle.containing(year, start: try? req.query.get(Int.self, at: "cycle"))
        let required = TeacherRules.builtIn.derivation.trainingCycleHours
        let training = try await TeachersStore.trainingHours(countyID: countyID, cycle: cycle, on: req.db)
        let count = try await TeacherTraining.query(on: req.db).filter(\.$county.$id == countyID)
            .filter(\.$day >= "\(cycle.years.lowerBound)-01-01").filter(\.$day <= "\(cycle.years.upperBound)-12-31").count()
        let showNames = req.may(.readTeacherNames, county.resource)
        let rows = try await TeacherRow.query(on: req.db).filter(\.$county.$id == countyID).filter(\.$active == true).sort(\.$schoolCode).sort(\.$teacherID).all()
        let teachers = rows.compactMap(TeachersStore.record).map { t -> Teacher in
            let (h, source) = training.hours(t)
            return Teacher(teacherID: t.teacherID, name: showNames ? t.name : TeachersText.maskedName(t.name), schoolCode: t.schoolCode, hours: h ?? 0,
                           short: training.shortfall(t, required: required), source: source)
        }
        let schools = Dictionary(grouping: teachers, by: \.schoolCode).map { code, ts in
            School(code: code, teachers: ts.count, completed: ts.filter { $0.short <= 0 }.count)
        }.sorted { $0.code < $1.code }
        return TrainingModel(countyCode: county.code, countyName: county.name, cycle: cycle.years, required: required, teachers: teachers, schools: schools,
                             records: count, names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db),
                             canManage: req.may(.manageTeachers, county.resource), error: error)
    }
}
