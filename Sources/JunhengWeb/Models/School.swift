import Fluent
import Foundation

/// A school of a county, known from its statistics uploads or added by an administrator.
public final class School: Model, @unchecked Sendable {
    public static let schema = "schools"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// 学校标识码.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String

    public init() {}

    public init(id: UUID? = nil, countyID: UUID, code: String, name: String) {
        self.id = id
        self.$county.id = countyID
        self.code = code
        self.name = name
    }
}
