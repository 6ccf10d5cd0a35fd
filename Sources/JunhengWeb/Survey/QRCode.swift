/// A QR Code (ISO/IEC 18004) encoder for invitation links: byte mode, error correction level M, versions 1–10
/// (up to 213 bytes), the mask chosen by the standard's penalty rules. No listed package draws QR codes, so this
/// is written here; `SurveyQRCodeTests` checks it module for module against qrcodegen (PyPI).
struct QRCode: Sendable, Equatable {
    let version: Int
    let mask: Int
    /// `modules[row][column]`, true = dark.
    let modules: [[Bool]]
    var size: Int { modules.count }

    /// Level M: (EC codewords per block, [data codewords per block]) for versions 1–10.
    private static let blocks: [(ec: Int, data: [Int])] = [
        (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]),
        (16, [27, 27, 27, 27]), (18, [31, 31, 31, 31]), (22, [38, 38, 39, 39]), (22, [36, 36, 36, 37, 37]),
        (26, [43, 43, 43, 43, 44]),
    ]
    private static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]
    private static let remainderBits = [0, 7, 7, 7, 7, 7, 0, 0, 0, 0]

    /// The smallest symbol holding `bytes`, or nil when they do not fit in version 10.
    init?(_ bytes: [UInt8], forceMask: Int? = nil) {
        guard let version = (1...10).first(where: { v in
            let capacity = Self.blocks[v - 1].data.reduce(0, +) * 8
            return 4 + (v < 10 ? 8 : 16) + bytes.count * 8 <= capacity
        }) else { return nil }
        self.version = version
        let codewords = Self.codewords(bytes, version: version)
        let size = version * 4 + 17
        var base = Matrix(size: size)
        base.drawFunctionPatterns(version: version, alignment: Self.alignment[version - 1])
        base.place(codewords, remainder: Self.remainderBits[version - 1])
        var best: (penalty: Int, mask: Int, matrix: Matrix)?
        for mask in forceMask.map({ [$0] }) ?? Array(0..<8) {
            var m = base
            m.apply(mask: mask)
            m.drawFormat(mask: mask)
            if version >= 7 { m.drawVersion(version) }
            let p = m.penalty()
            if p < (best?.penalty ?? .max) { best = (p, mask, m) }
        }
        guard let best else { return nil }
        mask = best.mask
        modules = best.matrix.dark
    }

    /// Data and error-correction codewords, interleaved.
    private static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let spec = blocks[version - 1]
        let capacity = spec.data.reduce(0, +)
        var bits: [Bool] = []
        func put(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        put(0b0100, 4)
        put(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { put(Int(b), 8) }
        put(0, min(4, capacity * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { i in
            (0..<8).reduce(UInt8(0)) { $0 << 1 | (bits[i + $1] ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < capacity { data.append(pad); pad = pad == 0xEC ? 0x11 : 0xEC }
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for n in spec.data { dataBlocks.append(Array(data[offset..<offset + n])); offset += n }
        let generator = ReedSolomon.generator(degree: spec.ec)
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, generator) }
        var out: [UInt8] = []
        for i in 0..<(spec.data.max() ?? 0) { for b in dataBlocks where i < b.count { out.append(b[i]) } }
        for i in 0..<spec.ec { for b in ecBlocks { out.append(b[i]) } }
        return out
    }

    /// The symbol as SVG (a quiet zone of 4 modules), one path of unit squares; `label` becomes its aria-label.
    static func svg(_ text: String, label: String) -> String {
        guard let qr = QRCode(Array(text.utf8)) else { return "" }
        let n = qr.size + 8
        var d = ""
        for (r, row) in qr.modules.enumerated() {
            for (c, dark) in row.enumerated() where dark { d += "M\(c + 4) \(r + 4)h1v1h-1z" }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(n) \(n)\" role=\"img\" aria-label=\""
            + HTMLEscape.attribute(label) + "\" shape-rendering=\"crispEdges\"><rect width=\"\(n)\" height=\"\(n)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(d)\"/></svg>"
    }
}

/// The module grid while it is drawn: dark modules, and which are function patterns (never masked).
private struct Matrix {
    var dark: [[Bool]]
    var function: [[Bool]]
    let size: Int

    init(size: Int) {
        self.size = size
        dark = Array(repeating: Array(repeating: false, count: size), count: size)
        function = dark
    }

    mutating func set(_ r: Int, _ c: Int, _ v: Bool) {
        dark[r][c] = v
        function[r][c] = true
    }

    mutating func drawFunctionPatterns(version: Int, alignment: [Int]) {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        for (r, c) in [(3, 3), (3, size - 4), (size - 4, 3)] {
            for dr in -4...4 {
                for dc in -4...4 {
                    let rr = r + dr, cc = c + dc
                    guard rr >= 0, rr < size, cc >= 0, cc < size else { continue }
                    let dist = max(abs(dr), abs(dc))
                    set(rr, cc, dist != 2 && dist != 4)
                }
            }
        }
        let last = alignment.count - 1
        for (i, r) in alignment.enumerated() {
            for (j, c) in alignment.enumerated() {
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dr in -2...2 { for dc in -2...2 { set(r + dr, c + dc, max(abs(dr), abs(dc)) != 1) } }
            }
        }
        // Reserve the format areas (drawn per mask) and the dark module.
        drawFormat(mask: 0)
        if version >= 7 { drawVersion(version) }
        set(size - 8, 8, true)
    }

    /// Format information: level M (00) and the mask, BCH(15,5) with 0x537, XOR 0x5412.
    mutating func drawFormat(mask: Int) {
        let data = (0b00 << 3) | mask
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        let bits = ((data << 10) | rem) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(i, 8, bit(i)) }
        set(7, 8, bit(6))
        set(8, 8, bit(7))
        set(8, 7, bit(8))
        for i in 9..<15 { set(8, 14 - i, bit(i)) }
        for i in 0..<8 { set(8, size - 1 - i, bit(i)) }
        for i in 8..<15 { set(size - 15 + i, 8, bit(i)) }
        set(size - 8, 8, true)
    }

    /// Version information (versions 7+): BCH(18,6) with 0x1F25.
    mutating func drawVersion(_ version: Int) {
        var rem = version
        for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
        let bits = (version << 12) | rem
        for i in 0..<18 {
            let v = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(a, b, v)
            set(b, a, v)
        }
    }

    /// Codewords in the zigzag order, upwards and downwards in two-column strips from the right, skipping column 6.
    mutating func place(_ codewords: [UInt8], remainder: Int) {
        let total = codewords.count * 8 + remainder
        var i = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vert in 0..<size {
                for j in 0..<2 {
                    let c = right - j
                    let upward = ((right + 1) & 2) == 0
                    let r = upward ? size - 1 - vert : vert
                    if !function[r][c] && i < total {
                        dark[r][c] = i < codewords.count * 8 && (codewords[i >> 3] >> (7 - UInt8(i & 7))) & 1 == 1
                        i += 1
                    }
                }
            }
            right -= 2
        }
    }

    mutating func apply(mask: Int) {
        for r in 0..<size {
            for c in 0..<size where !function[r][c] {
                let flip = switch mask {
                case 0: (r + c) % 2 == 0
                case 1: r % 2 == 0
                case 2: c % 3 == 0
                case 3: (r + c) % 3 == 0
                case 4: (r / 2 + c / 3) % 2 == 0
                case 5: r * c % 2 + r * c % 3 == 0
                case 6: (r * c % 2 + r * c % 3) % 2 == 0
                default: ((r + c) % 2 + r * c % 3) % 2 == 0
                }
                if flip { dark[r][c].toggle() }
            }
        }
    }

    /// The standard's penalty: runs of five or more (N1), 2×2 blocks (N2), finder-like patterns (N3), balance (N4).
    func penalty() -> Int {
        var p = 0
        func lines(_ rows: Bool) -> [[Bool]] { rows ? dark : (0..<size).map { c in (0..<size).map { dark[$0][c] } } }
        for horizontal in [true, false] {
            for line in lines(horizontal) {
                var run = 1
                for k in 1..<size {
                    if line[k] == line[k - 1] { run += 1 } else { if run >= 5 { p += run - 2 }; run = 1 }
                }
                if run >= 5 { p += run - 2 }
                // Finder-like 1:1:3:1:1 (any module width n) with light n on one side and 4n on the other; the
                // outside of the symbol counts as light.
                var runs: [(dark: Bool, length: Int)] = [(false, size)]
                for v in line {
                    if runs[runs.count - 1].dark == v { runs[runs.count - 1].length += 1 } else { runs.append((v, 1)) }
                }
                if runs[runs.count - 1].dark { runs.append((false, size)) } else { runs[runs.count - 1].length += size }
                for i in 3..<max(3, runs.count - 3) where runs[i].dark {
                    let n = runs[i - 2].length
                    guard runs[i].length == 3 * n, runs[i - 1].length == n, runs[i + 1].length == n, runs[i + 2].length == n else { continue }
                    if runs[i - 3].length >= 4 * n && runs[i + 3].length >= n { p += 40 }
                    if runs[i + 3].length >= 4 * n && runs[i - 3].length >= n { p += 40 }
                }
            }
        }
        for r in 0..<(size - 1) {
            for c in 0..<(size - 1) {
                let v = dark[r][c]
                if dark[r][c + 1] == v && dark[r + 1][c] == v && dark[r + 1][c + 1] == v { p += 3 }
            }
        }
        let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        let k = (abs(darkCount * 20 - total * 10) + total - 1) / total - 1
        p += max(0, k) * 10
        return p
    }
}

extension SVGChart {
    /// A QR code of `text` as SVG, for pages (the one way raw SVG enters a page besides the charts).
    static func qrCode(_ text: String, label: String) -> String { QRCode.svg(text, label: label) }
}

/// Reed–Solomon error correction over GF(256) with the polynomial 0x11D, as QR codes use it.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    /// The generator polynomial's coefficients (highest first, leading 1 omitted) for `degree` EC codewords.
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ generator: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: generator.count)
        for b in data {
            let factor = b ^ result[0]
            result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(generator[i], factor) }
        }
        return result
    }
}
