/// Small-count protection for maps and tables: no unit with 1–4 children is shown on its own (seats.md: never show
/// a child's address; aggregate units with fewer than 5 children).
public enum SmallCounts {
    /// The smallest count shown for one area.
    public static let threshold = 5

    /// One area as displayed: a unit alone, or several units of one catchment pooled, or a suppressed pool.
    public struct Cell: Sendable, Equatable {
        /// The units drawn as this area (one, or the pooled units in code order).
        public var units: [String]
        /// The catchment school the pool belongs to (nil: units without a school of record).
        public var school: String?
        /// The count shown (nil: suppressed, printed as "<5").
        public var count: Int?
        public init(units: [String], school: String?, count: Int?) { (self.units, self.school, self.count) = (units, school, count) }
    }

    /// Pools per catchment school: every unit with 1–4 children joins its school's pool; a pool under the threshold
    /// also takes the smallest shown unit of the same school, and a pool still under it is suppressed. Units with 0
    /// or at least `threshold` children are shown alone. Cells come in unit-code order of their first unit.
    public static func cells(counts: [String: Int], school: [String: String]) -> [Cell] {
        var alone: [String: [String]] = [:], small: [String: [String]] = [:]
        let none = "\u{0}"
        for (unit, n) in counts {
            let key = school[unit] ?? none
            if n >= 1 && n < threshold { small[key, default: []].append(unit) } else { alone[key, default: []].append(unit) }
        }
        var out: [Cell] = []
        for key in Set(alone.keys).union(small.keys) {
            var shown = (alone[key] ?? []).sorted()
            let s = key == none ? nil : key
            if var pool = small[key]?.sorted() {
                var total = pool.reduce(0) { $0 + (counts[$1] ?? 0) }
                if total < threshold, let smallest = shown.filter({ (counts[$0] ?? 0) > 0 })
                    .min(by: { ((counts[$0] ?? 0), $0) < ((counts[$1] ?? 0), $1) }) {
                    shown.removeAll { $0 == smallest }
                    pool = (pool + [smallest]).sorted()
                    total += counts[smallest] ?? 0
                }
                out.append(Cell(units: pool, school: s, count: total >= threshold ? total : nil))
            }
            out += shown.map { Cell(units: [$0], school: s, count: counts[$0] ?? 0) }
        }
        return out.sorted { ($0.units.first ?? "") < ($1.units.first ?? "") }
    }
}
