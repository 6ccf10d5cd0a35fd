import Fluent
import Foundation

/// A 专递课堂 plan computed from a classroom dataset; published plans are the timetable schools follow.
public final class ClassroomPlanRecord: Model, @unchecked Sendable {
    public static let schema = "classroom_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "dataset_id") public var dataset: ClassroomDataset
    @Parent(key: "county_id") public var county: Region
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date
    /// optimal, decomposed or time_limit.
    @Field(key: "status") public var status: String
    /// Most receiving classes per session.
    @Field(key: "cap") public var cap: Int
    /// Covered / coverable periods, and the LP bound / coverable.
    @Field(key: "coverage") public var coverage: Double
    @Field(key: "upper_bound") public var upperBound: Double
    @Field(key: "covered_periods") public var coveredPeriods: Int
    @Field(key: "coverable_periods") public var coverablePeriods: Int
    /// The `ClassroomPlan`, JSON (Codable).
    @Field(key: "result_json") public var resultJSON: Data
    @Field(key: "published") public var published: Bool
    @OptionalField(key: "published_at") public var publishedAt: Date?

    public init() {}

    public init(datasetID: UUID, countyID: UUID, createdBy: UUID, createdAt: Date, status: String, cap: Int, coverage: Double,
                upperBound: Double, coveredPeriods: Int, coverablePeriods: Int, resultJSON: Data) {
        self.$dataset.id = datasetID
        self.$county.id = countyID
        self.$createdBy.id = createdBy
        self.createdAt = createdAt
        self.status = status
        self.cap = cap
        self.coverage = coverage
        self.upperBound = upperBound
        self.coveredPeriods = coveredPeriods
        self.coverablePeriods = coverablePeriods
        self.resultJSON = resultJSON
        self.published = false
        self.publishedAt = nil
    }
}
