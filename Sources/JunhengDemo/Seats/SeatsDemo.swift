import Foundation
import Seats

/// A seeded synthetic county for the seats capability: a town and villages, births falling since 2017, a new estate
/// (新城花园, delivered next year, sized to add 20% to its school's intake) beside a town school and a shrinking village (落霞村).
public enum SeatsDemo {
    /// The new estate's unit code and the shrinking village's.
    public static let estateUnit = "U0001", villageUnit = "U0002"

    /// `units` planning units, `schools` primary schools and a quarter as many junior schools; as of `asOfYear`.
    public static func county(units: Int = 120, schools: Int = 12, asOfYear: Int = 2026, seed: UInt64 = 2026) -> SeatsCounty {
        var rng = SeededGenerator(seed: seed)
        let n = max(4, units), primaries = max(2, min(schools, n / 2)), juniors = max(1, primaries / 4)
        let centre = GeoPoint(lon: 119.65, lat: 29.08)
        // Town units within ~3 km of the centre, villages across a ~24 km square; spread grows with the county.
        let spread = 0.12 * max(1, (Double(n) / 400).squareRoot())
        var points: [GeoPoint] = [], isTown: [Bool] = []
        let townRadius = 0.03 * max(1, (Double(n) / 400).squareRoot())
        for i in 0..<n {
            let town = i == 0 || (i != 1 && rng.chance(0.4))
            isTown.append(town)
            let r = town ? townRadius : spread
            points.append(GeoPoint(lon: centre.lon + rng.uniform(-r...r), lat: centre.lat + rng.uniform(-r...r) * 0.9))
        }
        // The shrinking village sits far out.
        points[1] = GeoPoint(lon: centre.lon + spread * 0.95, lat: centre.lat - spread * 0.85)
        var seatSchools: [SeatSchool] = []
        var used = Set<Int>()
        // School sites follow the children: 60% of schools at town units (which hold about 60% of the children).
        func site(_ k: Int) -> Int {
            let wantTown = rng.chance(0.6)
            var i = k == 0 ? 2 : rng.int(2...(n - 1)), tries = 0
            while (used.contains(i) || (isTown[i] != wantTown && tries < 50)) && used.count < n - 2 { i = rng.int(2...(n - 1)); tries += 1 }
            used.insert(i)
            return i
        }
        // P001 is the town school nearest the estate: placed beside it.
        for k in 0..<primaries {
            let p = k == 0 ? GeoPoint(lon: points[0].lon + 0.004, lat: points[0].lat) : points[site(k)]
            seatSchools.append(SeatSchool(code: String(format: "P%03d", k + 1), section: .primary, point: p, approvedClasses: 1, classLimit: 45))
        }
        for k in 0..<juniors {
            seatSchools.append(SeatSchool(code: String(format: "J%03d", k + 1), section: .junior, point: points[site(k + 1)],
                                          approvedClasses: 1, classLimit: 50))
        }
        var planning: [PlanningUnit] = []
        for (i, p) in points.enumerated() {
            var record: [SeatSection: String] = [:]
            for section in SeatSection.allCases {
                record[section] = seatSchools.filter { $0.section == section }.min { Geo.metres(p, $0.point) < Geo.metres(p, $1.point) }?.code
            }
            if i == 0 { record[.primary] = "P001" }
            let town = isTown[i]
            let name = i == 0 ? "新城花园" : (i == 1 ? "落霞村" : (town ? "城区\(i)号小区" : "第\(i)村"))
            planning.append(PlanningUnit(code: String(format: "U%04d", i + 1), name: name, point: p, school: record))
        }
        repairContiguity(&planning, schools: seatSchools)
        // Births per unit: a town unit has more; all fall about 3% a year after 2017; the village falls 20% a year.
        var children: [ChildCohort] = []
        for (i, u) in planning.enumerated() {
            let town = u.name.hasPrefix("城区") || i == 0
            let base = i == 0 ? 2.0 : rng.uniform(town ? 6...14 : 2...6)
            for year in (asOfYear - 15)...(asOfYear - 1) {
                let fall = i == 1 ? 0.8 : 0.97
                let factor = year <= 2017 ? 1.0 : pow(fall, Double(year - 2017))
                let count = Int((base * factor * rng.uniform(0.85...1.15)).rounded())
                children.append(ChildCohort(unit: u.code, birthYear: year, count: max(0, count)))
            }
        }
        var county = SeatsCounty(asOfYear: asOfYear, units: planning, children: children, housing: [], schools: seatSchools)
        // In-school records of the last three years: 96% of registered children enter, 99% go up a grade.
        var enrolment: [EnrolmentRecord] = []
        var born: [String: [Int: Int]] = [:]
        for c in children { born[c.unit, default: [:]][c.birthYear] = c.count }
        for s in seatSchools {
            let catchment = planning.filter { $0.school[s.section] == s.code }
            for year in (asOfYear - 3)...(asOfYear - 1) {
                for g in s.section.grades {
                    let b = catchment.reduce(0) { $0 + (born[$1.code]?[year - g - 5] ?? 0) }
                    let k = Double(g - s.section.entryGrade)
                    enrolment.append(EnrolmentRecord(school: s.code, year: year, grade: g, pupils: Int((Double(b) * 0.96 * pow(0.99, k)).rounded())))
                }
            }
        }
        county.enrolment = enrolment
        // Approved classes: the largest grade of the next three years at 88% of the limit, so today's map fits.
        // The estate is sized so that its pupils add 20% to P001's entry grade two years after delivery's start
        // (商品房 yield 0.12 a dwelling over six grades, 60% occupied then): P001 turns red in two years.
        var intake = 90
        if let settings = try? SeatsPresets.load() {
            let f = SeatsForecaster.forecast(county, years: 3, coefficients: settings.coefficients)
            for (k, s) in county.schools.enumerated() {
                var largest = 0.0
                for year in asOfYear...(asOfYear + 2) {
                    for g in s.section.grades { largest = max(largest, f.demand(school: s, year: year, grade: g, units: county.units)) }
                }
                county.schools[k].approvedClasses = max(1, Int((largest / (Double(s.classLimit) * 0.88)).rounded(.up)))
                guard s.code == "P001" else { continue }
                // P001: the entry grade two years on at 84% of the intake (classes of up to 45).
                let entry = f.demand(school: s, year: asOfYear + 2, grade: 1, units: county.units)
                let classes = max(1, Int((entry / (45 * 0.84)).rounded(.up)))
                county.schools[k].approvedClasses = classes
                county.schools[k].classLimit = min(45, max(20, Int((entry / (Double(classes) * 0.84)).rounded(.up))))
                intake = county.schools[k].approvedIntake
            }
        }
        let dwellings = max(100, Int((0.2 * Double(intake) * 6 / (0.12 * 0.6) / 100).rounded(.up)) * 100)
        county.housing = [
            HousingProject(unit: estateUnit, dwellings: dwellings, deliveryYear: asOfYear + 1, type: "商品房"),
            HousingProject(unit: planning[min(3, n - 1)].code, dwellings: 120, deliveryYear: asOfYear + 2, type: "安置房"),
        ]
        return county
    }

