import Testing
@testable import JunhengReports

@Suite("shortest round-trip doubles")
struct ShortestDoubleTests {
    /// A fixed-seed generator (SplitMix64), so a failure names a reproducible value.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func check(_ v: Double) -> Bool {
        ShortestDouble.bytes(v) == Array(v.description.utf8)
    }

    @Test("edge cases spell as description does")
    func edges() {
        // Else every number would go through `description` and the comparisons below would prove nothing.
        #expect(ShortestDouble.runtimeAgrees)
        let edges: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 4.2, 5.3, 1e15, 1e16, 1e17, 9007199254740992, 9007199254740993,
            123456789012345680, 1e21, 1e22, 1e23, 1e-5, 1e-4, 1e-7, 5e-324, -5e-324, 2.2250738585072014e-308,
            2.2250738585072009e-308, .leastNormalMagnitude, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, .ulpOfOne, 1 + .ulpOfOne, 1 - .ulpOfOne / 2, 0.30000000000000004, 100.0 / 7,
            2000.0 / 3, 4.285714285714286, 123.456, 1.7976931348623157e308, 4.9406564584124654e-324,
        ]
        for v in edges { #expect(check(v), "\(v)") }
        #expect(ShortestDouble.bytes(-2.2250738585072014e-308).count <= ShortestDouble.capacity)
    }

    @Test("two million random bit patterns and indicator-like ratios spell as description does")
    func random() {
        var g = SplitMix(state: 2017)
        var mismatches: [UInt64] = []
        for _ in 0..<1_000_000 {
            let bits = g.next()
            let v = Double(bitPattern: bits)
            guard v.isFinite else { continue }
            if !check(v) { mismatches.append(bits) }
        }
        // Values like the report's: a count or area over a student count, per 1 or per 100.
        for _ in 0..<1_000_000 {
            let numerator = Double(g.next() % 1_000_000) / (g.next() % 2 == 0 ? 1 : 10)
            let students = Double(1 + g.next() % 5_000)
            let v = numerator / students * (g.next() % 2 == 0 ? 1 : 100)
            if !check(v) { mismatches.append(v.bitPattern) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5).map { Double(bitPattern: $0) })")
    }
}
