import Foundation
import ZIPFoundation

/// The parts of an OPC package (a zip archive), looked up by path.
struct ZipPackage {
    private let archive: Archive
    /// Entries by normalised path: no leading "/", "/" separators, lowercased.
    private let entries: [String: Entry]

    init(data: Data) throws(XLSXError) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .notAZipArchive
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            entries[Self.key(entry.path)] = entry
        }
        self.archive = archive
        self.entries = entries
    }

    func contains(_ path: String) -> Bool {
        entries[Self.key(path)] != nil
    }

    /// The uncompressed bytes of a part; `missingPart` if absent.
    func read(_ path: String) throws(XLSXError) -> Data {
        guard let entry = entries[Self.key(path)] else { throw .missingPart(path) }
        var data = Data()
        data.reserveCapacity(Int(clamping: min(entry.uncompressedSize, 1 << 30)))
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                data.append(chunk)
            }
        } catch {
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
