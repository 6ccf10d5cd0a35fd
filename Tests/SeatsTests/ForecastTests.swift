import Testing
import Foundation
@testable import Seats

/// A tiny county worked by hand: units A and B in the catchment of primary school P (1 class of 20 a grade).
enum TinyCounty {
    static func county(enrolment: [EnrolmentRecord] = history) -> SeatsCounty {
        SeatsCounty(
            asOfYear: 2026,
            units: [
                PlanningUnit(code: "A", name: "甲小区", point: GeoPoint(lon: 120.00, lat: 30.00), school: [.primary: "P", .junior: "J"]),
                PlanningUnit(code: "B", name: "乙村", point: GeoPoint(lon: 120.01, lat: 30.00), school: [.primary: "P", .junior: "J"]),
            ],
            children: [
                ChildCohort(unit: "A", birthYear: 2018, count: 10), ChildCohort(unit: "B", birthYear: 2018, count: 10),
                ChildCohort(unit: "A", birthYear: 2019, count: 12), ChildCohort(unit: "B", birthYear: 2019, count: 8),
                ChildCohort(unit: "A", birthYear: 2020, count: 10), ChildCohort(unit: "B", birthYear: 2020, count: 5),
                ChildCohort(unit: "A", birthYear: 2021, count: 20), ChildCohort(unit: "B", birthYear: 2021, count: 3),
            ],
            housing: [HousingProject(unit: "B", dwellings: 100, deliveryYear: 2027, type: "商品房")],
            schools: [
                SeatSchool(code: "P", section: .primary, point: GeoPoint(lon: 120.005, lat: 30.0), approvedClasses: 1, classLimit: 20),
                SeatSchool(code: "J", section: .junior, point: GeoPoint(lon: 120.005, lat: 30.0), approvedClasses: 2, classLimit: 50),
            ],
            enrolment: enrolment)
    }

    /// Grade 1 of P: 18 pupils in 2024 (20 children born 2018) and 18 in 2025 (20 born 2019); grade 2 in 2025: 15.
    static let history = [
        EnrolmentRecord(school: "P", year: 2024, grade: 1, pupils: 18),
        EnrolmentRecord(school: "P", year: 2025, grade: 1, pupils: 18),
        EnrolmentRecord(school: "P", year: 2025, grade: 2, pupils: 15),
    ]
}

@Suite("学位 forecast arithmetic by hand")
struct ForecastTests {
    let settings = try! SeatsPresets.load()

    func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test("entry ratio 36/40 = 0.9 and progression 15/18 fitted on P's history, with sources")
    func fitted() {
        let f = SeatsForecaster.forecast(TinyCounty.county(), years: 3, coefficients: settings.coefficients)
        #expect(near(f.entryRatio["A"]?[.primary]?.value ?? 0, 0.9))
        #expect(f.entryRatio["A"]?[.primary]?.source.contains("2024–2025") == true)
        #expect(near(f.progression["P"]?[1]?.value ?? 0, 15.0 / 18.0))
        // J has no history: the preset, with its source.
        #expect(f.entryRatio["A"]?[.junior] == settings.coefficients.entryRatio.junior)
    }

    @Test("grade-1 demand: births six years earlier × 0.9, plus new housing × yield × occupancy ÷ 6 grades")
    func gradeOne() {
        let c = TinyCounty.county()
        let f = SeatsForecaster.forecast(c, years: 3, coefficients: settings.coefficients)
        let p = c.schools[0]
        // 2026: born 2020: (10 + 5) × 0.9; no housing yet.
        #expect(near(f.demand(school: p, year: 2026, grade: 1, units: c.units), 13.5))
        // 2027: born 2021: (20 + 3) × 0.9 = 20.7; 100 dwellings × 0.12 × 30% occupied ÷ 6 = 0.6.
        #expect(near(f.demand(school: p, year: 2027, grade: 1, units: c.units), 20.7 + 0.6))
        // 2028: born 2022 is not on record: mean of 2019–2021 × 0.97 (base trend). A (12+10+20)/3 = 14, B (8+5+3)/3.
        let born = (14.0 + 16.0 / 3) * 0.97
        #expect(near(f.demand(school: p, year: 2028, grade: 1, units: c.units), born * 0.9 + 100 * 0.12 * 0.6 / 6))
        // Grade 2 in 2027: born 2020 × 0.9 × progression 15/18, plus housing 0.6.
        #expect(near(f.demand(school: p, year: 2027, grade: 2, units: c.units), 15 * 0.9 * 15 / 18 + 0.6))
        // Low scenario 2027: migration −2% for one year, yields × 0.8.
        #expect(near(f.demand(school: p, year: 2027, grade: 1, scenario: .low, units: c.units), 20.7 * 0.98 + 0.6 * 0.8))
        #expect(near(f.demand(school: p, year: 2027, grade: 1, scenario: .high, units: c.units), 20.7 * 1.02 + 0.6 * 1.2))
    }

    @Test("grade 7 from children born twelve years earlier; none on record gives only the housing yield")
    func gradeSeven() {
        let c = TinyCounty.county()
        let f = SeatsForecaster.forecast(c, years: 3, coefficients: settings.coefficients)
        // 2030 is outside the 3-year forecast: 0. 2027 grade 7: born 2015, none: housing 100 × 0.06 × 0.3 ÷ 3.
        #expect(f.demand(school: c.schools[1], year: 2030, grade: 7, units: c.units) == 0)
        #expect(near(f.demand(school: c.schools[1], year: 2027, grade: 7, units: c.units), 100 * 0.06 * 0.3 / 3))
    }

    @Test("学位预警 bands against 1 class × 20: 13.5 green, 21.3 red, 18.1 yellow")
    func warnings() {
        let c = TinyCounty.county()
        let f = SeatsForecaster.forecast(c, years: 3, coefficients: settings.coefficients)
        let w = SeatWarnings.table(f, county: c).filter { $0.school == "P" }
        #expect(w.map(\.year) == [2026, 2027, 2028])
        #expect(w.map { $0.band(settings.bands) } == [.green, .red, .yellow])
        #expect(near(w[0].ratio(), 13.5 / 20))
        #expect(WarningBand(ratio: 0.95, bands: settings.bands) == .yellow)
        #expect(WarningBand(ratio: 0.59, bands: settings.bands) == .surplus)
        #expect(WarningBand(ratio: 0.6, bands: settings.bands) == .green)
        #expect(WarningBand(ratio: 1.0, bands: settings.bands) == .red)
    }

    @Test("an override file replaces one coefficient and keeps the rest")
    func overrides() throws {
        let s = try SeatsPresets.load(overrides: Data(#"{"coefficients": {"birth_trend": {"base": {"value": 1.0, "source": "县规划局 2026", "date": "2026-05-01"}}}, "bands": {"yellow": 0.85}}"#.utf8))
        #expect(s.coefficients.birthTrend.base.value == 1.0 && s.coefficients.birthTrend.base.source == "县规划局 2026")
        #expect(s.coefficients.birthTrend.low == settings.coefficients.birthTrend.low)
        #expect(s.bands.yellow == 0.85 && s.bands.red == 1.0)
        #expect(throws: SeatsPresetError.self) { try SeatsPresets.load(overrides: Data("[1]".utf8)) }
        #expect(throws: SeatsPresetError.self) { try SeatsPresets.load(overrides: Data(#"{"bands": {"red": "x"}}"#.utf8)) }
    }
}
