/// The forecast of one county: pupils per unit, section, year and grade in each scenario, and the coefficients used.
public struct SeatsForecast: Sendable {
    /// The first forecast year (the school year beginning in the autumn of the as-of year) and how many years.
    public var firstYear: Int
    public var years: Int
    /// Entry ratio per unit and section (fitted on its catchment school's history, else the preset).
    public var entryRatio: [String: [SeatSection: Coefficient]]
    /// Progression ratio per school and grade step (key: the grade moved from).
    public var progression: [String: [Int: Coefficient]]
    /// The scenario coefficients that were applied.
    public var coefficients: ForecastCoefficients
    /// pupils[scenario][unit][section] = per year offset, per grade index (grade − entry grade): expected pupils.
    var pupils: [Scenario: [String: [SeatSection: [[Double]]]]]
    /// Pupils from new housing per unit, section, year offset (already included in `pupils`), base scenario.
    var housingPupils: [String: [SeatSection: [Double]]]

    public var yearRange: ClosedRange<Int> { firstYear...(firstYear + years - 1) }

    /// Expected pupils of a unit in one grade of a year (0 outside the forecast).
    public func pupils(unit: String, section: SeatSection, year: Int, grade: Int, scenario: Scenario = .base) -> Double {
        let y = year - firstYear, g = grade - section.entryGrade
        guard y >= 0, y < years, section.grades.contains(grade),
              let rows = pupils[scenario]?[unit]?[section], y < rows.count, g < rows[y].count else { return 0 }
        return rows[y][g]
    }

    /// Expected pupils of a unit over all grades of a section.
    public func pupils(unit: String, section: SeatSection, year: Int, scenario: Scenario = .base) -> Double {
        section.grades.reduce(0) { $0 + pupils(unit: unit, section: section, year: year, grade: $1, scenario: scenario) }
    }

    /// Base-scenario pupils from new housing (all grades) in a unit and year.
    public func housingPupils(unit: String, section: SeatSection, year: Int) -> Double {
        let y = year - firstYear
        guard let row = housingPupils[unit]?[section], y >= 0, y < row.count else { return 0 }
        return row[y]
    }

    /// Demand at a school in a year and grade under an assignment of units to schools (default: the catchments of record).
    public func demand(school: SeatSchool, year: Int, grade: Int, scenario: Scenario = .base,
                       units: [PlanningUnit], assignment: [String: String]? = nil) -> Double {
        units.reduce(0) { sum, u in
            let s = assignment?[u.code] ?? u.school[school.section]
            return s == school.code ? sum + pupils(unit: u.code, section: school.section, year: year, grade: grade, scenario: scenario) : sum
        }
    }
}

/// Cohort-flow forecasting (cohort component method) of 学位 demand.
///
/// For unit u, section σ, year Y and grade g (k = g − entry grade, b = Y − g − 5 the birth year):
///   cohort = children(u, b) × entry(u, σ) × (1 + migration)^(Y − first) × Π progression over the grade steps after the first year
/// where children born after the last birth year on record are the mean of the last three years × trend^(years beyond);
///   housing = Σ dwellings × yield(type, σ) × yield scale × occupancy(Y − delivery) ÷ grades of σ   (added to every grade).
public enum SeatsForecaster {
    public static func forecast(_ county: SeatsCounty, years: Int, coefficients c: ForecastCoefficients) -> SeatsForecast {
        let first = county.asOfYear, years = max(1, min(years, 30))
        var children: [String: [Int: Double]] = [:]
        for k in county.children { children[k.unit, default: [:]][k.birthYear, default: 0] += Double(k.count) }
        let lastBirth = county.children.map(\.birthYear).max() ?? first
        let entry = fitEntryRatios(county, children: children, coefficients: c)
        let progression = fitProgression(county, coefficients: c)
        var housing: [String: [SeatSection: [Double]]] = [:]
        let housingOf = Dictionary(grouping: county.housing, by: \.unit)
        var pupils: [Scenario: [String: [SeatSection: [[Double]]]]] = [:]

        for scenario in Scenario.allCases {
            let m = c.migration[scenario].value, trend = c.birthTrend[scenario].value, scale = c.yieldScale[scenario].value
            var byUnit: [String: [SeatSection: [[Double]]]] = [:]
            for u in county.units {
                let counts = children[u.code] ?? [:]
                let recent = (0..<3).map { counts[lastBirth - $0] ?? 0 }
                let recentMean = recent.reduce(0, +) / 3
                func born(_ b: Int) -> Double {
                    b <= lastBirth ? (counts[b] ?? 0) : recentMean * pow(trend, b - lastBirth)
                }
                for section in SeatSection.allCases {
                    let ratio = entry[u.code]?[section]?.value ?? c.entryRatio[section].value
                    let school = u.school[section]
                    var rows: [[Double]] = []
                    var housingRow: [Double] = []
                    for y in 0..<years {
                        let year = first + y
                        var h = 0.0
                        for p in housingOf[u.code] ?? [] {
                            let yield = c.yield[p.type]?[section].value ?? 0
                            h += Double(p.dwellings) * yield * scale * c.occupancy(yearsAfterDelivery: year - p.deliveryYear)
                        }
                        housingRow.append(h)
                        let perGrade = h / Double(section.grades.count)
                        var row: [Double] = []
                        for grade in section.grades {
                            let k = grade - section.entryGrade
                            var v = born(year - grade - 5) * ratio * pow(1 + m, y)
                            // Grade steps inside the forecast: into grade g − j in year Y − j for j < min(k, y).
                            for j in 0..<min(k, y) {
                                let from = grade - j - 1
                                v *= school.flatMap { progression[$0]?[from]?.value } ?? c.progression.value
                            }
                            row.append(v + perGrade)
                        }
                        rows.append(row)
                    }
                    byUnit[u.code, default: [:]][section] = rows
                    if scenario == .base { housing[u.code, default: [:]][section] = housingRow }
                }
            }
            pupils[scenario] = byUnit
        }
        return SeatsForecast(firstYear: first, years: years, entryRatio: entry, progression: progression, coefficients: c,
                             pupils: pupils, housingPupils: housing)
    }

