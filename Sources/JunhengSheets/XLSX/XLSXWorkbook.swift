import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workbook being written: sheets of rows.
public struct XLSXWorkbook: Sendable {
    struct Sheet: Sendable {
        var name: String
        var rows: [[XLSXCell]]
        var columnWidths: [Double]?
        var freezeHeaderRow: Bool
    }

    private(set) var sheets: [Sheet] = []

    public init() {}

    /// The sheet names as they will be written, after sanitising and de-duplicating.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Appends a sheet. The name is made legal for Excel (31 characters, no []:*?/\, unique).
    /// `columnWidths[i]` is the width of column i in characters; the first row is frozen by default.
    public mutating func addSheet(name: String, rows: [[XLSXCell]], columnWidths: [Double]? = nil,
                                  freezeHeaderRow: Bool = true) {
        let legal = SheetNames.sanitise(name, position: sheets.count, existing: sheetNames)
        sheets.append(Sheet(name: legal, rows: rows, columnWidths: columnWidths, freezeHeaderRow: freezeHeaderRow))
    }

    /// The .xlsx file as bytes; `noWorksheet` if no sheet was added.
    public func data() throws(XLSXError) -> Data {
        try XLSXWriter.package(sheets)
    }

    /// Writes the file to a temporary file in the same folder, then renames it over `url`,
    /// so a failure never leaves a half-written file.
    public func write(to url: URL) throws(XLSXError) {
        let bytes = try data()
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary, options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable("\(url.path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable("\(url.path): \(reason)")
        }
    }
}
