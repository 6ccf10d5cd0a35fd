/// The files of a seats input folder and their columns (English header as in the issue, Chinese header also accepted).
public enum SeatsFile: String, CaseIterable, Sendable {
    case units, children, housing, schools, adjacency, travel, enrolment

    /// Whether the folder must hold the file.
    public var required: Bool { [.units, .children, .housing, .schools].contains(self) }

    public var columns: [ClassroomFile.Column] {
        typealias C = ClassroomFile.Column
        switch self {
        case .units: return [
            C(zh: "单元代码", en: "unit_code", required: true, help: "小区/村/网格 code", format: .code),
            C(zh: "名称", en: "name", required: true, help: "name"),
            C(zh: "经度", en: "lon", required: true, help: "WGS-84 / CGCS2000 longitude"),
            C(zh: "纬度", en: "lat", required: true, help: "WGS-84 / CGCS2000 latitude"),
            C(zh: "小学学区学校", en: "primary_school", required: false, help: "primary school of record", format: .code),
            C(zh: "初中学区学校", en: "junior_school", required: false, help: "junior school of record", format: .code),
            C(zh: "边界", en: "geometry", required: false, help: "GeoJSON Polygon or MultiPolygon"),
        ]
        case .children: return [
            C(zh: "单元代码", en: "unit_code", required: true, help: "a unit of units.csv", format: .code),
            C(zh: "出生年份", en: "birth_year", required: true, help: "1990–2100", format: .integer(1990...2100)),
            C(zh: "人数", en: "count", required: true, help: "children", format: .integer(0...1_000_000)),
        ]
        case .housing: return [
            C(zh: "单元代码", en: "unit_code", required: true, help: "a unit of units.csv", format: .code),
            C(zh: "套数", en: "dwellings", required: true, help: "dwellings", format: .integer(0...1_000_000)),
            C(zh: "交付年份", en: "delivery_year", required: true, help: "2000–2100", format: .integer(2000...2100)),
            C(zh: "类型", en: "type", required: true, help: "a housing type of the yield table"),
        ]
        case .schools: return [
            C(zh: "学校标识码", en: "school_code", required: true, help: "unique; a 九年一贯制 school has one code per section",
              format: .code),
            C(zh: "学段", en: "section", required: true, help: "小学/初中 (primary/junior)"),
            C(zh: "经度", en: "lon", required: true, help: "longitude"),
            C(zh: "纬度", en: "lat", required: true, help: "latitude"),
            C(zh: "核定班数", en: "approved_classes", required: true, help: "classes approved per grade", format: .integer(0...200)),
            C(zh: "班额上限", en: "class_limit", required: true, help: "pupils per class", format: .integer(1...100)),
        ]
        case .adjacency: return [
            C(zh: "单元代码", en: "unit_code", required: true, help: "a unit", format: .code),
            C(zh: "相邻单元代码", en: "neighbour_code", required: true, help: "a unit touching it", format: .code),
        ]
        case .travel: return [
            C(zh: "单元代码", en: "unit_code", required: true, help: "a unit", format: .code),
            C(zh: "学校标识码", en: "school_code", required: true, help: "a school", format: .code),
            C(zh: "距离米", en: "metres", required: true, help: "road metres", format: .integer(0...10_000_000)),
        ]
        case .enrolment: return [
            C(zh: "学校标识码", en: "school_code", required: true, help: "a school", format: .code),
            C(zh: "学年", en: "year", required: true, help: "school year (autumn)", format: .integer(1990...2100)),
            C(zh: "年级", en: "grade", required: true, help: "1–9", format: .integer(1...9)),
            C(zh: "在校生数", en: "pupils", required: true, help: "pupils", format: .integer(0...100_000)),
        ]
        }
    }
}
