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
    private let limits: ReadLimits
    private var totalBytes = 0

    init(part: String, limits: ReadLimits) {
        self.limits = limits
        super.init(part: part)
    }

    static func strings(in data: Data, part: String, limits: ReadLimits = .default) throws(XLSXError) -> [String] {
        let parser = SharedStrings(part: part, limits: limits)
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
            guard strings.count < limits.sharedStrings else {
                failLimit("最多 \(limits.sharedStrings) 个共享字符串", "at most \(limits.sharedStrings) shared strings")
                return
            }
            totalBytes += text.utf8.count
            guard totalBytes <= limits.sharedStringBytes else {
                failLimit("共享字符串合计最多 \(limits.sharedStringBytes) 字节", "at most \(limits.sharedStringBytes) bytes of shared strings")
                return
            }
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
        guard capturing else { return }
        text += string
        if text.utf8.count > limits.cellBytes {
            failLimit("每个字符串最多 \(limits.cellBytes) 字节", "at most \(limits.cellBytes) bytes a string")
        }
    }
}
