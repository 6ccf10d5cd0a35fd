import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One `<Relationship>` of a `.rels` part, with its target resolved to a package path.
struct Relationship {
    var id: String
    var type: String
    var target: String

    /// True when the type URI ends with "/" + `kind` (transitional and strict OOXML differ in the prefix).
    func isOfKind(_ kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }

    /// The `.rels` part holding the relationships of `part` ("" for the package itself).
    static func relsPath(for part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }

    /// Parses the `.rels` part describing `sourcePart`; external targets are skipped.
    static func parse(_ data: Data, relsPart: String, sourcePart: String) throws(XLSXError) -> [Relationship] {
        let parser = RelationshipsParser(part: relsPart)
        try parser.parse(data)
        return parser.relationships.map {
            Relationship(id: $0.id, type: $0.type, target: resolve($0.target, from: sourcePart))
        }
    }

    /// Resolves a target ("worksheets/sheet1.xml", "../x.xml" or "/xl/x.xml") against the folder of `sourcePart`.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = []
        if !decoded.hasPrefix("/") {
            segments = sourcePart.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }
        }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}

/// SAX delegate collecting `<Relationship>` elements.
private final class RelationshipsParser: PartParser {
    var relationships: [(id: String, type: String, target: String)] = []

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard localName(elementName) == "Relationship" else { return }
        guard attributeDict["TargetMode"] != "External",
              let id = attributeDict["Id"], let target = attributeDict["Target"] else { return }
        relationships.append((id, attributeDict["Type"] ?? "", target))
    }
}
