import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SAX delegate reading the `<sheetData>` of a worksheet part into rows of cell text.
/// Rows with no non-empty cell are left out.
final class WorksheetParser: PartParser {
    private enum CellType { case number, shared, inline, string, boolean, error }
    private enum Capture { case none, value, inline }

    private let sharedStrings: [String]
    private let limits: ReadLimits
    private(set) var rows: [SheetRow] = []
    private var cellCount = 0

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [String] = []
    private var nextColumn = 0
    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var inInlineString = false
    private var sawInline = false
    private var phoneticDepth = 0
    private var capture = Capture.none
    private var value = ""
    private var inline = ""

    init(part: String, sharedStrings: [String], limits: ReadLimits) {
        self.sharedStrings = sharedStrings
        self.limits = limits
        super.init(part: part)
    }

    static func rows(in data: Data, part: String, sharedStrings: [String], limits: ReadLimits = .default) throws(XLSXError) -> [SheetRow] {
        let parser = WorksheetParser(part: part, sharedStrings: sharedStrings, limits: limits)
        try parser.parse(data)
        return parser.rows
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "c" where inSheetData: startCell(attributeDict)
        case "v" where inCell: capture = .value
        case "is" where inCell: inInlineString = true; sawInline = true
        case "rPh" where inInlineString: phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0: capture = .inline
        case "row" where inSheetData: startRow(attributeDict)
        case "sheetData": inSheetData = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        switch localName(elementName) {
        case "c" where inCell: endCell()
        case "v", "t": capture = .none
        case "is": inInlineString = false
        case "rPh" where inInlineString: phoneticDepth -= 1
        case "row" where inSheetData: endRow()
        case "sheetData": inSheetData = false
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: return
        case .value: value += string
        case .inline: inline += string
        }
        if value.utf8.count + inline.utf8.count > limits.cellBytes {
            failLimit("单元格文本最多 \(limits.cellBytes) 字节", "at most \(limits.cellBytes) bytes of text a cell")
        }
    }

    private func startRow(_ attributes: [String: String]) {
        if let r = attributes["r"] {
            guard let number = Int(r), number >= 1, number <= CellReference.maxRowNumber else {
                fail("invalid row number r=\"\(r)\"")
                return
            }
            rowNumber = number
        } else {
            rowNumber += 1
        }
        if rowNumber > limits.rows || rows.count >= limits.rows {
            failLimit("最多 \(limits.rows) 行（第 \(rowNumber) 行）", "at most \(limits.rows) rows (row \(rowNumber))")
            return
        }
        cells.removeAll(keepingCapacity: true)
        nextColumn = 0
    }

    private func endRow() {
        while let last = cells.last, last.isEmpty { cells.removeLast() }
        if !cells.isEmpty {
            rows.append(SheetRow(number: rowNumber, cells: cells))
        }
    }

    private func startCell(_ attributes: [String: String]) {
        if let reference = attributes["r"] {
            guard let index = CellReference.columnIndex(of: reference) else {
                fail("invalid cell reference r=\"\(reference)\"")
                return
            }
            column = index
        } else {
            column = nextColumn
        }
        guard column < limits.columns else {
            failLimit("每行最多 \(limits.columns) 列（第 \(rowNumber) 行第 \(column + 1) 列）",
                      "at most \(limits.columns) columns (row \(rowNumber), column \(column + 1))")
            return
        }
        switch attributes["t"] {
        case "s": type = .shared
        case "inlineStr": type = .inline
        case "str", "d": type = .string
        case "b": type = .boolean
        case "e": type = .error
        default: type = .number
        }
        inCell = true
        sawInline = false
        value = ""
        inline = ""
    }

    private func endCell() {
        inCell = false
        capture = .none
        let text: String
        switch type {
        case .number:
            text = sawInline ? XMLEscaping.decodeHexEscapes(inline) : NumberText.display(value)
        case .shared:
            let trimmed = value.trimmingSpaces()
            if trimmed.isEmpty {
                text = ""
            } else if let index = Int(trimmed), sharedStrings.indices.contains(index) {
                text = sharedStrings[index]
            } else {
                fail("shared string index \"\(value)\" out of range (\(sharedStrings.count) strings)")
                return
            }
        case .inline:
            text = XMLEscaping.decodeHexEscapes(sawInline ? inline : value)
        case .string, .error:
            text = XMLEscaping.decodeHexEscapes(value)
        case .boolean:
            switch value.trimmingSpaces() {
            case "1", "true": text = "TRUE"
            case "0", "false": text = "FALSE"
            case "": text = ""
            default: text = value
            }
        }
        cellCount += 1
        if cellCount > limits.cells {
            failLimit("每个工作表最多 \(limits.cells) 个单元格", "at most \(limits.cells) cells a sheet")
            return
        }
        if column >= cells.count {
            if text.isEmpty { nextColumn = column + 1; return }
            cells.append(contentsOf: repeatElement("", count: column - cells.count + 1))
        }
        cells[column] = text
        nextColumn = column + 1
    }
}
