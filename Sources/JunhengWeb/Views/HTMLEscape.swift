import Plot

/// The one place HTML text and attribute values are escaped. Plot 0.14 escapes text nodes but writes attribute
/// values as given, so every attribute built from data goes through `.attr(_:_:)` below; `HTMLLintTests` fails on a
/// Plot attribute call whose argument is not a plain string literal.
enum HTMLEscape {
    /// Escapes `& < > " '` for use inside a double- or single-quoted attribute value, or as text.
    static func attribute(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes text for HTML, SVG or XML content written as raw markup (same set as attributes: one rule for all).
    static func text(_ s: String) -> String { attribute(s) }
}

/// Attribute names that may carry data; their values are always escaped.
enum SafeAttribute: String {
    case href, action, src, id, name, value, `class`, `for`, title, placeholder, content, alt, label, min, max, step
    case colspan, rowspan, accept, pattern, form, headers, scope, maxlength
    case ariaLabel = "aria-label", ariaSort = "aria-sort", dataValue = "data-value", dataSlot = "data-slot", dataState = "data-state"
}

extension Node {
    /// An attribute whose value is escaped (`& < > " '`), whatever it holds.
    static func attr(_ name: SafeAttribute, _ value: String) -> Node {
        .attribute(named: name.rawValue, value: HTMLEscape.attribute(value))
    }
}

extension Attribute {
    /// An attribute whose value is escaped (`& < > " '`), whatever it holds.
    static func attr(_ name: SafeAttribute, _ value: String) -> Attribute {
        Attribute(name: name.rawValue, value: HTMLEscape.attribute(value))
    }
}
