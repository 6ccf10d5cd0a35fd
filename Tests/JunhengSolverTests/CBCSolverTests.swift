import Foundation
import Testing
@testable import JunhengSolver

@Suite("CBC through the C interface")
struct CBCSolverTests {
    /// Minimum-cost covering: buy integer packs so that each need is covered; checked by enumerating every choice.
    @Test("integer covering problems match exhaustive enumeration", arguments: 0..<12)
    func coveringMatchesEnumeration(seed: Int) {
        var rng = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ n: Int) -> Int { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Int(rng >> 33) % n }
        let packs = 4, needs = 3
        let cost = (0..<packs).map { _ in Double(1 + next(9)) }
        let gives = (0..<needs).map { _ in (0..<packs).map { _ in Double(next(4)) } }
        let need = (0..<needs).map { _ in Double(1 + next(6)) }
        var model = MIPModel()
        let x = (0..<packs).map { model.addVariable("x\($0)", upper: 6, objective: cost[$0], integer: true) }
        for r in 0..<needs { model.addConstraint("need\(r)", x.map { ($0, gives[r][$0]) }, lower: need[r]) }
        let solution = CBCSolver.solve(model)
        // Exhaustive: every x in 0...6 per pack.
        var best: Double?
        for code in 0..<Int(pow7(packs)) {
            var c = code, amounts: [Double] = []
            for _ in 0..<packs { amounts.append(Double(c % 7)); c /= 7 }
            guard (0..<needs).allSatisfy({ r in zip(gives[r], amounts).reduce(0) { $0 + $1.0 * $1.1 } >= need[r] }) else { continue }
            let total = zip(cost, amounts).reduce(0) { $0 + $1.0 * $1.1 }
            best = min(best ?? total, total)
        }
        if let best {
            #expect(solution.status == .optimal)
            #expect(solution.objective == best)
            #expect(model.maximumViolation(of: solution.values) <= 1e-9)
            #expect(solution.gap == 0)
        } else {
            #expect(solution.status == .infeasible)
            #expect(solution.values.isEmpty)
        }
    }

    private func pow7(_ n: Int) -> Double { (0..<n).reduce(1) { r, _ in r * 7 } }

    @Test("the LP relaxation drops integrality")
    func relaxation() {
        var model = MIPModel()
        let x = model.addVariable("x", objective: 1, integer: true)
        model.addConstraint("x ≥ 2.5", [(x, 1)], lower: 2.5)
        #expect(CBCSolver.solve(model).objective == 3)
        let lp = CBCSolver.solve(model, options: .init(relaxIntegrality: true))
        #expect(lp.status == .optimal)
        #expect(abs(lp.objective! - 2.5) < 1e-9)
    }

    @Test("contradictory rows are infeasible; ranged rows and repeated terms work")
    func infeasibleAndRanges() {
        var model = MIPModel()
        let x = model.addVariable("x", upper: 10, objective: -1)
        let y = model.addVariable("y", upper: 10, objective: -2, integer: true)
        model.addConstraint("range", [(x, 1), (y, 1), (y, 1)], lower: 1, upper: 7)   // x + 2y ≤ 7
        let s = CBCSolver.solve(model)
        // Maximise x + 2y ≤ 7 with x ≤ 10: value 7 (many optima).
        #expect(s.status == .optimal)
        #expect(abs(s.objective! + 7) < 1e-9)
        model.addConstraint("impossible", [(x, 1)], lower: 11)
        #expect(CBCSolver.solve(model).status == .infeasible)
        #expect(!CBCSolver.version.isEmpty)
    }
}
