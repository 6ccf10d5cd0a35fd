// Our own TOML 1.0.0 reader. We used TOMLKit 0.6.0, which bundles toml++ v3.4.0; toml++ checks several
// preconditions on malformed input with assertions (abort in debug, `__builtin_assume`, i.e. undefined behaviour,
// in release): FuzzStandardFile found `cv_limit = [ }` (parse_value from parse_array) and `[[[1]]]` / `[[=`
// (parse_key, upstream tomlplusplus PR #301). This parser is bounded (size, nesting depth), linear, never traps, and
// reports every error with its line and column.

/// A TOML error at a 1-based line and column (in characters), with a Chinese and an English message.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line.
    public let line: Int
    /// 1-based column, in Unicode scalars.
    public let column: Int
    /// What is wrong, in Chinese.
    public let chinese: String
    /// What is wrong, in English.
    public let english: String

    /// The bilingual message prefixed by `source` (a file name), in the style of the import errors.
    public func message(source: String) -> String {
        "\(source) 第\(line)行第\(column)列: TOML 格式错误：\(chinese) / \(source) line \(line), column \(column): invalid TOML: \(english)"
    }

    public var description: String {
        "第\(line)行第\(column)列: TOML 格式错误：\(chinese) / line \(line), column \(column): invalid TOML: \(english)"
    }
}

/// Converts TOML 1.0.0 documents to JSON (tables → objects, date-times → their TOML text as strings).
public enum TOMLParser {
    /// Largest accepted document, in UTF-8 bytes.
    public static let maxBytes = 1 << 20
    /// Deepest accepted nesting of tables, arrays and inline tables.
    public static let maxDepth = 64

    /// The document as UTF-8 JSON bytes that JSONDecoder accepts; inf and nan (which JSON cannot carry) are errors.
    public static func json(_ text: String) throws(TOMLError) -> [UInt8] {
        var bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw TOMLError(line: 1, column: 1, chinese: "文件超过 \(maxBytes / 1024) KiB", english: "the document is larger than \(maxBytes / 1024) KiB")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = Parser(b: bytes)
        do { try parser.document() } catch {
            let (line, column) = locate(bytes, error.offset)
            throw TOMLError(line: line, column: column, chinese: error.zh, english: error.en)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        write(.table(parser.root), into: &out)
        return out
    }

    static func locate(_ b: [UInt8], _ offset: Int) -> (Int, Int) {
        var line = 1, column = 1, k = 0
        let end = min(max(offset, 0), b.count)
        while k < end {
            if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, column)
    }

    static func write(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .string(let s), .datetime(let s): writeString(s, into: &out)
        case .integer(let v): out += String(v).utf8
        case .float(let v): out += v.description.utf8
        case .bool(let v): out += (v ? "true" : "false").utf8
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (n, item) in a.items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .table(let t):
            out.append(UInt8(ascii: "{"))
            for (n, key) in t.order.enumerated() {
                guard let item = t.items[key] else { continue }
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): out += [0x5C, c]
            case UInt8(ascii: "\\"): out += [0x5C, c]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]]
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// A parsed value; tables and arrays are shared references so that headers can extend them in place.
enum Node {
    case string(String), integer(Int64), float(Double), bool(Bool), datetime(String), array(ArrayNode), table(Table)
}

final class Table {
    /// How the table came to exist, for the redefinition rules of TOML 1.0.0.
    enum Kind { case implicit, header, dotted, inline }
    var order: [String] = []
    var items: [String: Node] = [:]
    var kind: Kind
    /// The section (header or inline table) whose dotted keys created it.
    var section: Int
    var frozen = false
    let depth: Int
    init(kind: Kind, depth: Int, section: Int = 0) { self.kind = kind; self.depth = depth; self.section = section }
    func add(_ key: String, _ node: Node) { order.append(key); items[key] = node }
}

final class ArrayNode {
    var items: [Node] = []
    /// A value array (`[...]`), as opposed to an array of tables (`[[...]]`), which headers may extend.
    let isStatic: Bool
    init(isStatic: Bool) { self.isStatic = isStatic }
}

struct Fail: Error { let offset: Int; let zh: String; let en: String }

private let LF: UInt8 = 0x0A, CR: UInt8 = 0x0D, SP: UInt8 = 0x20, TAB: UInt8 = 0x09
private let QUOTE = UInt8(ascii: "\""), APOS = UInt8(ascii: "'"), HASH = UInt8(ascii: "#"), BSL = UInt8(ascii: "\\")

struct Parser {
    let b: [UInt8]
    var i = 0
    var sectionCounter = 0
    var currentSection = 0
    let root = Table(kind: .header, depth: 0)
    var current: Table

