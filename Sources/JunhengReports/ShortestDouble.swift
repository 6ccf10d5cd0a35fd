/// The runtime's shortest round-trip formatter (what `Double.description` prints), called into a stack buffer so
/// the JSON writer formats 1.75 million doubles without building a `String` for each. Swift exports it as
/// `swift_float64ToString`; it leaves some '0' digits unwritten (the standard library hands it a buffer of ASCII
/// zeros), so it gets the same. A self-check against `description` on first use falls back to `description`
/// should a future runtime spell anything differently; `ShortestDoubleTests` compares millions of doubles.
@_silgen_name("swift_float64ToString")
private func swiftFloat64ToString(_ buffer: UnsafeMutablePointer<UInt8>, _ bufferLength: UInt, _ value: Double,
                                  _ debug: Bool) -> UInt64

/// Shortest round-trip decimal text of doubles, as bytes.
enum ShortestDouble {
    /// Bytes the formatter is given; the longest form ("-2.2250738585072014e-308") is 24.
    static let capacity = 32

    /// Whether the runtime formatter spells a sample of hard cases exactly as `description` does.
    static let runtimeAgrees: Bool = {
        let samples: [Double] = [0, -0.0, 0.1, -0.013843022292954534, 0.3278796557884462, 8580686388856921, 1e16, 1e-7,
                                 1e300, 5e-324, .greatestFiniteMagnitude, -2.2250738585072014e-308, 100.0 / 7, 4.2]
        return samples.allSatisfy { v in viaRuntime(v) == Array(v.description.utf8) }
    }()

    /// Calls `body` with `v`'s shortest round-trip bytes, spelled as `v.description` spells them.
    @inline(__always)
    static func withBytes<R>(_ v: Double, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard runtimeAgrees else { return Array(v.description.utf8).withUnsafeBufferPointer(body) }
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (zeros, zeros, zeros, zeros)
        return withUnsafeMutableBytes(of: &scratch) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let n = Int(truncatingIfNeeded: swiftFloat64ToString(p, UInt(capacity), v, false))
            return body(UnsafeBufferPointer(start: p, count: min(max(n, 0), capacity)))
        }
    }

    /// `v`'s bytes (for tests and small callers).
    static func bytes(_ v: Double) -> [UInt8] { withBytes(v) { Array($0) } }

    /// Eight ASCII '0's.
    private static let zeros: UInt64 = 0x3030_3030_3030_3030

    private static func viaRuntime(_ v: Double) -> [UInt8] {
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (zeros, zeros, zeros, zeros)
        return withUnsafeMutableBytes(of: &scratch) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let n = Int(truncatingIfNeeded: swiftFloat64ToString(p, UInt(capacity), v, false))
            return Array(UnsafeBufferPointer(start: p, count: min(max(n, 0), capacity)))
        }
    }
}