    /// Entry ratio per unit: its catchment school's Σ entry-grade enrolment ÷ Σ children of the catchment born `entryAge`
    /// years before, over the history years; clamped to the preset bounds; the preset where there is no history.
    static func fitEntryRatios(_ county: SeatsCounty, children: [String: [Int: Double]],
                               coefficients c: ForecastCoefficients) -> [String: [SeatSection: Coefficient]] {
        let lo = c.entryRatioBounds.first ?? 0, hi = c.entryRatioBounds.count > 1 ? c.entryRatioBounds[1] : 10
        var bySchool: [String: Coefficient] = [:]
        for s in county.schools {
            let history = county.enrolment.filter { $0.school == s.code && $0.grade == s.section.entryGrade && $0.year <= county.asOfYear }
            let catchment = county.units.filter { $0.school[s.section] == s.code }
            var enrolled = 0.0, born = 0.0, used: [Int] = []
            for h in history {
                let b = catchment.reduce(0.0) { $0 + (children[$1.code]?[h.year - s.section.entryAge] ?? 0) }
                guard b > 0 else { continue }
                enrolled += Double(h.pupils)
                born += b
                used.append(h.year)
            }
            guard born > 0, let from = used.min(), let to = used.max() else { continue }
            let value = min(hi, max(lo, enrolled / born))
            bySchool[s.code] = Coefficient(value: value,
                                           source: "fitted: grade-\(s.section.entryGrade) enrolment of \(s.code) ÷ children of its catchment born \(s.section.entryAge) years earlier, \(from)–\(to)",
                                           date: "\(county.asOfYear)")
        }
        var out: [String: [SeatSection: Coefficient]] = [:]
        for u in county.units {
            for section in SeatSection.allCases {
                out[u.code, default: [:]][section] = u.school[section].flatMap { bySchool[$0] } ?? c.entryRatio[section]
            }
        }
        return out
    }

    /// Progression ratio per school and grade step: Σ pupils of grade g+1 in year t+1 ÷ Σ pupils of grade g in year t.
    static func fitProgression(_ county: SeatsCounty, coefficients c: ForecastCoefficients) -> [String: [Int: Coefficient]] {
        let lo = c.progressionBounds.first ?? 0, hi = c.progressionBounds.count > 1 ? c.progressionBounds[1] : 10
        var table: [String: [Int: [Int: Int]]] = [:]
        for e in county.enrolment { table[e.school, default: [:]][e.grade, default: [:]][e.year] = e.pupils }
        var out: [String: [Int: Coefficient]] = [:]
        for s in county.schools {
            guard let grades = table[s.code] else { continue }
            for g in s.section.grades where g < s.section.grades.upperBound {
                var num = 0.0, den = 0.0, used: [Int] = []
                for (year, n) in grades[g] ?? [:] {
                    guard let next = grades[g + 1]?[year + 1], n > 0 else { continue }
                    num += Double(next)
                    den += Double(n)
                    used.append(year)
                }
                guard den > 0, let from = used.min(), let to = used.max() else { continue }
                out[s.code, default: [:]][g] = Coefficient(value: min(hi, max(lo, num / den)),
                                                           source: "fitted: grade \(g)→\(g + 1) of \(s.code), \(from)–\(to + 1)",
                                                           date: "\(county.asOfYear)")
            }
        }
        return out
    }
}

func pow(_ x: Double, _ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<abs(n) { r *= x }
    return n >= 0 ? r : (r == 0 ? 0 : 1 / r)
}
