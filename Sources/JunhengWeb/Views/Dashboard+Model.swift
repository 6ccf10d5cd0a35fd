import EquityKit
import Foundation

/// Everything the county dashboard shows, built from scoped queries and cached evaluations.
struct DashboardModel {
    var countyCode: String
    var countyName: String
    var years: [Int]
    var evaluated: EvaluatedSnapshot
    /// Earlier years' evaluations (latest version of each), oldest first, including this year.
    var trend: [(year: Int, evaluation: Evaluation)]
    var canUpload: Bool
    var pdfAvailable: Bool
    var sort: MatrixSort
    /// Who uploaded the snapshot, masked for roles that do not need the name.
    var uploader: String

    var year: Int { evaluated.snapshot.schoolYear }
    var standard: Standard { evaluated.evaluation.standard }
    var base: String { "/counties/\(countyCode)/years/\(year)" }
    var standardQuery: String { standard.id == StandardChoice.defaultID ? "" : "?standard=\(standard.id)" }

    /// Schools of a section in the order the user asked for.
    func matrixRows(_ section: Section) -> [SchoolEvaluation] {
        let rows = evaluated.evaluation.schools.filter { $0.school.section == section }
        return sort.apply(rows)
    }
}

/// How the compliance matrix is ordered (server-side, so it works without JavaScript).
struct MatrixSort: Equatable {
    enum Key: Equatable { case file, name, students, met, indicator(Int) }
    var key: Key
    var descending: Bool

    init(query: String?, descending: Bool) {
        switch query {
        case "name": key = .name
        case "students": key = .students
        case "met": key = .met
        case let q? where q.hasPrefix("i"): key = Int(q.dropFirst()).map { .indicator($0) } ?? .file
        default: key = .file
        }
        self.descending = descending
    }

    var queryValue: String {
        switch key { case .file: "file"; case .name: "name"; case .students: "students"; case .met: "met"; case .indicator(let i): "i\(i)" }
    }

    func apply(_ rows: [SchoolEvaluation]) -> [SchoolEvaluation] {
        let sorted: [SchoolEvaluation]
        switch key {
        case .file: sorted = rows
        case .name: sorted = rows.sorted { $0.school.schoolName < $1.school.schoolName }
        case .students: sorted = rows.sorted { $0.school.students < $1.school.students }
        case .met: sorted = rows.sorted { $0.met < $1.met }
        case .indicator(let i):
            // Schools with no value sort first, like the lowest values.
            func value(_ s: SchoolEvaluation) -> Double {
                guard let v = s.values[safe: i], let v else { return -.infinity }
                return v
            }
            sorted = rows.sorted { value($0) < value($1) }
        }
        return descending ? sorted.reversed() : sorted
    }
}

/// A school's standing on one indicator, as the matrix colours it.
enum Compliance: String {
    case met, floor, below, none

    init(_ s: SchoolEvaluation, indicator i: Int) {
        if s.values[safe: i] == nil || s.values[i] == nil { self = .none }
        else if s.belowFloor.contains(i) { self = .below }
        else if s.unmet.contains(i) { self = .floor }
        else { self = .met }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
