import Foundation

/// The 政府收支分类科目 code lists of one fiscal year: 支出功能分类 (class 205 教育) and 部门预算支出经济分类.
/// Data, not code: `ClassificationCatalog.builtIn` holds 2025 and 2026, and a JSON override file adds, renames or
/// removes codes for a year (`applying(overrideJSON:)`).
public struct ClassificationCatalog: Sendable, Equatable, Codable {
    public var fiscalYear: Int
    /// 功能分类 code → name (e.g. 2050202 → 小学教育).
    public var functional: [String: String]
    /// 经济分类 code → name (e.g. 30216 → 培训费).
    public var economic: [String: String]

    public init(fiscalYear: Int, functional: [String: String], economic: [String: String]) {
        (self.fiscalYear, self.functional, self.economic) = (fiscalYear, functional, economic)
    }

    /// The built-in catalogue for `year` (nil when the year has none; callers then ask for an override file).
    public static func builtIn(year: Int) -> ClassificationCatalog? {
        guard builtInYears.contains(year) else { return nil }
        return ClassificationCatalog(fiscalYear: year, functional: functional2025, economic: economic2025)
    }

    /// Years with a built-in list.
    public static let builtInYears = [2025, 2026]

    /// The part of class 205 教育 that school budgets use. Names as in the 2025 科目; the 2026 list is unchanged here
    /// (replace it with an override once the year's 科目 are published).
    static let functional2025: [String: String] = [
        "205": "教育支出",
        "20501": "教育管理事务", "2050101": "行政运行", "2050102": "一般行政管理事务", "2050199": "其他教育管理事务支出",
        "20502": "普通教育", "2050201": "学前教育", "2050202": "小学教育", "2050203": "初中教育", "2050204": "高中教育",
        "2050205": "高等教育", "2050299": "其他普通教育支出",
        "20507": "特殊教育", "2050701": "特殊学校教育", "2050702": "工读学校教育", "2050799": "其他特殊教育支出",
        "20508": "进修及培训", "2050801": "教师进修", "2050802": "干部教育", "2050899": "其他进修及培训",
        "20509": "教育费附加安排的支出", "2050901": "农村中小学校舍建设", "2050902": "农村中小学教学设施",
        "2050903": "城市中小学校舍建设", "2050904": "城市中小学教学设施", "2050999": "其他教育费附加安排的支出",
        "20599": "其他教育支出", "2059999": "其他教育支出",
    ]

    /// 部门预算支出经济分类 classes 301/302/303/310 and the items school budgets use.
    static let economic2025: [String: String] = [
        "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30103": "奖金", "30107": "绩效工资",
        "30108": "机关事业单位基本养老保险缴费", "30112": "其他社会保障缴费", "30113": "住房公积金", "30199": "其他工资福利支出",
        "302": "商品和服务支出", "30201": "办公费", "30202": "印刷费", "30205": "水费", "30206": "电费", "30207": "邮电费",
        "30209": "物业管理费", "30211": "差旅费", "30213": "维修（护）费", "30214": "租赁费", "30215": "会议费",
        "30216": "培训费", "30218": "专用材料费", "30226": "劳务费", "30227": "委托业务费", "30239": "其他交通费用",
        "30299": "其他商品和服务支出",
        "303": "对个人和家庭的补助", "30302": "退休费", "30305": "生活补助", "30308": "助学金", "30399": "其他对个人和家庭的补助",
        "310": "资本性支出", "31001": "房屋建筑物购建", "31002": "办公设备购置", "31003": "专用设备购置",
        "31005": "基础设施建设", "31006": "大型修缮", "31007": "信息网络及软件购置更新", "31099": "其他资本性支出",
    ]

    /// The override file: `{"fiscal_year": 2026, "functional": {"2050207": "…"}, "economic": {…}, "remove": ["30239"]}`.
    /// A name replaces or adds a code; `remove` drops codes. Codes must be 3–7 digits and names 1–60 characters.
    struct Override: Decodable {
        var fiscal_year: Int
        var functional: [String: String]?
        var economic: [String: String]?
        var remove: [String]?
    }

    /// Why an override file was refused.
    public struct OverrideError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The catalogue with an override file applied; the file's year must be this catalogue's.
    public func applying(overrideJSON data: Data) throws(OverrideError) -> ClassificationCatalog {
        guard data.count <= 1_048_576 else { throw OverrideError(message: "分类覆盖文件超过 1 MiB / override file over 1 MiB") }
        let o: Override
        do { o = try JSONDecoder().decode(Override.self, from: data) } catch {
            throw OverrideError(message: "分类覆盖文件不是有效的 JSON / not a valid override file: \(error)")
        }
        guard o.fiscal_year == fiscalYear else {
            throw OverrideError(message: "覆盖文件年度 \(o.fiscal_year) ≠ \(fiscalYear) / the override is for another fiscal year")
        }
        var c = self
        for (code, name) in (o.functional ?? [:]) {
            guard Self.validCode(code), (1...60).contains(name.count) else { throw OverrideError(message: "功能分类 '\(code.prefix(20))' 无效 / invalid code") }
            c.functional[code] = name
        }
        for (code, name) in (o.economic ?? [:]) {
            guard Self.validCode(code), (1...60).contains(name.count) else { throw OverrideError(message: "经济分类 '\(code.prefix(20))' 无效 / invalid code") }
            c.economic[code] = name
        }
        for code in o.remove ?? [] { c.functional[code] = nil; c.economic[code] = nil }
        return c
    }

    /// 3 to 7 ASCII digits.
    public static func validCode(_ code: String) -> Bool {
        (3...7).contains(code.utf8.count) && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The name of a 功能分类 code, or of its nearest listed parent (7 → 5 → 3 digits).
    public func functionalName(_ code: String) -> String? { functional[code] }
    public func economicName(_ code: String) -> String? { economic[code] }

    /// The 类 (first 3 digits) of an economic code: 301, 302, 303, 310.
    public static func economicClass(_ code: String) -> String { String(code.prefix(3)) }
}
