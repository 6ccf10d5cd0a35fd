import EquityKit
import Seats

/// The 资源配置 差异系数 recomputed with a plan's enrolments: every statistics row of a seats school (same school
/// code, same section) gets the plan-year pupils as its 在校生数, resources unchanged, and the county is re-evaluated.
/// A 合计 row takes the plan's pupils for the section its code has in the seats file; unmatched rows keep theirs.
public enum SeatsCV {
    public static func rows(records: [StatisticsRecord], standard: Standard, schools: [SeatSchool],
                            enrolment: [String: Double]) -> [SeatsPlanReport.CVRow] {
        let sectionOf = Dictionary(schools.map { ($0.code, $0.section) }, uniquingKeysWith: { a, _ in a })
        func pupils(_ code: String) -> Int? { enrolment[code].map { Int(max(0, min($0, 1e7)).rounded()) } }
        let changed = records.map { r -> StatisticsRecord in
            var r = r
            guard let seats = sectionOf[r.schoolCode], let n = pupils(r.schoolCode) else { return r }
            switch r.section {
            case .single(let s) where (s == .primary) == (seats == .primary):
                r.students = n
            case .combined:
                var split = r.sectionStudents ?? SectionStudents(primary: 0, junior: 0)
                if seats == .primary { split.primary = n } else { split.junior = n }
                r.sectionStudents = split
                r.students = split.primary + split.junior
            default: break
            }
            return r
        }
        guard let evaluation = try? Evaluator.evaluate(changed, standard: standard, options: EvaluationOptions(driversPerIndicator: 0, equityStatistics: false)) else {
            return []
        }
        return evaluation.sections.flatMap { s in
            s.indicators.map { i in
                SeatsPlanReport.CVRow(section: s.section.english, indicator: i.definition.key, cv: i.cv.value, limit: i.cvLimit)
            }
        }
    }
}
