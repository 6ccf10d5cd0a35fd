import Foundation
import ZIPFoundation

/// The parts of an OPC package (a zip archive), looked up by path, inflated within `ReadLimits`.
struct ZipPackage {
    private let archive: Archive
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
        // ZIPFoundation's in-memory archive traps when the zip directory points past the end of the data (found by
        // FuzzXLSX); its file-backed archive reads with fread, which just stops there. So the bytes go to a private
        // temporary file, unlinked as soon as the archive has opened it.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-\(UUID().uuidString).xlsx").path
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw .unreadable("cannot write a temporary copy in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { unlink(path) }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .notAZipArchive
        }
        var entries: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.zipEntries else {
                throw .readLimit(part: "(zip)", zh: "最多 \(limits.zipEntries) 个压缩条目", en: "at most \(limits.zipEntries) zip entries")
            }
            if entry.type == .file { entries[Self.key(entry.path)] = entry }
        }
        self.archive = archive
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
        guard entry.uncompressedSize <= UInt64(perPart) else { throw partError }
        guard entry.uncompressedSize <= UInt64(max(0, total - inflated.bytes)) else { throw totalError }
        var data = Data()
        data.reserveCapacity(Int(clamping: entry.uncompressedSize))
        var failure: XLSXError?
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                inflated.bytes += chunk.count
                if data.count + chunk.count > perPart { failure = partError; throw Stop() }
                if inflated.bytes > total { failure = totalError; throw Stop() }
                data.append(chunk)
            }
        } catch {
            if let failure { throw failure }
            throw .unreadable("\(path): \(error)")
        }
        return data
    }

    private static func key(_ path: String) -> String {
        var normalised = path.replacingOccurrences(of: "\\", with: "/")
        while normalised.hasPrefix("/") { normalised.removeFirst() }
        return normalised.lowercased()
    }
}
