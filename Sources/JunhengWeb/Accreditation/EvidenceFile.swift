import Crypto
import Foundation

/// The evidence types accepted, recognised by their first bytes (the name's extension must agree).
enum EvidenceType: String, CaseIterable, Sendable {
    case pdf, png, jpeg, docx, xlsx, doc, xls

    var mime: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .doc: "application/msword"
        case .xls: "application/vnd.ms-excel"
        }
    }

    /// Extensions a file of this type may carry.
    var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        default: [rawValue]
        }
    }

    /// The type of `bytes` if its signature is one we accept and the name's extension matches it; nil otherwise.
    static func sniff(_ bytes: [UInt8], name: String) -> EvidenceType? {
        let ext = name.split(separator: ".").count > 1 ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
        let found: EvidenceType?
        if bytes.starts(with: Array("%PDF-".utf8)) { found = .pdf }
        else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { found = .png }
        else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { found = .jpeg }
        else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // An Office Open XML package names its main part's folder in the zip entries.
            found = ext == "docx" && contains(bytes, "word/") ? .docx : ext == "xlsx" && contains(bytes, "xl/") ? .xlsx : nil
        } else if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            found = ext == "doc" ? .doc : ext == "xls" ? .xls : nil
        } else { found = nil }
        guard let found, found.extensions.contains(ext) else { return nil }
        return found
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

/// Evidence bytes on disk, under the county's folder by their SHA-256 (written to a temporary name, then renamed).
enum EvidenceStorage {
    static func path(_ dir: String, county: String, sha256: String) -> String { "\(dir)/\(county)/\(sha256)" }

    static func write(_ bytes: [UInt8], dir: String, county: String, sha256: String) throws {
        let folder = "\(dir)/\(county)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let final = path(dir, county: county, sha256: sha256)
        if FileManager.default.fileExists(atPath: final) { return }
        let temporary = "\(folder)/.\(sha256).\(UUID().uuidString).tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, final) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The stored bytes, if they are there and still hash to `sha256`.
    static func read(dir: String, county: String, sha256: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: path(dir, county: county, sha256: sha256)),
              SHA256.hex(data) == sha256 else { return nil }
        return data
    }
}
