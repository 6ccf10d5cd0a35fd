import EquityKit
import Foundation
import SafeNumbers
import Survey
import Vapor

/// The sample frame from a county's latest statistics: each school's 城/镇/乡, its pupils spread evenly over the
/// grades of its sections (the statistics file counts pupils per section, not per grade), and its 专任教师.
enum SurveyFrame {
    static func frame(_ records: [StatisticsRecord], population: [Locale3: Int]) -> SampleFrame {
        var schools: [String: SampleFrame.School] = [:]
        for r in records {
            guard let place = Locale3(rawValue: r.location.rawValue) else { continue }
            var s = schools[r.schoolCode] ?? SampleFrame.School(code: r.schoolCode, location: place, enrolment: [:], teachers: 0)
            let (primary, junior): (Int, Int) = switch r.section {
            case .single(.primary): (r.students, 0)
            case .single(.junior): (0, r.students)
            case .combined: (r.sectionStudents?.primary ?? 0, r.sectionStudents?.junior ?? 0)
            }
            for (grade, n) in zip(1...6, apportion(max(0, primary), weights: Array(repeating: 1, count: 6))) {
                s.enrolment[grade] = Checked.add(s.enrolment[grade] ?? 0, n)
            }
            for (grade, n) in zip(7...9, apportion(max(0, junior), weights: Array(repeating: 1, count: 3))) {
                s.enrolment[grade] = Checked.add(s.enrolment[grade] ?? 0, n)
            }
            s.teachers = Checked.add(s.teachers, Checked.int(rounding: r.quantities[.teachers] ?? 0))
            schools[r.schoolCode] = s
        }
        return SampleFrame(residentPopulation: population, schools: schools.values.sorted { $0.code < $1.code })
    }

    /// Where each school is (城/镇/乡), from the county's latest statistics.
    static func locations(_ req: Request, county: Region) async throws -> [String: Locale3] {
        var out: [String: Locale3] = [:]
        for r in try await records(req, county: county) { out[r.schoolCode] = Locale3(rawValue: r.location.rawValue) }
        return out
    }

    /// The county's latest statistics records; empty when none were uploaded.
    static func records(_ req: Request, county: Region) async throws -> [StatisticsRecord] {
        let latest = try await req.latestSnapshots(of: county)
        guard let year = latest.keys.max(), let snap = latest[year] else { return [] }
        return try await req.application.evaluations.evaluation(of: snap, standard: BuiltInStandards.youzhi2017, on: req).records
    }
}