    /// Makes the catchments of record obey the nearer-neighbour rule the plans keep: a unit with no neighbour nearer
    /// its school in that school moves to the nearest school where it has one (nearest-school maps break it now and then).
    static func repairContiguity(_ units: inout [PlanningUnit], schools: [SeatSchool]) {
        let probe = SeatsCounty(asOfYear: 2000, units: units, children: [], schools: schools)
        let neighbours = UnitNeighbours(county: probe), d = DistanceTable(county: probe)
        let index = Dictionary(units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        for section in SeatSection.allCases {
            let list = schools.filter { $0.section == section }
            let anchor = Dictionary(list.map { s in (s.code, units.min { d($0.code, s.code) < d($1.code, s.code) }?.code ?? "") },
                                    uniquingKeysWith: { a, _ in a })
            func fits(_ u: PlanningUnit, _ s: String) -> Bool {
                anchor[s] == u.code || (neighbours.of[u.code] ?? []).contains { v in
                    guard let k = index[v] else { return false }
                    return units[k].school[section] == s && d(v, s) < d(u.code, s)
                }
            }
            for _ in 0..<50 {
                var changed = false
                for k in units.indices {
                    guard let s = units[k].school[section], !fits(units[k], s) else { continue }
                    if let t = list.filter({ fits(units[k], $0.code) }).min(by: { d(units[k].code, $0.code) < d(units[k].code, $1.code) }) {
                        units[k].school[section] = t.code
                        changed = true
                    }
                }
                if !changed { break }
            }
        }
    }
}
