import Foundation
import ZIPFoundation

/// Lays out the parts of a minimal SpreadsheetML package and zips them.
enum XLSXWriter {
    static let maxCellTextLength = 32_767
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// Fixed entry date so the same workbook always gives the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 946_728_000)  // 2000-01-01

    static func package(_ sheets: [XLSXWorkbook.Sheet]) throws(XLSXError) -> Data {
        guard !sheets.isEmpty else { throw .noWorksheet }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbook(sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", try worksheet(sheet, selected: index == 0)))
        }
        return try zip(parts)
    }

    private static func zip(_ parts: [(String, String)]) throws(XLSXError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return bytes.subdata(in: start..<min(start + size, bytes.count))
                }
            }
            guard let data = archive.data else { throw XLSXError.unwritable("zip archive produced no data") }
            return data
        } catch let error as XLSXError {
            throw error
        } catch {
            throw .unwritable("zip archive: \(error)")
        }
    }

    private static func contentTypes(sheetCount: Int) -> String {
        let prefix = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(prefix).sheet.main+xml"/>"#
        for n in 1...sheetCount {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(n).xml" ContentType="\#(prefix).worksheet+xml"/>"#
        }
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(prefix).styles+xml"/>"#
        return xml + "</Types>"
    }

    private static let packageRelationships = declaration + #"<Relationships xmlns="\#(packageRelNS)">"#
        + #"<Relationship Id="rId1" Type="\#(relNS)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    private static func workbook(_ names: [String]) -> String {
        var xml = declaration + #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in names.enumerated() {
            let escaped = XMLEscaping.escape(name, inAttribute: true)
            xml += #"<sheet name="\#(escaped)" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration + #"<Relationships xmlns="\#(packageRelNS)">"#
        for n in 1...sheetCount {
            xml += #"<Relationship Id="rId\#(n)" Type="\#(relNS)/worksheet" Target="worksheets/sheet\#(n).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relNS)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Style 0 is the default; style 1 (`s="1"`) uses the bold font 1.
    private static let styles = declaration + #"<styleSheet xmlns="\#(mainNS)">"#
        + #"<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        + #"<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill>"#
        + #"<fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FF404040"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    private static func worksheet(_ sheet: XLSXWorkbook.Sheet, selected: Bool) throws(XLSXError) -> String {
        let rowCount = sheet.rows.count
        let columnCount = sheet.rows.map(\.count).max() ?? 0
        guard rowCount <= CellReference.maxRowNumber else {
            throw .limitExceeded("sheet \(sheet.name) has \(rowCount) rows (max \(CellReference.maxRowNumber))")
        }
        guard columnCount <= CellReference.maxColumnIndex + 1 else {
            throw .limitExceeded("sheet \(sheet.name) has \(columnCount) columns (max \(CellReference.maxColumnIndex + 1))")
        }
        let letters = (0..<max(columnCount, 1)).map(CellReference.letters(forColumn:))
        var xml = declaration + #"<worksheet xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        let lastCell = rowCount == 0 || columnCount == 0 ? "" : ":\(letters[columnCount - 1])\(rowCount)"
        xml += #"<dimension ref="A1\#(lastCell)"/>"#
        xml += #"<sheetViews><sheetView\#(selected ? #" tabSelected="1""# : "") workbookViewId="0">"#
        if sheet.freezeHeaderRow && rowCount > 0 {
            xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            xml += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#
        }
        xml += #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#
        xml += columns(sheet.columnWidths)
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            appendRow(row, number: rowIndex + 1, letters: letters, to: &xml)
        }
        return xml + "</sheetData></worksheet>"
    }

    private static func columns(_ widths: [Double]?) -> String {
        guard let widths, !widths.isEmpty else { return "" }
        var xml = "<cols>"
        for (index, width) in widths.enumerated() where width.isFinite && width >= 0 {
            let clamped = NumberText.format(min(width, 255)) ?? "0"
            xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(clamped)" customWidth="1"/>"#
        }
        return xml == "<cols>" ? "" : xml + "</cols>"
    }

    private static func appendRow(_ row: [XLSXCell], number: Int, letters: [String], to xml: inout String) {
        var opened = false
        for (column, cell) in row.enumerated() {
            let body: String
            var content = cell, flagged = false
            while case .flagged(let inner) = content { content = inner; flagged = true }
            switch content {
            case .empty, .flagged:
                guard flagged else { continue }
                body = #" s="2"/>"#
            case .number(let value):
                guard let text = NumberText.format(value) else { continue }
                body = (flagged ? #" s="2""# : "") + "><v>\(text)</v></c>"
            case .text(let text), .header(let text):
                guard !text.isEmpty || flagged else { continue }
                var style = flagged ? #" s="2""# : ""
                if !flagged, case .header = content { style = #" s="1""# }
                body = #"\#(style) t="inlineStr"><is>\#(inlineText(text))</is></c>"#
            }
            if !opened {
                xml += #"<row r="\#(number)">"#
                opened = true
            }
            xml += #"<c r="\#(letters[column])\#(number)""#
            xml += body
        }
        if opened { xml += "</row>" }
    }

    /// `<t>` with the escaped text, truncated to Excel's cell limit; spaces kept where needed.
    private static func inlineText(_ text: String) -> String {
        let limited = SheetNames.truncate(text, to: maxCellTextLength)
        let escaped = XMLEscaping.escape(limited)
        let needsPreserve = limited.first.map(\.isWhitespace) == true || limited.last.map(\.isWhitespace) == true
            || limited.contains("\n") || limited.contains("\t")
        return needsPreserve ? #"<t xml:space="preserve">\#(escaped)</t>"# : "<t>\(escaped)</t>"
    }
}
