import EquityKit

/// Generates a realistic synthetic county: urban, town and rural schools, small rural schools, 教学点,
/// 九年一贯制 with and without 合计 rows, a 完全中学, a special-education school, and plausible gaps
/// (rural schools short of backbone and PE/art teachers, crowded urban schools short of space).
public enum DemoCounty {
    /// The county's name for a county number.
    public static func name(county: Int) -> String { DemoNames.counties[(county - 1 + DemoNames.counties.count * 1000) % DemoNames.counties.count] }

    /// The 6-digit region code of a county number (浙江 33, city 01).
    public static func regionCode(county: Int) -> String {
        "3301" + padded(county % 100, 2)
    }

    /// Records for `schools` schools (a multi-section school counts once, with one or two rows).
    public static func records(county: Int, schools: Int, seed: UInt64) -> [StatisticsRecord] {
        generate(county: county, seed: seed, plannedSchools: schools) { school, _ in school < schools }
    }

    /// Records for the fewest schools that make at least `sections` school sections (小学 and 初中 parts).
    public static func records(county: Int, sections: Int, seed: UInt64) -> [StatisticsRecord] {
        generate(county: county, seed: seed, plannedSchools: sections) { _, made in made < sections }
    }

    /// Compulsory sections a record stands for once split.
    static func sectionCount(_ r: StatisticsRecord) -> Int {
        guard r.section == .combined, let s = r.sectionStudents else { return 1 }
        return (s.primary > 0 ? 1 : 0) + (s.junior > 0 ? 1 : 0)
    }

    /// Generates schools while `more(schoolsMade, sectionsMade)` holds.
    static func generate(county: Int, seed: UInt64, plannedSchools: Int,
                         while more: (Int, Int) -> Bool) -> [StatisticsRecord] {
        let schools = plannedSchools
        var rng = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: county) &* 0x2545_F491_4F6C_DD1D))
        let countyName = name(county: county)
        let shortName = String(countyName.dropLast())
        var records: [StatisticsRecord] = []
        records.reserveCapacity(schools + schools / 8)
        var regular: [String] = []
        var counters: [String: Int] = [:]
        var n = 0, sections = 0
        while more(n, sections) {
            defer { n += 1 }
            // 33 + county (2 digits) + sequence (6 digits): 10 digits like a national school code.
            let code = "33" + padded(county % 100, 2) + padded(n + 1, 6)
            let kind = kind(index: n, of: schools, rng: &rng)
            let location: Location = kind == .teachingPoint ? .rural : rng.pick([.urban, .urban, .town, .town, .town, .rural, .rural, .rural])
            let town = location == .urban ? "城关" : rng.pick(DemoNames.ruralTowns)
            let village = rng.pick(DemoNames.villages)
            let schoolName = nameFor(kind, location: location, county: shortName, town: town, village: village, counters: &counters)
            let parent = kind == .teachingPoint && !regular.isEmpty ? rng.pick(regular) : nil
            let rows = DemoSchool(code: code, name: schoolName, type: kind, location: location, parent: parent)
                .records(rng: &rng, combinedRow: rng.chance(0.5))
            if kind != .teachingPoint && kind != .specialEducation { regular.append(code) }
            sections += rows.reduce(0) { $0 + sectionCount($1) }
            records += rows
        }
        return records
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func kind(index n: Int, of total: Int, rng: inout SeededGenerator) -> SchoolType {
        if n == 3 && total >= 20 { return .specialEducation }
        if n % 50 == 7 && total >= 30 { return .completeSecondary }
        let r = rng.uniform(0...1)
        switch r {
        case ..<0.09: return .teachingPoint
        case ..<0.60: return .primary
        case ..<0.84: return .junior
        default: return .nineYear
        }
    }

    static func nameFor(_ kind: SchoolType, location: Location, county: String, town: String, village: String,
                        counters: inout [String: Int]) -> String {
        func next(_ key: String) -> Int { counters[key, default: 0] += 1; return counters[key]! }
        switch (kind, location) {
        case (.teachingPoint, _): return "\(town)镇\(village)教学点"
        case (.specialEducation, _): return "\(county)特殊教育学校"
        case (.completeSecondary, _): return "\(county)第\(DemoNames.ordinal(next("完中")))中学"
        case (.primary, .urban): return "\(county)实验小学\(next("城小") == 1 ? "" : "第\(DemoNames.ordinal(counters["城小"]!))分校")"
        case (.junior, .urban): return "\(county)第\(DemoNames.ordinal(next("城中")))初级中学"
        case (.nineYear, .urban): return "\(county)外国语学校\(next("城九") == 1 ? "" : "（\(counters["城九"]!)）")"
        case (.primary, .town): return "\(town)镇中心小学\(next(town + "小") == 1 ? "" : "（\(counters[town + "小"]!)）")"
        case (.junior, .town): return "\(town)镇中学\(next(town + "中") == 1 ? "" : "（\(counters[town + "中"]!)）")"
        case (.nineYear, .town): return "\(town)镇九年一贯制学校"
        case (.primary, _): return "\(town)镇\(village)小学"
        case (.junior, _): return "\(town)镇\(village)初级中学"
        default: return "\(town)镇\(village)学校"
        }
    }
}
