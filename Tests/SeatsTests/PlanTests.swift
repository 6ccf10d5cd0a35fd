import Foundation
import JunhengSolver
import Testing
@testable import Seats

/// Units on a 3 × 2 grid 1 km apart; two primary schools at the ends; every unit has 30 grade-1…6 pupils (5 a grade).
enum GridCounty {
    static func county(current: [String: String], classes: [String: Int] = ["W": 1, "E": 1]) -> SeatsCounty {
        var units: [PlanningUnit] = [], children: [ChildCohort] = []
        for x in 0..<3 {
            for y in 0..<2 {
                let code = "U\(x)\(y)"
                // 0.01° of longitude at 30° N ≈ 963 m; 0.009° of latitude ≈ 1,000 m.
                units.append(PlanningUnit(code: code, name: code, point: GeoPoint(lon: 120 + 0.01 * Double(x), lat: 30 + 0.009 * Double(y)),
                                          school: [.primary: current[code] ?? "W"]))
                for b in 2015...2020 { children.append(ChildCohort(unit: code, birthYear: b, count: 5)) }
            }
        }
        return SeatsCounty(asOfYear: 2026, units: units, children: children, schools: [
            SeatSchool(code: "W", section: .primary, point: GeoPoint(lon: 119.999, lat: 30.0045), approvedClasses: classes["W"] ?? 1, classLimit: 15),
            SeatSchool(code: "E", section: .primary, point: GeoPoint(lon: 120.021, lat: 30.0045), approvedClasses: classes["E"] ?? 1, classLimit: 15),
        ])
    }

    static func problem(_ county: SeatsCounty, rules: PlanRules? = nil, pinned: Set<String> = []) -> CatchmentProblem {
        let settings = try! SeatsPresets.load()
        var r = rules ?? settings.plan
        r.classSizeLimit = BySection(primary: 45, junior: 50)
        let f = SeatsForecaster.forecast(county, years: 1, coefficients: settings.coefficients)
        return CatchmentProblem(county: county, forecast: f, year: 2026, rules: r, pinned: pinned)
    }
}

@Suite("Catchment plans on CBC against exhaustive search and the independent checker")
struct PlanTests {
    /// Every assignment of the units to the section's schools, kept when the checker passes it; the least objective.
    func exhaustive(_ p: CatchmentProblem, penalty: Double, excluding: [[String: [SeatSection: String]]] = [],
                    count: UnsafeMutablePointer<Int>? = nil) -> (Double, [String: [SeatSection: String]])? {
        let units = p.county.units, schools = p.county.schools.map(\.code)
        var best: (Double, [String: [SeatSection: String]])?
        var digits = Array(repeating: 0, count: units.count)
        while true {
            var a: [String: [SeatSection: String]] = [:]
            var cost = 0.0
            for (i, u) in units.enumerated() {
                let s = schools[digits[i]]
                a[u.code] = [.primary: s]
                let pupils = p.forecast.pupils(unit: u.code, section: .primary, year: p.year)
                cost += pupils * Geo.metres(u.point, p.county.schools[digits[i]].point) / 1000
                if u.school[.primary] != s { cost += pupils * penalty }
            }
            if CatchmentCheck.violations(p, assignment: a).isEmpty, !excluding.contains(a) {
                count?.pointee += 1
                if best.map({ cost < $0.0 - 1e-9 }) ?? true { best = (cost, a) }
            }
            var k = 0
            while k < digits.count { digits[k] += 1; if digits[k] < schools.count { break }; digits[k] = 0; k += 1 }
            if k == digits.count { break }
        }
        return best
    }

    func feasibleCount(_ p: CatchmentProblem) -> Int {
        var n = 0
        _ = exhaustive(p, penalty: 0, count: &n)
        return n
    }

    @Test("W holds 90 pupils (1 class × 15 × 6 grades): the optimum equals exhaustive search for each move penalty")
    func optimumMatchesExhaustive() throws {
        let p = GridCounty.problem(GridCounty.county(current: [:]))
        // Only two assignments pass every rule (U10 or U11 joins E with U20, U21): the third plan is proven infeasible.
        let plans = CatchmentPlanner.plans(p, count: 3, timeLimit: 30)
        #expect(plans.map(\.status) == [.optimal, .optimal, .infeasible])
        let first = try #require(plans.first)
        #expect(first.status == .optimal)
        let truth = try #require(exhaustive(p, penalty: first.movePenaltyKm))
        #expect(abs((first.objective ?? 0) - truth.0) < 1e-6)
        #expect(first.gap ?? 1 < 1e-6)
        #expect(feasibleCount(p) == 2)
        for plan in plans where plan.status == .optimal {
            #expect(CatchmentCheck.violations(p, assignment: plan.assignment).isEmpty, "plan \(plan.number)")
            // 180 pupils, 90 seats each: both schools full.
            #expect(abs((plan.metrics?.fill["W"] ?? 0) - 1) < 1e-9 && abs((plan.metrics?.fill["E"] ?? 0) - 1) < 1e-9)
        }
        // The plans are distinct.
        #expect(plans[0].assignment != plans[1].assignment)
        let second = try #require(exhaustive(p, penalty: plans[1].movePenaltyKm, excluding: [plans[0].assignment]))
        #expect(abs((plans[1].objective ?? 0) - second.0) < 1e-6)
        // Moving 90 pupils (three units) from W to E is forced.
        #expect(abs((first.metrics?.movedPupils ?? 0) - 90) < 1e-9)
    }

