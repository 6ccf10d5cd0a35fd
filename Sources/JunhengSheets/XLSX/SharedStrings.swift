import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SAX delegate reading xl/sharedStrings.xml: the text of each `<si>`, rich-text runs
/// concatenated, phonetic `<rPh>` runs ignored.
final class SharedStrings: PartParser {
    private(set) var strings: [String] = []
    private var inItem = false
    private var phoneticDepth = 0
    private var capturing = false
    private var text = ""

    static func strings(in data: Data, part: String) throws(XLSXError) -> [String] {
        let parser = SharedStrings(part: part)
        try parser.parse(data)
        return parser.strings
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "si":
            inItem = true
            text = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            capturing = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        switch localName(elementName) {
        case "si":
            strings.append(XMLEscaping.decodeHexEscapes(text))
            inItem = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            capturing = false
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { text += string }
    }
}
