import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encoding of a text file.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16 = "utf-16"
    case gb18030 = "gb18030"

    /// Accepts common spellings: utf8, UTF-8, gbk, gb2312 (decoded as their superset GB18030).
    public init?(label: String) {
        switch label.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "utf-8-bom", "utf8-bom", "utf-8-sig": self = .utf8BOM
        case "utf-16", "utf16", "unicode": self = .utf16
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }
}

/// Why bytes could not be decoded as text.
public enum TextDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Invalid bytes for `encoding` at `byteOffset`, on spreadsheet row `row` (line count, header = 1).
    case invalidBytes(encoding: TextEncoding, byteOffset: Int, row: Int)

    public var description: String {
        switch self {
        case .invalidBytes(let e, let offset, let row):
            return "第\(row)行: 文件不是有效的 \(e == .utf8 ? "UTF-8 或 GB18030" : e.rawValue.uppercased()) 编码（第 \(offset) 字节）"
                + " / row \(row): not valid \(e == .utf8 ? "UTF-8 or GB18030" : e.rawValue.uppercased()) text (byte \(offset))"
        }
    }
}

/// Turns file bytes into UTF-8: detects UTF-8 (with or without BOM), UTF-16 (by BOM) and GB18030.
public enum TextDecoding {
    /// UTF-8 bytes without BOM, and the encoding found (or the one declared).
    public static func utf8(from bytes: [UInt8], declared: TextEncoding? = nil) throws(TextDecodingError) -> (bytes: [UInt8], encoding: TextEncoding) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        switch declared {
        case .utf8?, .utf8BOM?:
            let body = hasBOM ? Array(bytes.dropFirst(3)) : bytes
            if let bad = firstInvalidUTF8(body) {
                throw .invalidBytes(encoding: .utf8, byteOffset: bad + (hasBOM ? 3 : 0), row: rowOf(offset: bad, in: body))
            }
            return (body, hasBOM ? .utf8BOM : .utf8)
        case .gb18030?:
            return (try gb18030ToUTF8(bytes), .gb18030)
        case .utf16?:
            return (try utf16ToUTF8(bytes), .utf16)
        case nil:
            if hasBOM { return try utf8(from: bytes, declared: .utf8BOM) }
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return (try utf16ToUTF8(bytes), .utf16) }
            if firstInvalidUTF8(bytes) == nil { return (bytes, .utf8) }
            do { return (try gb18030ToUTF8(bytes), .gb18030) } catch {
                let bad = firstInvalidUTF8(bytes) ?? 0
                throw .invalidBytes(encoding: .utf8, byteOffset: bad, row: rowOf(offset: bad, in: bytes))
            }
        }
    }

    /// Offset of the first byte that breaks UTF-8, or nil when all is valid.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = 0
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                let b = p[i]
                if b < 0x80 { i += 1; continue }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch b {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
                default: return i
                }
                guard i + length <= n else { return i }
                for k in 1..<length {
                    let c = p[i + k]
                    guard c & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
                i += length
            }
            return nil
        }
    }

    /// Spreadsheet row of a byte offset: 1 + the record ends before it (LF, CRLF or a lone CR outside quotes).
    public static func rowOf(offset: Int, in bytes: [UInt8]) -> Int {
        var row = 1, quoted = false
        let end = min(offset, bytes.count)
        var i = 0
        while i < end {
            switch bytes[i] {
            case 0x22: quoted.toggle()
            case 0x0A where !quoted: row += 1
            case 0x0D where !quoted && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A): row += 1
            default: break
            }
            i += 1
        }
        return row
    }

    /// GB18030 (superset of GBK and GB2312) to UTF-8 with glibc's iconv, which rejects invalid bytes.
    public static func gb18030ToUTF8(_ bytes: [UInt8]) throws(TextDecodingError) -> [UInt8] {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { throw .invalidBytes(encoding: .gb18030, byteOffset: 0, row: 1) }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 3 / 2 + 16)
        var input = bytes
        let result: (ok: Bool, consumed: Int, produced: Int) = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (rc != -1 && inLeft == 0, inBuf.count - inLeft, outBuf.count - outLeft)
            }
        }
        guard result.ok else {
            throw .invalidBytes(encoding: .gb18030, byteOffset: result.consumed, row: rowOf(offset: result.consumed, in: bytes))
        }
        output.removeSubrange(result.produced...)
        return output
    }

    static func utf16ToUTF8(_ bytes: [UInt8]) throws(TextDecodingError) -> [UInt8] {
        guard let s = String(data: Data(bytes), encoding: .utf16) else {
            throw .invalidBytes(encoding: .utf16, byteOffset: 0, row: 1)
        }
        return Array(s.utf8)
    }

    /// `text` encoded as GB18030, for files meant for Excel on Chinese Windows.
    public static func gb18030(from text: String) -> [UInt8]? {
        let cd = iconv_open("GB18030", "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return rc == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output[..<produced])
    }
}
