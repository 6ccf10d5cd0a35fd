import Foundation
import ZIPFoundation

/// The parts of an OPC package (a zip archive), looked up by path, inflated within `ReadLimits`.
///
/// The zip directory is read here, with every offset and size checked against the file, and only the inflating is
/// left to ZIPFoundation (`Data.decompress`). Its `Archive` trapped on a directory pointing past the end of the data,
/// and looped forever on a deflate stream cut short (both found by FuzzXLSX).
struct ZipPackage {
    private struct Entry {
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var dataOffset: Int
    }

    private let data: Data
    /// Entries by normalised path: no leading "/", "/" separators, lowercased.
    private let entries: [String: Entry]
    let limits: ReadLimits
    /// Bytes inflated so far from all parts, against `limits.totalInflatedBytes`.
    private let inflated = Counter()

    private final class Counter: @unchecked Sendable { var bytes = 0 }
    private struct Stop: Error {}

    init(data: Data, limits: ReadLimits = .default) throws(XLSXError) {
        guard data.count <= limits.fileBytes else {
            throw .readLimit(part: "(xlsx)", zh: "文件最大 \(limits.fileBytes) 字节（实为 \(data.count)）",
                             en: "a file of at most \(limits.fileBytes) bytes (it has \(data.count))")
        }
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int? { at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        // End of central directory: signature 50 4B 05 06, within the last 22 + 65,535 bytes.
        var eocd = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while eocd >= lowest && u32(eocd) != 0x0605_4B50 { eocd -= 1 }
        guard eocd >= lowest, let count = u16(eocd + 10), let directoryOffset = u32(eocd + 16) else { throw .notAZipArchive }
        guard count <= limits.zipEntries else {
            throw .readLimit(part: "(zip)", zh: "最多 \(limits.zipEntries) 个压缩条目", en: "at most \(limits.zipEntries) zip entries")
        }
        var entries: [String: Entry] = [:]
        var at = directoryOffset
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let method = u16(at + 10), let crc = u32(at + 16), let compressed = u32(at + 20),
                  let uncompressed = u32(at + 24), let nameLength = u16(at + 28), let extraLength = u16(at + 30),
                  let commentLength = u16(at + 32), let local = u32(at + 42), at + 46 + nameLength <= bytes.count
            else { throw .unreadable("zip central directory damaged at byte \(at)") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            at += 46 + nameLength + extraLength + commentLength
            // ZIP64 marks sizes or offsets with 0xFFFFFFFF; a workbook within the file limit never needs them.
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw .unreadable("\(name): ZIP64 entries are not supported")
            }
            guard u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else {
                throw .unreadable("\(name): local header missing at byte \(local)")
            }
            let dataOffset = local + 30 + localName + localExtra
            guard dataOffset + compressed <= bytes.count else { throw .unreadable("\(name): data runs past the end of the file") }
            if name.hasSuffix("/") { continue }
            entries[Self.key(name)] = Entry(method: UInt16(method), crc: UInt32(crc), compressedSize: compressed,
                                            uncompressedSize: uncompressed, dataOffset: dataOffset)
        }
        self.data = Data(bytes)
        self.entries = entries
        self.limits = limits
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// The uncompressed bytes of a part; `missingPart` if absent, `readLimit` as soon as the declared or the
    /// actually inflated size passes the per-part or the total limit (inflating stops there).
    func read(_ path: String) throws(XLSXError) -> Data {
        guard let entry = entries[Self.key(path)] else { throw .missingPart(path) }
        let perPart = limits.partBytes, total = limits.totalInflatedBytes
        let partError = XLSXError.readLimit(part: path, zh: "解压后每个部件最大 \(perPart) 字节", en: "at most \(perPart) bytes inflated per part")
        let totalError = XLSXError.readLimit(part: path, zh: "解压后合计最大 \(total) 字节", en: "at most \(total) bytes inflated in all")
        guard entry.uncompressedSize <= perPart else { throw partError }
        guard entry.uncompressedSize <= max(0, total - inflated.bytes) else { throw totalError }
        let start = data.startIndex + entry.dataOffset
        let raw = data[start..<(start + entry.compressedSize)]
        var out = Data()
        out.reserveCapacity(entry.uncompressedSize)
        var failure: XLSXError?
        func take(_ chunk: Data) throws {
            inflated.bytes += chunk.count
            if out.count + chunk.count > perPart { failure = partError; throw Stop() }
            if inflated.bytes > total { failure = totalError; throw Stop() }
            out.append(chunk)
        }
        do {
            switch entry.method {
            case 0:
                try take(Data(raw))
            case 8:
                let size = Int64(entry.compressedSize)
                _ = try Data.decompress(size: size, bufferSize: 64 * 1024, skipCRC32: true, provider: { position, length in
                    // ZIPFoundation asks again after the last byte when the stream has not ended: that is a cut stream.
                    let n = min(Int64(length), size - position)
                    guard position >= 0, n > 0 else { failure = .unreadable("\(path): compressed data ends early"); throw Stop() }
                    let from = raw.startIndex + Int(position)
                    return raw[from..<(from + Int(n))]
                }, consumer: take)
            default:
                throw XLSXError.unreadable("\(path): compression method \(entry.method) is not supported")
            }
        } catch let error as XLSXError {
            throw error
        } catch {
            if let failure { throw failure }
            throw .unreadable("\(path): \(error)")
        }
        guard out.count == entry.uncompressedSize, out.crc32(checksum: 0) == entry.crc else {
            throw .unreadable("\(path): size or checksum does not match the zip directory")
        }
        return out
    }


    private static func key(_ path: String) -> String {
        var normalised = path.replacingOccurrences(of: "\\", with: "/")
        while normalised.hasPrefix("/") { normalised.removeFirst() }
        return normalised.lowercased()
    }
}
