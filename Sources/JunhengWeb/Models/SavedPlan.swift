import Fluent
import Foundation

/// A remedy (整改) plan computed for a snapshot and kept so plans can be compared and exported.
public final class SavedPlan: Model, @unchecked Sendable {
    public static let schema = "saved_plans"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "snapshot_id") public var snapshot: Snapshot
    @Parent(key: "created_by") public var createdBy: User
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "title") public var title: String
    /// The request as the user gave it (mode, budget, what-if rules), JSON.
    @Field(key: "parameters") public var parameters: String
    /// Solver status: optimal, feasible, infeasible, …
    @Field(key: "status") public var status: String
    @OptionalField(key: "total_cost") public var totalCost: Double?
    /// The plan in the CLI's JSON contract.
    @Field(key: "result_json") public var resultJSON: Data

    public init() {}

    public init(snapshotID: UUID, createdBy: UUID, createdAt: Date, title: String, parameters: String,
                status: String, totalCost: Double?, resultJSON: Data) {
        self.$snapshot.id = snapshotID
        self.$createdBy.id = createdBy
        self.createdAt = createdAt
        self.title = title
        self.parameters = parameters
        self.status = status
        self.totalCost = totalCost
        self.resultJSON = resultJSON
    }
}