    init(b: [UInt8]) { self.b = b; current = root }

    func peek(_ k: Int = 0) -> UInt8? { let j = i + k; return j >= 0 && j < b.count ? b[j] : nil }
    func at(_ j: Int) -> UInt8? { j >= 0 && j < b.count ? b[j] : nil }
    func starts(_ s: [UInt8]) -> Bool { i + s.count <= b.count && b[i..<(i + s.count)].elementsEqual(s) }
    func fail(_ zh: String, _ en: String, at offset: Int? = nil) -> Fail { Fail(offset: offset ?? i, zh: zh, en: en) }

    static func isBare(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
    }
    static func isControl(_ c: UInt8) -> Bool { (c < 0x20 && c != TAB) || c == 0x7F }

    // MARK: Document

    mutating func document() throws(Fail) {
        while true {
            skipWS()
            guard let c = peek() else { return }
            if c == LF || c == CR { try newline(); continue }
            if c == HASH { try comment(); continue }
            if c == UInt8(ascii: "[") { try header() } else { try keyValue(into: current, section: currentSection) }
            skipWS()
            if peek() == HASH { try comment() }
            if peek() != nil {
                guard peek() == LF || peek() == CR else { throw fail("一行只能有一个键值对或表头，其后只能是注释", "expected the end of the line (one key/value or header per line)") }
                try newline()
            }
        }
    }

    mutating func skipWS() { while let c = peek(), c == SP || c == TAB { i += 1 } }

    mutating func newline() throws(Fail) {
        if peek() == LF { i += 1; return }
        if peek() == CR && peek(1) == LF { i += 2; return }
        throw fail("回车符（CR）后必须是换行符（LF）", "a carriage return must be followed by a line feed")
    }

    mutating func comment() throws(Fail) {
        i += 1
        while let c = peek(), c != LF, c != CR {
            if Parser.isControl(c) { throw fail("注释中不能有控制字符", "control character in a comment") }
            i += 1
        }
    }

    /// Blanks, comments and newlines (inside arrays).
    mutating func skipAll() throws(Fail) {
        while let c = peek() {
            if c == SP || c == TAB { i += 1 } else if c == LF || c == CR { try newline() } else if c == HASH { try comment() } else { return }
        }
    }

    // MARK: Keys and tables

    mutating func key() throws(Fail) -> [(name: String, offset: Int)] {
        var parts: [(name: String, offset: Int)] = []
        while true {
            skipWS()
            let start = i
            guard let c = peek() else { throw fail("缺少键名", "expected a key") }
            let name: String
            if c == QUOTE { name = try basicString() } else if c == APOS { name = try literalString() } else if Parser.isBare(c) {
                while let d = peek(), Parser.isBare(d) { i += 1 }
                name = String(decoding: b[start..<i], as: UTF8.self)
            } else if c >= 0x80 {
                throw fail("键名只能用 ASCII 字母、数字、- 和 _（中文键名请加引号）", "a bare key is ASCII letters, digits, - and _ (quote Chinese keys)")
            } else {
                throw fail("缺少键名", "expected a key")
            }
            parts.append((name, start))
            skipWS()
            if peek() == UInt8(ascii: ".") { i += 1; continue }
            return parts
        }
    }

