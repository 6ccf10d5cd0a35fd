import Foundation

/// Writes CSV text: fields quoted only when they hold a delimiter, quote or line break.
public struct CSVWriter {
    /// The text written so far.
    public private(set) var text = ""

    public init() {}

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        var first = true
        for f in fields {
            if !first { text += "," }
            first = false
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                text += "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                text += f
            }
        }
        text += "\r\n"
    }
}
