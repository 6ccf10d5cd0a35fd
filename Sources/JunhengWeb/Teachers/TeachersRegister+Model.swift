import EquityKit
import Fluent
import Foundation
import Teachers
import Vapor

/// A teacher as a page shows it: the name in full only for viewers the policy lets read names.
struct TeacherLine {
    var teacherID: String
    var name: String
    var idMasked: String
    var schoolCode: String
    var section: String
    var subjects: String
    var degree: String
    var title: String
    var backbone: String
    var certificate: String
    var tenured: Bool
    var schoolSince: String
    var trainingHours: Double?
    var noMove: Bool
    var role: String
    var active: Bool

    init(_ r: TeacherRow, showName: Bool) {
        teacherID = r.teacherID
        name = showName ? r.name : TeachersText.maskedName(r.name)
        idMasked = r.idMasked
        schoolCode = r.schoolCode
        section = r.section
        subjects = r.subjects
        degree = r.degree
        title = r.title
        backbone = r.backbone
        certificate = r.certificate
        tenured = r.tenured
        schoolSince = r.schoolSince
        trainingHours = r.trainingHours
        noMove = r.noMove
        role = r.role
        active = r.active
    }
}

/// One statistics row beside the register: each teacher figure as the file states it and as the register gives it.
struct FigureRow {
    var row: Int
    var schoolCode: String
    var section: String
    /// Per `SectionFigures.quantities`: (statistics, derived).
    var values: [(stated: Double?, derived: Int)]
    /// 完成360学时 from the training records where kept, else the register column (the statistics template has no such column).
    var trainingCompleted: Int
    var trainingReported: Int
    /// Of `trainingReported`, teachers counted from the training records.
    var trainingFromRecords: Int = 0
}

/// The register page: the county's teachers (masked as the policy says), derived figures per school section beside
/// the newest statistics snapshot's, and every difference.
struct TeachersRegisterModel {
    var countyCode: String
    var countyName: String
    var teachers: [TeacherLine]
    var total: Int
    var retired: Int
    var school: String?
    var names: [String: String]
    var statistics: (year: Int, version: Int)?
    var figures: [FigureRow]
    var differences: [FigureDifference]
    var canManage: Bool
    /// The statistician may adopt the derived figures into a new snapshot.
    var canAdopt: Bool
    var showNames: Bool
    var notice: String?

    /// At most this many teachers listed on one page (filter by school for the rest).
    static let listLimit = 1_000

    static func load(_ req: Request, county: Region, notice: String? = nil) async throws -> TeachersRegisterModel {
        let countyID = try county.requireID()
        let showNames = req.may(.readTeacherNames, county.resource)
        let all = try await TeachersStore.rows(countyID: countyID, on: req.db)
        let school = (try? req.query.get(String.self, at: "school")).flatMap { $0.isEmpty || $0.count > 32 ? nil : $0 }
        let listed = all.filter { school == nil || $0.schoolCode == school }
        let register = TeacherRegister(teachers: all.filter(\.active).compactMap(TeachersStore.record))
        let stats = try await TeachersStore.statistics(countyID: countyID, on: req.db)
        let training = try await TeachersStore.trainingHours(countyID: countyID, on: req.db)
        var rows: [FigureRow] = [], differences: [FigureDifference] = []
        if let stats, !all.isEmpty {
            (rows, differences) = try await req.application.threadPool.runIfActive {
                (Self.beside(register, stats.records, training: training), TeacherFigures.compare(register, with: stats.records, training: training).differences)
            }
        }
        return TeachersRegisterModel(countyCode: county.code, countyName: county.name,
                                     teachers: listed.prefix(listLimit).map { TeacherLine($0, showName: showNames) },
                                     total: all.filter(\.active).count, retired: all.filter { !$0.active }.count, school: school,
                                     names: try await TeachersStore.schoolNames(countyID: countyID, on: req.db),
                                     statistics: stats.map { ($0.year, $0.version) }, figures: rows, differences: differences,
                                     canManage: req.may(.manageTeachers, county.resource), canAdopt: req.may(.uploadStatistics, county.resource),
                                     showNames: showNames, notice: notice)
    }

    /// Each statistics row's stated teacher figures beside the register's (a 合计 row against its sections without a
    /// row of their own, as `TeacherFigures.compare` counts them).
    static func beside(_ register: TeacherRegister, _ records: [StatisticsRecord], training: TrainingHours) -> [FigureRow] {
        let byKey = Dictionary(TeacherFigures.derive(register, training: training).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let sectionRows = Set(records.compactMap { r -> SectionKey? in
            if case .single(let s) = r.section { return SectionKey(r.schoolCode, s) }
            return nil
        })
        return records.compactMap { r in
            let sections: [Section]
            switch r.section {
            case .single(let s): sections = [s]
            case .combined: sections = Section.allCases.filter { (r.sectionStudents?[$0] ?? 0) > 0 && !sectionRows.contains(SectionKey(r.schoolCode, $0)) }
            }
            guard !sections.isEmpty else { return nil }
            let present = sections.compactMap { byKey[SectionKey(r.schoolCode, $0)] }
            let values = SectionFigures.quantities.map { q in (stated: r.quantities[q], derived: present.reduce(0) { $0 + ($1[q] ?? 0) }) }
            return FigureRow(row: r.row, schoolCode: r.schoolCode, section: r.section.label, values: values,
                             trainingCompleted: present.reduce(0) { $0 + $1.trainingCompleted }, trainingReported: present.reduce(0) { $0 + $1.trainingReported },
                             trainingFromRecords: present.reduce(0) { $0 + $1.trainingFromRecords })
        }
    }
}

/// One teacher's page: the record (masked as the policy says), the register events, and the office's change forms.
struct TeacherDetailModel {
    var countyCode: String
    var countyName: String
    var teacher: TeacherLine
    var events: [TeacherEvent]
    var names: [String: String]
    var canManage: Bool
    var error: String?
    /// The teacher's own page (/my/teacher): no links into the county's pages.
    var own: Bool = false
    /// The current 5-year cycle, the teacher's trainings in it and their hours.
    var cycle: ClosedRange<Int> = 2021...2025
    var trainings: [TeacherTraining] = []
    var cycleHours: Double = 0
    /// Where `cycleHours` came from: the records, else the register's column (as the figures and G9 count).
    var hoursSource: TrainingSource = .none

    mutating func loadTraining(countyID: UUID, on db: any Database) async throws {
        cycle = TrainingCycle.containing(TeachersText.today()?.year ?? 2026).years
        trainings = try await TeacherTraining.query(on: db).filter(\.$county.$id == countyID).filter(\.$teacherID == teacher.teacherID)
            .filter(\.$day >= "\(cycle.lowerBound)-01-01").filter(\.$day <= "\(cycle.upperBound)-12-31").sort(\.$day).range(..<2_000).all()
        if trainings.isEmpty, let h = teacher.trainingHours {
            (cycleHours, hoursSource) = (h, .register)
        } else {
            (cycleHours, hoursSource) = (trainings.reduce(0) { $0 + $1.hours }, trainings.isEmpty ? .none : .records)
        }
    }
}

/// One school's staff, read-only (principals, county readers).
struct SchoolStaffModel {
    var countyCode: String
    var schoolCode: String
    var schoolName: String
    var teachers: [TeacherLine]
    var showNames: Bool
    var inOut: [RotationHistoryModel.SchoolYear]
}
