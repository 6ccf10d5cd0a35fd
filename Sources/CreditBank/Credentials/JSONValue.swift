/// A JSON value as parsed or built, kept exactly (numbers as IEEE doubles, as JCS requires; object members in order).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in document order; JCS sorts them when serialising.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .number(let n): h.combine(n)
        case .string(let s): h.combine(s)
        case .array(let a): h.combine(a)
        case .object(let o): for (k, v) in o { h.combine(k); h.combine(v) }
        }
    }

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var members: [(String, JSONValue)]? { if case .object(let o) = self { o } else { nil } }

    /// This object with `key` set (replacing an existing member in place, else appended).
    public func setting(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var m) = self else { return self }
        if let i = m.firstIndex(where: { $0.0 == key }) { m[i].1 = value } else { m.append((key, value)) }
        return .object(m)
    }

    /// This object without `key`.
    public func removing(_ key: String) -> JSONValue {
        guard case .object(let m) = self else { return self }
        return .object(m.filter { $0.0 != key })
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral,
                     ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// Why JSON text was refused, with the byte offset.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "JSON 第 \(offset) 字节：\(message) / JSON at byte \(offset): \(message)" }
}

/// A strict RFC 8259 parser with bounds (depth, size), refusing duplicate keys and lone surrogates (I-JSON, as JCS needs).
public struct JSONParser {
    /// At most this many bytes of text.
    public static let maxBytes = 32 << 20
    /// At most this nesting depth.
    public static let maxDepth = 64

    let b: [UInt8]
    var i = 0

    /// Parses one JSON text.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= maxBytes else { throw JSONParseError(offset: 0, message: "超过 \(maxBytes) 字节 / larger than \(maxBytes) bytes") }
        var p = JSONParser(b: bytes)
        if p.b.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        p.ws()
        let v = try p.value(depth: 0)
        p.ws()
        guard p.i == p.b.count else { throw p.fail("多余的内容 / trailing content") }
        return v
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try parse(Array(text.utf8)) }

    func fail(_ m: String) -> JSONParseError { JSONParseError(offset: i, message: m) }

    mutating func ws() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }

    mutating func literal(_ s: String, _ v: JSONValue) throws(JSONParseError) -> JSONValue {
        let u = Array(s.utf8)
        guard i + u.count <= b.count, Array(b[i..<(i + u.count)]) == u else { throw fail("无效的值 / invalid value") }
        i += u.count
        return v
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw fail("嵌套过深 / nested too deeply") }
        guard i < b.count else { throw fail("意外结束 / unexpected end") }
        switch b[i] {
        case UInt8(ascii: "{"):
            i += 1; ws()
            var members: [(String, JSONValue)] = []
            var seen = Set<String>()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object([]) }
            while true {
                ws()
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("应为键名 / expected a key") }
                let k = try string()
                guard seen.insert(k).inserted else { throw fail("重复的键 \(k) / duplicate key \(k)") }
                ws()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("应为 : / expected :") }
                i += 1; ws()
                members.append((k, try value(depth: depth + 1)))
                ws()
                guard i < b.count else { throw fail("意外结束 / unexpected end") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                throw fail("应为 , 或 } / expected , or }")
            }
        case UInt8(ascii: "["):
            i += 1; ws()
            var items: [JSONValue] = []
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
            while true {
                ws()
                items.append(try value(depth: depth + 1))
                ws()
                guard i < b.count else { throw fail("意外结束 / unexpected end") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("应为 , 或 ] / expected , or ]")
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return .number(try number())
        }
    }

    mutating func number() throws(JSONParseError) -> Double {
        let start = i
        func digits(_ p: inout JSONParser) -> Int { let s = p.i; while p.i < p.b.count, (0x30...0x39).contains(p.b[p.i]) { p.i += 1 }; return p.i - s }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, (0x30...0x39).contains(b[i]) else { throw fail("无效的数 / invalid number") }
        if b[i] == 0x30 { i += 1 } else { _ = digits(&self) }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; guard digits(&self) > 0 else { throw fail("无效的数 / invalid number") } }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw fail("无效的数 / invalid number") }
        }
        guard i - start <= 400, let d = Double(String(decoding: b[start..<i], as: UTF8.self)), d.isFinite else {
            throw JSONParseError(offset: start, message: "数超出范围 / number out of range")
        }
        return d
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("无效的 \\u 转义 / invalid \\u escape") }
        var v: UInt32 = 0
        for c in b[i..<(i + 4)] {
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("无效的 \\u 转义 / invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        i += 4
        return v
    }

    mutating func string() throws(JSONParseError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("字符串未结束 / unterminated string") }
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw fail("字符串中有控制字符 / control character in string") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { throw fail("字符串未结束 / unterminated string") }
            let e = b[i]; i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var cp = try hex4()
                if (0xD800...0xDBFF).contains(cp) {
                    guard i + 2 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw fail("孤立的代理项 / lone surrogate") }
                    i += 2
                    let lo = try hex4()
                    guard (0xDC00...0xDFFF).contains(lo) else { throw fail("孤立的代理项 / lone surrogate") }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(cp) {
                    throw fail("孤立的代理项 / lone surrogate")
                }
                guard let scalar = Unicode.Scalar(cp) else { throw fail("无效的码点 / invalid code point") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw fail("无效的转义 / invalid escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("无效的 UTF-8 / invalid UTF-8") }
        return s
    }
}
