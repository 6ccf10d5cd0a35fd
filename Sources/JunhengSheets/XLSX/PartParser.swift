import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base SAX delegate for one package part. Subclasses override the callbacks implemented
/// here (they must be declared in this class to be dispatched) and call `fail` to abort.
class PartParser: NSObject, XMLParserDelegate {
    /// Path of the part inside the package, used in error messages.
    let part: String
    private var failure: XLSXError?
    private var syntaxError: (line: Int, message: String)?
    private weak var parser: XMLParser?

    init(part: String) {
        self.part = part
    }

    /// Parses `data`, throwing `malformedXML` with the line of the first problem.
    func parse(_ data: Data) throws(XLSXError) {
        // The stream parser silently accepts fewer than 4 bytes; no XML document is that short.
        guard data.count >= 4 else { throw .malformedXML(part: part, line: 1, message: "empty document") }
        // A stream is fed to the parser in chunks; FoundationXML hands `init(data:)` to libxml2
        // in one piece, which fails on parts over libxml2's 10 MB look-ahead limit.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        let succeeded = parser.parse()
        parser.delegate = nil
        if let failure { throw failure }
        // FoundationXML on Linux may return true after reporting an error, so check both.
        if !succeeded || syntaxError != nil {
            let line = syntaxError?.line ?? parser.lineNumber
            let message = syntaxError?.message ?? Self.describe(parser.parserError)
            throw .malformedXML(part: part, line: line, message: message)
        }
    }

    /// Stops parsing; `parse` then throws `malformedXML` with `message` at the current line.
    func fail(_ message: String) {
        guard failure == nil else { return }
        failure = .malformedXML(part: part, line: parser?.lineNumber ?? 0, message: message)
        parser?.abortParsing()
    }

    /// Stops parsing; `parse` then throws `readLimit` naming the bound that was passed.
    func failLimit(_ zh: String, _ en: String) {
        guard failure == nil else { return }
        let line = parser?.lineNumber ?? 0
        failure = .readLimit(part: part, zh: "第 \(line) 行：" + zh, en: "line \(line): " + en)
        parser?.abortParsing()
    }

    /// The element name without a namespace prefix ("x:row" → "row").
    @inline(__always)
    func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {}

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        self.parser(parser, foundCharacters: whitespaceString)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if syntaxError == nil {
            syntaxError = (parser.lineNumber, Self.describe(parseError))
            parser.abortParsing()
        }
    }

    private static func describe(_ error: Error?) -> String {
        guard let error = error as NSError? else { return "XML parser error" }
        let known: [Int: String] = [
            4: "empty document", 5: "unexpected end of document", 9: "invalid character",
            26: "undeclared entity", 38: "'<' in attribute value", 39: "attribute not started",
            40: "attribute not finished", 41: "attribute without value", 42: "attribute redefined",
            64: "XML declaration not finished", 68: "name required", 73: "'>' required",
            76: "end tag does not match start tag", 77: "unfinished element",
            85: "elements not balanced", 86: "extra content at the end of the document",
        ]
        return known[error.code] ?? "XML parser error \(error.code)"
    }
}
