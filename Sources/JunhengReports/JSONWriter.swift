import Foundation

/// A streaming JSON writer into a byte buffer: no intermediate objects, so 250,000 schools stay cheap.
struct JSONWriter {
    /// Where the text goes: grown by doubling, reused after `take`.
    private let out: ByteBuffer
    /// Whether the next value in the current container needs a comma first.
    private var needsComma: [Bool] = [false]

    init(capacity: Int) { out = ByteBuffer(capacity: capacity) }

    /// The bytes written so far.
    var bytes: [UInt8] { out.array }

    /// Hands the bytes written so far to the caller and empties the buffer, keeping its memory (for streaming output).
    mutating func take() -> [UInt8] {
        let taken = out.array
        out.count = 0
        return taken
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { out.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    mutating func beginObject() { separate(); out.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); out.append(UInt8(ascii: "}")) }
    mutating func beginArray() { separate(); out.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); out.append(UInt8(ascii: "]")) }

    /// Writes `"key":`; the value written next needs no comma.
    mutating func key(_ k: String) {
        separate()
        writeString(k)
        out.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ s: String) { separate(); writeString(s) }
    mutating func bool(_ b: Bool) { separate(); rawBool(b) }
    mutating func null() { separate(); raw("null") }
    mutating func int(_ n: Int) { separate(); rawInt(Int64(n)) }

    /// A finite number in shortest round-trip form; non-finite numbers become null.
    mutating func number(_ v: Double) {
        guard v.isFinite else { null(); return }
        separate()
        rawNumber(v)
    }

    mutating func number(_ v: Double?) {
        if let v { number(v) } else { null() }
    }

    /// Appends literal JSON text as is (the caller provides commas and quotes).
    mutating func raw(_ s: StaticString) {
        if s.hasPointerRepresentation {
            out.append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        } else {
            s.withUTF8Buffer { out.append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends a quoted, escaped string with no comma handling (for use after `raw`).
    mutating func rawString(_ s: String) { writeString(s) }

    /// Appends a number with no comma handling (for use after `raw`).
    mutating func rawNumber(_ v: Double) {
        guard v.isFinite else { raw("null"); return }
        if v == v.rounded(), abs(v) < 1e15 { rawInt(Int64(v)); return }
        // `v.description`'s bytes, formatted on the stack (no String per number).
        ShortestDouble.withBytes(v) { out.append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends an integer's digits without building a String.
    mutating func rawInt(_ n: Int64) {
        out.reserve(20)
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var count = 0
            repeat {
                d[23 - count] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                count += 1
            } while m > 0
            out.append(UnsafeRawBufferPointer(rebasing: d[(24 - count)...]))
        }
    }

    /// Appends a pre-quoted key such as `"key":` verbatim.
    mutating func rawKey(_ quotedKey: String) { appendUTF8(quotedKey) }

    mutating func rawBool(_ b: Bool) { if b { raw("true") } else { raw("false") } }

    /// Appends the string's UTF-8 as is.
    private mutating func appendUTF8(_ s: String) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { out.append(UnsafeRawBufferPointer($0)) }
        if done == nil { var copy = s; copy.withUTF8 { out.append(UnsafeRawBufferPointer($0)) } }
    }

    /// Appends bytes already in JSON form (such as a string quoted by `quoted`).
    mutating func rawBytes(_ bytes: [UInt8]) { bytes.withUnsafeBytes { out.append($0) } }

    /// `s` as a quoted, escaped JSON string, for text written many times (labels, keys).
    static func quoted(_ s: String) -> [UInt8] {
        var w = JSONWriter(capacity: s.utf8.count + 2)
        w.writeString(s)
        return w.bytes
    }

    /// True when no byte needs escaping (control, `"`, `\`), checked eight bytes at a time.
    @inline(__always)
    private static func isClean(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return true }
        let n = buf.count, ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x20, or equal to '"' or '\\', sets its high bit here (the others may too: then the exact loop decides).
            let below = (w &- 0x20 &* ones) & ~w
            let q = w ^ (0x22 &* ones), b = w ^ (0x5C &* ones)
            if (below | ((q &- ones) & ~q) | ((b &- ones) & ~b)) & highs != 0 { break }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return false }
            i += 1
        }
        return true
    }

    private mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        let clean = s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
            guard JSONWriter.isClean(buf) else { return false }
            out.append(UnsafeRawBufferPointer(buf))
            return true
        }
        if clean == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0..<0x20:
                for e in [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]] { out.append(e) }
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A growable byte buffer appended to through a pointer: `Array.append(contentsOf:)` was a tenth of the
/// national file's JSON time for pieces of a few bytes each (scripts/bench-evaluate.sh).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    func reserve(_ n: Int) {
        if n > capacity - count { grow(to: count + n) }
    }

    private func grow(to needed: Int) {
        var c = capacity
        while c < needed { c = c.multipliedReportingOverflow(by: 2).overflow ? needed : c * 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }

    @inline(__always)
    func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    func append(_ p: UnsafeRawBufferPointer) {
        guard let src = p.baseAddress, p.count > 0 else { return }
        reserve(p.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: src, byteCount: p.count)
        count += p.count
    }
}