    mutating func header() throws(Fail) {
        let start = i
        let isArray = peek(1) == UInt8(ascii: "[")
        i += isArray ? 2 : 1
        let parts = try key()
        guard peek() == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
            throw fail(isArray ? "表数组头要以 ]] 结束" : "表头要以 ] 结束", isArray ? "expected ]] to close the array-of-tables header" : "expected ] to close the table header")
        }
        i += isArray ? 2 : 1
        sectionCounter += 1
        currentSection = sectionCounter
        var t = root
        for part in parts.dropLast() {
            if let existing = t.items[part.name] {
                switch existing {
                case .table(let sub) where !sub.frozen: t = sub
                case .array(let arr) where !arr.isStatic:
                    guard let last = arr.items.last, case .table(let sub) = last else { throw redefined(part) }
                    t = sub
                default: throw redefined(part)
                }
            } else {
                let sub = try newTable(.implicit, in: t, part)
                t.add(part.name, .table(sub))
                t = sub
            }
        }
        guard let last = parts.last else { throw fail("缺少键名", "expected a key", at: start) }
        if let existing = t.items[last.name] {
            if isArray, case .array(let arr) = existing, !arr.isStatic {
                let sub = try newTable(.header, in: t, last)
                arr.items.append(.table(sub))
                current = sub
            } else if !isArray, case .table(let sub) = existing, !sub.frozen, sub.kind == .implicit {
                sub.kind = .header
                current = sub
            } else if isArray {
                throw fail("不能向 \(last.name) 追加表：它不是表数组", "cannot append a table to \(last.name): it is not an array of tables", at: last.offset)
            } else {
                throw fail("表 \(last.name) 重复定义", "table \(last.name) is defined twice", at: last.offset)
            }
        } else {
            let sub = try newTable(.header, in: t, last)
            if isArray {
                let arr = ArrayNode(isStatic: false)
                arr.items.append(.table(sub))
                t.add(last.name, .array(arr))
            } else {
                t.add(last.name, .table(sub))
            }
            current = sub
        }
    }

    func newTable(_ kind: Table.Kind, in parent: Table, _ part: (name: String, offset: Int), section: Int = 0) throws(Fail) -> Table {
        guard parent.depth < TOMLParser.maxDepth else { throw tooDeep(part.offset) }
        return Table(kind: kind, depth: parent.depth + 1, section: section)
    }

    func tooDeep(_ offset: Int) -> Fail {
        fail("嵌套超过 \(TOMLParser.maxDepth) 层", "nesting deeper than \(TOMLParser.maxDepth) levels", at: offset)
    }

    func redefined(_ part: (name: String, offset: Int)) -> Fail {
        fail("\(part.name) 已定义，不能再扩展为表", "\(part.name) is already defined and cannot be extended as a table", at: part.offset)
    }

    mutating func keyValue(into table: Table, section: Int) throws(Fail) {
        let parts = try key()
        guard peek() == UInt8(ascii: "=") else { throw fail("键名后要有 =", "expected = after the key") }
        i += 1
        skipWS()
        var t = table
        for part in parts.dropLast() {
            if let existing = t.items[part.name] {
                guard case .table(let sub) = existing, !sub.frozen else { throw redefined(part) }
                switch sub.kind {
                case .implicit: sub.kind = .dotted; sub.section = section
                case .dotted where sub.section == section: break
                default:
                    throw fail("表 \(part.name) 已定义，不能再用点号键扩展", "table \(part.name) is already defined and cannot be extended with a dotted key", at: part.offset)
                }
                t = sub
            } else {
                let sub = try newTable(.dotted, in: t, part, section: section)
                t.add(part.name, .table(sub))
                t = sub
            }
        }
        guard let last = parts.last else { throw fail("缺少键名", "expected a key") }
        if t.items[last.name] != nil { throw fail("键 \(last.name) 重复定义", "key \(last.name) is defined twice", at: last.offset) }
        let v = try value(depth: t.depth + 1)
        t.add(last.name, v)
    }

    // MARK: Values

    mutating func value(depth: Int) throws(Fail) -> Node {
        guard depth <= TOMLParser.maxDepth else { throw tooDeep(i) }
        guard let c = peek() else { throw fail("缺少值", "expected a value") }
        switch c {
        case QUOTE: return .string(try starts([QUOTE, QUOTE, QUOTE]) ? multilineString(literal: false) : basicString())
        case APOS: return .string(try starts([APOS, APOS, APOS]) ? multilineString(literal: true) : literalString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if starts(Array("true".utf8)) { i += 4; return .bool(true) }
            if starts(Array("false".utf8)) { i += 5; return .bool(false) }
            throw invalidValue()
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "{"): return try inlineTable(depth: depth)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"), 0x30...0x39: return try numberOrDate()
        default: throw invalidValue()
        }
    }

