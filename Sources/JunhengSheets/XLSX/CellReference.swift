/// Converts between column letters (A, Z, AA, XFD) and 0-based column indexes.
enum CellReference {
    /// Excel's last column, XFD, as a 0-based index.
    static let maxColumnIndex = 16_383
    /// Excel's last row number.
    static let maxRowNumber = 1_048_576

    /// The 0-based column of a reference such as "AB12" or "AB"; nil if it has no letters
    /// or lies beyond column XFD.
    static func columnIndex(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            let value: Int
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "$") where letters == 0: continue
            default:
                return letters == 0 ? nil : column - 1
            }
            column = column * 26 + value
            letters += 1
            if column - 1 > maxColumnIndex { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// The letters of a 0-based column index: 0 → "A", 26 → "AA".
    static func letters(forColumn index: Int) -> String {
        var n = index + 1
        var scalars: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            scalars.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        return String(decoding: scalars.reversed(), as: UTF8.self)
    }
}
