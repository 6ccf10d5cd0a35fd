import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A `<sheet>` entry of xl/workbook.xml, in workbook order.
struct WorkbookSheet {
    var name: String
    var relationshipID: String
    var isHidden: Bool
}

/// SAX delegate listing the sheets of xl/workbook.xml.
final class WorkbookParser: PartParser {
    private(set) var sheets: [WorkbookSheet] = []

    static func sheets(in data: Data, part: String) throws(XLSXError) -> [WorkbookSheet] {
        let parser = WorkbookParser(part: part)
        try parser.parse(data)
        return parser.sheets
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard localName(elementName) == "sheet" else { return }
        guard let name = attributeDict["name"] else {
            fail("<sheet> without a name attribute")
            return
        }
        // The relationship id is `r:id`, whatever prefix the file binds to the namespace.
        let id = attributeDict.first { $0.key.hasSuffix(":id") }?.value ?? attributeDict["id"] ?? ""
        let state = attributeDict["state"] ?? "visible"
        sheets.append(WorkbookSheet(name: XMLEscaping.decodeHexEscapes(name), relationshipID: id,
                                    isHidden: state != "visible"))
    }
}
