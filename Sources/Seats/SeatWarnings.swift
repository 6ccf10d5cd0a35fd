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
        var out: [SeatWarning] = []
        for s in county.schools.sorted(by: { ($0.section, $0.code) < ($1.section, $1.code) }) {
            for year in forecast.yearRange {
                var demand: [Scenario: Double] = [:]
                for scenario in Scenario.allCases {
                    demand[scenario] = forecast.demand(school: s, year: year, grade: s.section.entryGrade, scenario: scenario,
                                                       units: county.units, assignment: assignment)
                }
                let all = s.section.grades.reduce(0.0) {
                    $0 + forecast.demand(school: s, year: year, grade: $1, units: county.units, assignment: assignment)
                }
                out.append(SeatWarning(school: s.code, section: s.section, year: year, intake: s.approvedIntake, demand: demand,
                                       enrolment: all, capacity: s.capacity))
            }
        }
        return out
    }
}