    func invalidValue() -> Fail { fail("无效的值", "invalid value") }

    mutating func array(depth: Int) throws(Fail) -> Node {
        let start = i
        i += 1
        let arr = ArrayNode(isStatic: true)
        while true {
            try skipAll()
            guard let c = peek() else { throw fail("数组未闭合", "unterminated array", at: start) }
            if c == UInt8(ascii: "]") { i += 1; return .array(arr) }
            arr.items.append(try value(depth: depth + 1))
            try skipAll()
            guard let d = peek() else { throw fail("数组未闭合", "unterminated array", at: start) }
            if d == UInt8(ascii: ",") { i += 1; continue }
            if d == UInt8(ascii: "]") { i += 1; return .array(arr) }
            throw fail("数组元素之间要用逗号分隔", "expected , or ] in an array")
        }
    }

    mutating func inlineTable(depth: Int) throws(Fail) -> Node {
        i += 1
        sectionCounter += 1
        let section = sectionCounter
        let t = Table(kind: .inline, depth: depth)
        skipWS()
        if peek() == UInt8(ascii: "}") { i += 1; t.frozen = true; return .table(t) }
        while true {
            try keyValue(into: t, section: section)
            skipWS()
            if peek() == UInt8(ascii: ",") {
                i += 1
                skipWS()
                if peek() == UInt8(ascii: "}") { throw fail("内联表不能有尾随逗号", "trailing comma in an inline table") }
                continue
            }
            if peek() == UInt8(ascii: "}") { i += 1; Parser.freeze(t); return .table(t) }
            throw fail("内联表中键值对之间要用逗号分隔，且不能换行", "expected , or } in an inline table (which stays on one line)")
        }
    }

    static func freeze(_ t: Table) {
        t.frozen = true
        for node in t.items.values { if case .table(let sub) = node, sub.kind == .dotted, !sub.frozen { freeze(sub) } }
    }

    // MARK: Strings

