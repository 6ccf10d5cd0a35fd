import Fluent
import Foundation

/// One uploaded 三个课堂 input of a county (schools, classes, teachers, lessons): versioned and never changed after upload.
public final class ClassroomDataset: Model, @unchecked Sendable {
    public static let schema = "classroom_datasets"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// 1 for the county's first upload, then 2, 3, …
    @Field(key: "version") public var version: Int
    @Parent(key: "uploaded_by") public var uploadedBy: User
    @Field(key: "uploaded_at") public var uploadedAt: Date
    /// The uploaded file names, comma-separated.
    @Field(key: "file_names") public var fileNames: String
    /// SHA-256 over the files' hashes in schools, classes, teachers, lessons order, hex.
    @Field(key: "file_hash") public var fileHash: String
    @Field(key: "school_count") public var schoolCount: Int
    @Field(key: "teacher_count") public var teacherCount: Int
    /// The files exactly as uploaded: JSON object from file name to base64 bytes.
    @Field(key: "files") public var files: Data
    /// The validated `TeachingCapacity`, JSON, so pages need not re-import.
    @Field(key: "capacity_json") public var capacityJSON: Data

    public init() {}

    public init(countyID: UUID, version: Int, uploadedBy: UUID, uploadedAt: Date, fileNames: String, fileHash: String,
                schoolCount: Int, teacherCount: Int, files: Data, capacityJSON: Data) {
        self.$county.id = countyID
        self.version = version
        self.$uploadedBy.id = uploadedBy
        self.uploadedAt = uploadedAt
        self.fileNames = fileNames
        self.fileHash = fileHash
        self.schoolCount = schoolCount
        self.teacherCount = teacherCount
        self.files = files
        self.capacityJSON = capacityJSON
    }
}
