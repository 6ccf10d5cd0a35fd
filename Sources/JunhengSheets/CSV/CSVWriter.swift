import Foundation

/// Writes CSV text: fields quoted only when they hold a delimiter, quote or line break, and text that a
/// spreadsheet would run as a formula (leading `= + - @`, tab or CR, not a plain number) prefixed with `'`.
public struct CSVWriter {
    /// The text written so far.
    public private(set) var text = ""

    public init() {}

    /// Appends one record. Works on UTF-8 bytes, not Characters: a quote followed by a combining mark is one
    /// Character, and matching Characters would leave that quote unescaped (found by FuzzCSV).
    public mutating func append(_ fields: [String]) {
        var out: [UInt8] = []
        for (k, raw) in fields.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            let f = CSVFormula.neutralised(raw).utf8
            if f.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out.append(UInt8(ascii: "\""))
                for b in f {
                    if b == UInt8(ascii: "\"") { out.append(b) }
                    out.append(b)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out += f
            }
        }
        out += [0x0D, 0x0A]
        text += String(decoding: out, as: UTF8.self)
    }
}

/// CSV formula injection (CWE-1236): how `CSVWriter` defuses a cell and how `CSVReader` restores it.
public enum CSVFormula {
    /// True for the bytes that make a spreadsheet read a cell as a formula: `= + - @`, tab, CR.
    @inline(__always)
    static func isTrigger(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 0x09 || b == 0x0D
    }

    /// `text` with `'` in front when, after any leading `'`, it starts with a trigger and is not a plain number
    /// such as `-5` or `+1.5e3`. (Text already starting with `'` + trigger gets one more, so reading restores it.)
    public static func neutralised(_ text: String) -> String {
        guard let b = text.utf8.first(where: { $0 != UInt8(ascii: "'") }), isTrigger(b), !isPlainNumber(text.utf8) else { return text }
        return "'" + text
    }

    /// A field as written by `neutralised`, restored: when `'`s are followed by a trigger byte, one `'` is dropped.
    static func restored(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let first = field.first, first == UInt8(ascii: "'"),
              let b = field.first(where: { $0 != UInt8(ascii: "'") }), isTrigger(b) else { return field }
        return UnsafeBufferPointer(rebasing: field[(field.startIndex + 1)...])
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, nothing else.
    static func isPlainNumber<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        func digits() -> Int {
            var n = 0
            while i != bytes.endIndex, (0x30...0x39).contains(bytes[i]) { n += 1; i = bytes.index(after: i) }
            return n
        }
        if i != bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var mantissa = digits()
        if i != bytes.endIndex, bytes[i] == UInt8(ascii: ".") { i = bytes.index(after: i); mantissa += digits() }
        guard mantissa > 0 else { return false }
        if i != bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if i != bytes.endIndex, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard digits() > 0 else { return false }
        }
        return i == bytes.endIndex
    }
}
