import Fluent
import Foundation

/// A level of the administrative hierarchy: 省 → 市 → 县.
public enum RegionLevel: String, Codable, Sendable, CaseIterable {
    case province, city, county

    var zh: String { switch self { case .province: "省"; case .city: "市"; case .county: "县（区）" } }
    var en: String { switch self { case .province: "province"; case .city: "city"; case .county: "county" } }
}

/// A region (province, city or county); `path` lists the codes from the root, so scope is a prefix test.
public final class Region: Model, @unchecked Sendable {
    public static let schema = "regions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Enum(key: "level") public var level: RegionLevel
    @OptionalParent(key: "parent_id") public var parent: Region?
    /// "/33/3301/330101/": every ancestor's code, root first, ending with this region's.
    @Field(key: "path") public var path: String

    public init() {}

    public init(id: UUID? = nil, code: String, name: String, level: RegionLevel, parent: Region?) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.$parent.id = parent?.id
        self.path = (parent?.path ?? "/") + code + "/"
    }
}