    mutating func basicString() throws(Fail) -> String {
        let start = i
        i += 1
        var out: [UInt8] = []
        while let c = peek() {
            if c == QUOTE { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == BSL { try escape(into: &out); continue }
            if c == LF || c == CR { break }
            if Parser.isControl(c) { throw fail("字符串中不能有控制字符", "control character in a string") }
            out.append(c)
            i += 1
        }
        throw fail("字符串未闭合", "unterminated string", at: start)
    }

    mutating func literalString() throws(Fail) -> String {
        let start = i
        i += 1
        let from = i
        while let c = peek() {
            if c == APOS { i += 1; return String(decoding: b[from..<(i - 1)], as: UTF8.self) }
            if c == LF || c == CR { break }
            if Parser.isControl(c) { throw fail("字符串中不能有控制字符", "control character in a string") }
            i += 1
        }
        throw fail("字符串未闭合", "unterminated string", at: start)
    }

    mutating func multilineString(literal: Bool) throws(Fail) -> String {
        let start = i
        let q = literal ? APOS : QUOTE
        i += 3
        if peek() == LF { i += 1 } else if peek() == CR && peek(1) == LF { i += 2 }
        var out: [UInt8] = []
        while let c = peek() {
            if c == q {
                var n = 0
                while peek(n) == q { n += 1 }
                if n >= 3 {
                    let extra = min(n - 3, 2)
                    out += Array(repeating: q, count: extra)
                    i += 3 + extra
                    return String(decoding: out, as: UTF8.self)
                }
                out += Array(repeating: q, count: n)
                i += n
                continue
            }
            if c == BSL && !literal {
                var j = i + 1
                while let d = at(j), d == SP || d == TAB { j += 1 }
                if at(j) == LF || (at(j) == CR && at(j + 1) == LF) {
                    // A line-ending backslash eats the newline and all blanks and newlines after it.
                    i = j
                    while let d = peek() {
                        if d == SP || d == TAB || d == LF { i += 1 } else if d == CR && peek(1) == LF { i += 2 } else { break }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            if c == LF { out.append(LF); i += 1; continue }
            if c == CR {
                guard peek(1) == LF else { throw fail("回车符（CR）后必须是换行符（LF）", "a carriage return must be followed by a line feed") }
                out.append(LF)
                i += 2
                continue
            }
            if Parser.isControl(c) { throw fail("字符串中不能有控制字符", "control character in a string") }
            out.append(c)
            i += 1
        }
        throw fail("多行字符串未闭合", "unterminated multi-line string", at: start)
    }

    mutating func escape(into out: inout [UInt8]) throws(Fail) {
        let start = i
        guard let c = peek(1) else { throw fail("无效的转义", "invalid escape") }
        i += 2
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(TAB)
        case UInt8(ascii: "n"): out.append(LF)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(CR)
        case QUOTE: out.append(QUOTE)
        case BSL: out.append(BSL)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = c == UInt8(ascii: "u") ? 4 : 8
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let d = peek(), let h = Parser.hexValue(d) else { throw fail("\\u/\\U 后要有 \(n) 位十六进制数", "\\u/\\U needs \(n) hex digits", at: start) }
                v = v << 4 | UInt32(h)
                i += 1
            }
            guard let scalar = Unicode.Scalar(v) else { throw fail("转义不是有效的 Unicode 标量值", "the escape is not a Unicode scalar value", at: start) }
            out += Array(String(Character(scalar)).utf8)
        default: throw fail("无效的转义", "invalid escape", at: start)
        }
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    // MARK: Numbers and dates

    func digits(_ j: Int, _ n: Int) -> Int? {
        var v = 0
        for k in j..<(j + n) {
            guard let c = at(k), (0x30...0x39).contains(c) else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    mutating func numberOrDate() throws(Fail) -> Node {
        let start = i
        if digits(i, 4) != nil && at(i + 4) == UInt8(ascii: "-") { return try date() }
        if digits(i, 2) != nil && at(i + 2) == UInt8(ascii: ":") {
            let end = try time(at: i)
            i = end
            return .datetime(String(decoding: b[start..<end], as: UTF8.self))
        }
        while let c = peek(), Parser.isBare(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") { i += 1 }
        return try number(Array(b[start..<i]), at: start)
    }

    mutating func date() throws(Fail) -> Node {
        let start = i
        guard let y = digits(i, 4), let m = digits(i + 5, 2), at(i + 7) == UInt8(ascii: "-"), let d = digits(i + 8, 2) else {
            throw fail("日期格式应为 YYYY-MM-DD", "a date is YYYY-MM-DD")
        }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        // Year 0 is refused as Python's datetime (and so tomllib, our oracle) refuses it.
        guard y >= 1, (1...12).contains(m), d >= 1, d <= days[m - 1] else { throw fail("日期不存在", "no such date", at: start) }
        var end = i + 10
        if let sep = at(end), sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || (sep == SP && digits(end + 1, 1) != nil) {
            end = try time(at: end + 1)
            if let z = at(end), z == UInt8(ascii: "Z") || z == UInt8(ascii: "z") {
                end += 1
            } else if let s = at(end), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
                guard let oh = digits(end + 1, 2), at(end + 3) == UInt8(ascii: ":"), let om = digits(end + 4, 2), oh < 24, om < 60 else {
                    throw fail("时区偏移应为 ±HH:MM", "a time offset is ±HH:MM", at: end)
                }
                end += 6
            }
        }
        i = end
        return .datetime(String(decoding: b[start..<end], as: UTF8.self))
    }

    /// The end of HH:MM:SS[.fraction] starting at `j`.
    func time(at j: Int) throws(Fail) -> Int {
        guard let h = digits(j, 2), at(j + 2) == UInt8(ascii: ":"), let m = digits(j + 3, 2), at(j + 5) == UInt8(ascii: ":"), let s = digits(j + 6, 2) else {
            throw fail("时间格式应为 HH:MM:SS", "a time is HH:MM:SS", at: j)
        }
        // Second 60 is refused as Python's datetime (tomllib) refuses it.
        guard h < 24, m < 60, s < 60 else { throw fail("时间不存在", "no such time", at: j) }
        var end = j + 8
        if at(end) == UInt8(ascii: ".") {
            end += 1
            guard digits(end, 1) != nil else { throw fail("秒的小数部分缺少数字", "missing digits after the decimal point of the seconds", at: end) }
            while digits(end, 1) != nil { end += 1 }
        }
        return end
    }

    /// Digits of `radix` with single underscores between digits; nil when malformed.
    static func cleanDigits(_ s: ArraySlice<UInt8>, radix: UInt8) -> [UInt8]? {
        guard let first = s.first, let last = s.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return nil }
        var out: [UInt8] = []
        var previousUnderscore = false
        for c in s {
            if c == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            guard let v = hexValue(c), v < radix, radix == 16 || c <= 0x39 else { return nil }
            out.append(c)
        }
        return out
    }

    func number(_ token: [UInt8], at start: Int) throws(Fail) -> Node {
        var s = token[...]
        var negative = false, signed = false
        if let c = s.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { signed = true; negative = c == UInt8(ascii: "-"); s = s.dropFirst() }
        if s.elementsEqual("inf".utf8) || s.elementsEqual("nan".utf8) {
            throw fail("JSON 不能表示 inf 或 nan", "JSON cannot carry inf or nan", at: start)
        }
        let invalid = fail("无效的数字", "invalid number", at: start)
        let overflow = fail("整数超出 64 位范围", "integer does not fit in 64 bits", at: start)
        if s.count >= 2, s.first == UInt8(ascii: "0"), let r = s.dropFirst().first, r == UInt8(ascii: "x") || r == UInt8(ascii: "o") || r == UInt8(ascii: "b") {
            guard !signed else { throw fail("十六、八、二进制整数不能带正负号", "hexadecimal, octal and binary integers take no sign", at: start) }
            let radix: UInt8 = r == UInt8(ascii: "x") ? 16 : r == UInt8(ascii: "o") ? 8 : 2
            guard let ds = Parser.cleanDigits(s.dropFirst(2), radix: radix) else { throw invalid }
            var v: UInt64 = 0
            for c in ds {
                guard let h = Parser.hexValue(c) else { throw invalid }
                let (m, o1) = v.multipliedReportingOverflow(by: UInt64(radix))
                let (a, o2) = m.addingReportingOverflow(UInt64(h))
                guard !o1, !o2, a <= UInt64(Int64.max) else { throw overflow }
                v = a
            }
            return .integer(Int64(truncatingIfNeeded: v))
        }
        let isFloat = s.contains(UInt8(ascii: ".")) || s.contains(UInt8(ascii: "e")) || s.contains(UInt8(ascii: "E"))
        // The integer part: decimal digits, no leading zero.
        let intEnd = s.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? s.endIndex
        guard let intDigits = Parser.cleanDigits(s[s.startIndex..<intEnd], radix: 10) else { throw invalid }
        if intDigits.count > 1 && intDigits.first == UInt8(ascii: "0") { throw fail("十进制数不能以 0 开头", "a decimal number has no leading zero", at: start) }
        if !isFloat {
            var v: UInt64 = 0
            for c in intDigits {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 0x30))
                guard !o1, !o2, a <= UInt64(Int64.max) + (negative ? 1 : 0) else { throw overflow }
                v = a
            }
            return .integer(negative ? Int64(truncatingIfNeeded: 0 &- v) : Int64(truncatingIfNeeded: v))
        }
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        text += intDigits
        var rest = s[intEnd...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let fracEnd = rest.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? rest.endIndex
            guard let frac = Parser.cleanDigits(rest[rest.startIndex..<fracEnd], radix: 10) else { throw invalid }
            text.append(UInt8(ascii: "."))
            text += frac
            rest = rest[fracEnd...]
        }
        if let e = rest.first {
            guard e == UInt8(ascii: "e") || e == UInt8(ascii: "E") else { throw invalid }
            rest = rest.dropFirst()
            text.append(UInt8(ascii: "e"))
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { text.append(sign); rest = rest.dropFirst() }
            guard let exp = Parser.cleanDigits(rest, radix: 10) else { throw invalid }
            text += exp
        }
        guard let v = Double(String(decoding: text, as: UTF8.self)) else { throw invalid }
        guard v.isFinite else { throw fail("浮点数超出范围（JSON 不能表示 inf）", "float out of range (JSON cannot carry inf)", at: start) }
        return .float(v)
    }
}
