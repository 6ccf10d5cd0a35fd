/// 学位预警 band of one school in one year.
public enum WarningBand: String, Sendable, Codable, CaseIterable {
    /// demand ≥ 100% of the approved intake.
    case red
    /// 90% ≤ demand < 100%.
    case yellow
    /// 60% ≤ demand < 90%.
    case green
    /// demand < 60%: seats standing empty as cohorts shrink.
    case surplus

    public var zh: String {
        switch self {
        case .red: "红色预警"
        case .yellow: "黄色预警"
        case .green: "绿色"
        case .surplus: "学位富余"
        }
    }

    /// The band of `ratio` (demand ÷ approved intake).
    public init(ratio: Double, bands: WarningBands) {
        if ratio >= bands.red { self = .red }
        else if ratio >= bands.yellow { self = .yellow }
        else if ratio < bands.surplus { self = .surplus }
        else { self = .green }
    }
}

/// One school's entry-grade demand against its approved intake in one year, in the three scenarios.
public struct SeatWarning: Sendable, Equatable {
    public var school: String
    public var section: SeatSection
    public var year: Int
    public var intake: Int
    /// Entry-grade demand (grade 1 or 7) per scenario.
    public var demand: [Scenario: Double]
    /// All grades of the section, base scenario, against the school's seats.
    public var enrolment: Double
    public var capacity: Int

    /// Base demand ÷ intake (∞ when the intake is 0 and there is demand).
    public func ratio(_ scenario: Scenario = .base) -> Double {
        let d = demand[scenario] ?? 0
        return intake > 0 ? d / Double(intake) : (d > 0 ? .infinity : 0)
    }

    public func band(_ bands: WarningBands, scenario: Scenario = .base) -> WarningBand { WarningBand(ratio: ratio(scenario), bands: bands) }
}

/// Builds the 学位预警 table: every school, every forecast year.
public enum SeatWarnings {
    public static func table(_ forecast: SeatsForecast, county: SeatsCounty, assignment: [String: String]? = nil) -> [SeatWarning] {
        // One pass over the units: demand[school][scenario][year offset][grade index].
        var demand: [String: [Scenario: [[Double]]]] = [:]
        let sectionOf = Dictionary(county.schools.map { ($0.code, $0.section) }, uniquingKeysWith: { a, _ in a })
        for u in county.units {
            for section in SeatSection.allCases {
                guard let s = assignment?[u.code] ?? u.school[section], sectionOf[s] == section else { continue }
                for scenario in Scenario.allCases {
                    var rows = demand[s]?[scenario] ?? Array(repeating: Array(repeating: 0, count: section.grades.count), count: forecast.years)
                    for (y, year) in forecast.yearRange.enumerated() {
                        for (g, grade) in section.grades.enumerated() {
                            rows[y][g] += forecast.pupils(unit: u.code, section: section, year: year, grade: grade, scenario: scenario)
                        }
                    }
                    demand[s, default: [:]][scenario] = rows
                }
            }
        }
        var out: [SeatWarning] = []
        for s in county.schools.sorted(by: { ($0.section, $0.code) < ($1.section, $1.code) }) {
            for (y, year) in forecast.yearRange.enumerated() {
                var entry: [Scenario: Double] = [:]
                for scenario in Scenario.allCases { entry[scenario] = demand[s.code]?[scenario]?[y].first ?? 0 }
                let all = demand[s.code]?[.base]?[y].reduce(0, +) ?? 0
                out.append(SeatWarning(school: s.code, section: s.section, year: year, intake: s.approvedIntake, demand: entry,
                                       enrolment: all, capacity: s.capacity))
            }
        }
        return out
    }
}
