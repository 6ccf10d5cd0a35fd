import Testing
import Seats

@Suite("Small counts are pooled or suppressed before any map or table shows them")
struct SmallCountsTests {
    @Test("pools per catchment, worked by hand")
    func byHand() {
        let counts = ["A": 2, "B": 7, "C": 3, "D": 1, "E": 12, "F": 4, "G": 0, "H": 9, "I": 2, "J": 6]
        let school = ["A": "P1", "B": "P1", "C": "P1", "D": "P2", "E": "P2", "F": "P3", "G": "P3"]
        // P1: A+C = 5 is shown pooled; P2: D alone is 1, so it takes E (the smallest shown unit) → 13;
        // P3: F = 4 has only G (0 children) beside it → suppressed; no school: I = 2 takes J (6 < H's 9) → 8.
        #expect(SmallCounts.cells(counts: counts, school: school) == [
            .init(units: ["A", "C"], school: "P1", count: 5),
            .init(units: ["B"], school: "P1", count: 7),
            .init(units: ["D", "E"], school: "P2", count: 13),
            .init(units: ["F"], school: "P3", count: nil),
            .init(units: ["G"], school: "P3", count: 0),
            .init(units: ["H"], school: nil, count: 9),
            .init(units: ["I", "J"], school: nil, count: 8),
        ])
    }

    @Test("no shown count is 1–4 and every unit is drawn once, on random counties")
    func invariants() {
        var seed: UInt64 = 0x5EA7
        func next(_ n: Int) -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % UInt64(n)) }
        for _ in 0..<200 {
            var counts: [String: Int] = [:], school: [String: String] = [:]
            for u in 0..<(1 + next(30)) {
                counts["U\(u)"] = next(3) == 0 ? next(5) : next(40)
                if next(5) > 0 { school["U\(u)"] = "S\(next(4))" }
            }
            let cells = SmallCounts.cells(counts: counts, school: school)
            #expect(cells.allSatisfy { $0.count.map { $0 == 0 || $0 >= SmallCounts.threshold } ?? true })
            #expect(cells.flatMap(\.units).sorted() == counts.keys.sorted())
            #expect(cells.allSatisfy { c in c.units.allSatisfy { school[$0] == c.school } })
            for c in cells where c.count != nil { #expect(c.count == c.units.reduce(0) { $0 + (counts[$1] ?? 0) }) }
            // A unit with 1–4 children is never the only unit of a shown cell.
            #expect(cells.allSatisfy { c in c.count == nil || c.units.count > 1 || !(1..<5).contains(counts[c.units[0]] ?? 0) })
        }
    }
}
