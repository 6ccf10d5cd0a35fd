import EquityKit
import Foundation

/// Display rounding: CVs to 3 decimals as published tables do; the data keep full precision.
enum NumberFormatting {
    static func fixed(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

    /// A statistic to `digits` decimals, or its undefined reason.
    static func statistic(_ s: Statistic, _ digits: Int, _ lang: ReportLanguage) -> String {
        switch s {
        case .value(let v): fixed(v, digits)
        case .undefined(let r): lang.undefined(r)
        }
    }

    /// Digits suited to an indicator's magnitude (yuan per student needs none, per-100 values two).
    static func indicatorDigits(_ i: IndicatorDefinition) -> Int { i.numerator == .equipmentValue ? 0 : 2 }

    /// Whole numbers with thousands separators.
    static func grouped(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (k, ch) in s.enumerated() {
            if k > 0 && (s.count - k) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
}

/// Terminal column width: East Asian wide characters take two cells.
enum DisplayWidth {
    static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1.value) ? 2 : (isCombining($1.value) ? 0 : 1)) }
    }

    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    static func isCombining(_ v: UInt32) -> Bool { (0x0300...0x036F).contains(v) || (0xFE00...0xFE0F).contains(v) }

    /// `s` padded with spaces to `width` cells, on the right or (for numbers) on the left.
    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return right ? fill + s : s + fill
    }
}

/// A plain text table aligned for terminals with CJK text.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers).
    var numeric: Set<Int> = []

    func render(indent: String = "") -> String {
        var widths = header.map(DisplayWidth.of)
        for r in rows { for (k, c) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], DisplayWidth.of(c)) } }
        func line(_ cells: [String]) -> String {
            indent + cells.enumerated().map { k, c in DisplayWidth.pad(c, widths[k], right: numeric.contains(k)) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}
