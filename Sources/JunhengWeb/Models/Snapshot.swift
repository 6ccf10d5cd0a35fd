import Fluent
import Foundation

/// One uploaded statistics file of a county and school year: versioned and never changed after upload.
public final class Snapshot: Model, @unchecked Sendable {
    public static let schema = "snapshots"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// 学年 by its first calendar year: 2025 is 2025–2026.
    @Field(key: "school_year") public var schoolYear: Int
    /// 1 for the first upload of that county and year, then 2, 3, …
    @Field(key: "version") public var version: Int
    @Parent(key: "uploaded_by") public var uploadedBy: User
    @Field(key: "uploaded_at") public var uploadedAt: Date
    @Field(key: "file_name") public var fileName: String
    /// SHA-256 of the file's bytes, hex.
    @Field(key: "file_hash") public var fileHash: String
    @Field(key: "school_count") public var schoolCount: Int
    @Field(key: "row_count") public var rowCount: Int
    /// The file exactly as uploaded; evaluations re-import it with the CLI's importer.
    @Field(key: "content") public var content: Data

    public init() {}

    public init(countyID: UUID, schoolYear: Int, version: Int, uploadedBy: UUID, uploadedAt: Date,
                fileName: String, fileHash: String, schoolCount: Int, rowCount: Int, content: Data) {
        self.$county.id = countyID
        self.schoolYear = schoolYear
        self.version = version
        self.$uploadedBy.id = uploadedBy
        self.uploadedAt = uploadedAt
        self.fileName = fileName
        self.fileHash = fileHash
        self.schoolCount = schoolCount
        self.rowCount = rowCount
        self.content = content
    }
}
