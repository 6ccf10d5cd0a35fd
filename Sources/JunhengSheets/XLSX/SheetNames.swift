/// Makes sheet names acceptable to Excel: at most 31 characters, none of []:*?/\,
/// no apostrophe at either end, not empty, and unique ignoring case.
enum SheetNames {
    static let maxLength = 31

    /// A legal name for the sheet at 0-based `position`, distinct from `existing`.
    static func sanitise(_ name: String, position: Int, existing: [String]) -> String {
        var cleaned = String(String.UnicodeScalarView(name.unicodeScalars.compactMap { scalar in
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { return nil }
            return "[]:*?/\\".unicodeScalars.contains(scalar) ? "_" : scalar
        }))
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        if cleaned.trimmingSpaces().isEmpty { cleaned = "Sheet\(position + 1)" }
        if cleaned.lowercased() == "history" { cleaned += "_" }  // reserved by Excel
        let base = truncate(cleaned, to: maxLength)
        let taken = Set(existing.map { $0.lowercased() })
        var candidate = base
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = truncate(base, to: maxLength - suffix.utf16.count) + suffix
            counter += 1
        }
        return candidate
    }

    /// The longest prefix of whole characters fitting in `limit` UTF-16 units (Excel's measure).
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var length = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if length + width > limit { break }
            length += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
