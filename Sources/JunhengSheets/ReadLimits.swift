/// How much a file may make the readers allocate. Every reader stops with a located error at these limits,
/// so a hostile upload (zip bomb, a cell at column XFD, millions of shared strings) never exhausts memory.
public struct ReadLimits: Sendable, Equatable {
    /// Bytes of the file as uploaded (CSV or XLSX).
    public var fileBytes: Int
    /// Entries in an XLSX zip archive.
    public var zipEntries: Int
    /// Uncompressed bytes of one XLSX part (declared size and bytes actually inflated).
    public var partBytes: Int
    /// Uncompressed bytes of all parts read from one XLSX file.
    public var totalInflatedBytes: Int
    /// Rows of a sheet or records of a CSV file (also the highest row number accepted).
    public var rows: Int
    /// Columns of a row (a cell beyond this column is an error, so a padded reference allocates nothing).
    public var columns: Int
    /// Cells holding a value in one sheet.
    public var cells: Int
    /// Entries of an XLSX shared strings table.
    public var sharedStrings: Int
    /// UTF-8 bytes of all shared strings together.
    public var sharedStringBytes: Int
    /// UTF-8 bytes of one cell's text (CSV field or XLSX cell).
    public var cellBytes: Int
    /// Problems collected before an importer stops listing them (the total is still counted).
    public var issues: Int

    public init(fileBytes: Int = 256 << 20, zipEntries: Int = 10_000, partBytes: Int = 384 << 20,
                totalInflatedBytes: Int = 512 << 20, rows: Int = 1_048_576, columns: Int = 1_024, cells: Int = 20_000_000,
                sharedStrings: Int = 2_000_000, sharedStringBytes: Int = 128 << 20, cellBytes: Int = 32_767 * 4,
                issues: Int = 1_000) {
        self.fileBytes = fileBytes
        self.zipEntries = zipEntries
        self.partBytes = partBytes
        self.totalInflatedBytes = totalInflatedBytes
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.sharedStrings = sharedStrings
        self.sharedStringBytes = sharedStringBytes
        self.cellBytes = cellBytes
        self.issues = issues
    }

    /// The defaults: room for a national file of 250,000 sections, nothing near the memory of a small server.
    public static let `default` = ReadLimits()
}