    @Test("a pinned unit stays; an impossible fill band is reported infeasible")
    func pinsAndInfeasible() throws {
        let county = GridCounty.county(current: [:])
        // Pinning U20 at W is infeasible (U20 would need U10 or U21 beside it in W, and E needs three units).
        let stuck = GridCounty.problem(county, pinned: ["U20"])
        #expect(CatchmentPlanner.plans(stuck, count: 1, timeLimit: 30).first?.status == .infeasible)
        #expect(exhaustive(stuck, penalty: 1) == nil)
        let p = GridCounty.problem(county, pinned: ["U10"])
        let plan = try #require(CatchmentPlanner.plans(p, count: 1, timeLimit: 30).first)
        #expect(plan.assignment["U10"]?[.primary] == "W" && plan.assignment["U11"]?[.primary] == "E")
        #expect(CatchmentCheck.violations(p, assignment: plan.assignment).isEmpty)
        let truth = try #require(exhaustive(p, penalty: plan.movePenaltyKm))
        #expect(abs((plan.objective ?? 0) - truth.0) < 1e-6)
        var rules = p.rules
        rules.fillBand = [0.0, 0.9]
        let q = GridCounty.problem(county, rules: rules)
        #expect(CatchmentPlanner.plans(q, count: 1, timeLimit: 30).first?.status == .infeasible)
        #expect(exhaustive(q, penalty: 1) == nil)
    }

    @Test("the checker finds each broken rule")
    func checkerCatches() {
        let county = GridCounty.county(current: [:], classes: ["W": 2, "E": 2])
        let p = GridCounty.problem(county, pinned: ["U00"])
        var a: [String: [SeatSection: String]] = [:]
        for u in county.units { a[u.code] = [.primary: "W"] }
        #expect(CatchmentCheck.violations(p, assignment: a).isEmpty)
        // U10 alone in E: its neighbours nearer E (U20, U21) are in W.
        a["U10"] = [.primary: "E"]
        #expect(CatchmentCheck.violations(p, assignment: a).map(\.rule).contains("contiguity"))
        a["U10"] = [.primary: "W"]
        a["U00"] = [.primary: "E"]
        let rules = CatchmentCheck.violations(p, assignment: a).map(\.rule)
        #expect(rules.contains("pinned") && rules.contains("trip"))
        a["U00"] = nil
        #expect(CatchmentCheck.violations(p, assignment: a).map(\.rule).contains("assigned"))
        // With 1 class of 15 a grade, W has 90 seats for all 180 pupils.
        let small = GridCounty.problem(GridCounty.county(current: [:]))
        var all: [String: [SeatSection: String]] = [:]
        for u in county.units { all[u.code] = [.primary: "W"] }
        #expect(CatchmentCheck.violations(small, assignment: all).map(\.rule).contains("fill"))
    }
}

@Suite("Delaunay graph by Bowyer–Watson against the empty-circle definition")
struct DelaunayTests {
    /// Edges of triangles whose circumcircle holds no other point (O(n⁴); points in general position).
    func bruteForce(_ p: [(x: Double, y: Double)]) -> Set<Delaunay.Edge> {
        var out = Set<Delaunay.Edge>()
        for i in p.indices { for j in p.indices where j > i { for k in p.indices where k > j {
            let (ax, ay, bx, by, cx, cy) = (p[i].x, p[i].y, p[j].x, p[j].y, p[k].x, p[k].y)
            let d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
            guard abs(d) > 1e-12 else { continue }
            let a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
            let ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d, uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d
            let r2 = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy)
            let empty = p.indices.allSatisfy { m in
                m == i || m == j || m == k || (p[m].x - ux) * (p[m].x - ux) + (p[m].y - uy) * (p[m].y - uy) > r2 * (1 + 1e-9)
            }
            if empty { out.insert(.init(i, j)); out.insert(.init(j, k)); out.insert(.init(i, k)) }
        } } }
        return out
    }

    @Test("random point sets: the same edges as the definition", arguments: [1, 2, 3, 4, 5])
    func random(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        let points = (0..<40).map { _ in (x: next() * 5000, y: next() * 3000) }
        #expect(Delaunay.edges(points) == bruteForce(points))
    }

    @Test("collinear points form a chain; a duplicate joins its twin and the twin's neighbours")
    func degenerate() {
        let line = [(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 1.0, y: 0.0)]
        #expect(Delaunay.edges(line) == [.init(0, 2), .init(1, 2)])
        let twin = [(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0), (x: 1.0, y: 0.0)]
        #expect(Delaunay.edges(twin) == [.init(0, 1), .init(0, 2), .init(1, 2), .init(1, 3), .init(0, 3), .init(2, 3)])
    }
}
