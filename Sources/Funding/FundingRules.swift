import Foundation

/// The funding rules' parameters as data (`FundingRules.national`), with a JSON override file that changes only the
/// keys it names. Shares are in basis points (9000 = 90%), amounts in whole yuan, so every comparison is exact.
public struct FundingRules: Sendable, Equatable, Codable {
    public var id: String
    /// 省生均公用经费基准定额 (yuan per pupil per year), 小学 and 初中.
    public var provinceQuotaPrimaryYuan: Int
    public var provinceQuotaJuniorYuan: Int
    /// The county's own 基准定额; nil: the province's.
    public var countyQuotaPrimaryYuan: Int?
    public var countyQuotaJuniorYuan: Int?
    /// 特殊教育学校生均公用经费 minimum (G7).
    public var specialMinimumYuan: Int
    /// Schools with fewer pupils are funded as if they had this many (G6).
    public var smallSchoolPupils: Int
    /// 农村 per-pupil public funds ≥ this share of 城区 (basis points).
    public var ruralShareBasisPoints: Int
    /// Training funds ≥ this share of each school's public funds (Q4, basis points).
    public var trainingShareBasisPoints: Int
    /// The 采购意向 must be published at least this many days before the tender.
    public var procurementNoticeDays: Int
    /// A year-on-year change of public funds beyond this share asks for an explanation (basis points).
    public var swingBasisPoints: Int
    /// 经济分类 prefixes that make up 公用经费 (default: class 302 商品和服务支出).
    public var publicFundsEconomicPrefixes: [String]
    /// 经济分类 codes of teacher training (default: 30216 培训费).
    public var trainingEconomicCodes: [String]
    /// Locations compared by the rural/urban rule.
    public var ruralLocations: [String]
    public var urbanLocations: [String]

    /// National defaults. Sources: G6 (100 pupils), G7 (6000 yuan), Q4 (5%) from accreditation.md (教督〔2017〕6号);
    /// rural ≥ 90% of urban from standards.md §5; 720 / 940 yuan are the 基准定额 given in the issue brief (the same
    /// figures the demo province uses in `DemoAssessment`), not found in the reference files: override them with the
    /// province's published figures. 30 days (采购意向 before tender) and 10% (swing) are the figures.
    public static let national = FundingRules(
        id: "national-2026", provinceQuotaPrimaryYuan: 720, provinceQuotaJuniorYuan: 940, countyQuotaPrimaryYuan: nil,
        countyQuotaJuniorYuan: nil, specialMinimumYuan: 6000, smallSchoolPupils: 100, ruralShareBasisPoints: 9000,
        trainingShareBasisPoints: 500, procurementNoticeDays: 30, swingBasisPoints: 1000, publicFundsEconomicPrefixes: ["302"],
        trainingEconomicCodes: ["30216"], ruralLocations: ["乡村"], urbanLocations: ["城区"])

    public var countyPrimaryYuan: Int { countyQuotaPrimaryYuan ?? provinceQuotaPrimaryYuan }
    public var countyJuniorYuan: Int { countyQuotaJuniorYuan ?? provinceQuotaJuniorYuan }

    /// Why an override file was refused.
    public struct OverrideError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    nonisolated(unsafe) static let integerKeys: [String: WritableKeyPath<FundingRules, Int>] = [
        "province_quota_primary_yuan": \.provinceQuotaPrimaryYuan, "province_quota_junior_yuan": \.provinceQuotaJuniorYuan,
        "special_minimum_yuan": \.specialMinimumYuan, "small_school_pupils": \.smallSchoolPupils,
        "rural_share_basis_points": \.ruralShareBasisPoints, "training_share_basis_points": \.trainingShareBasisPoints,
        "procurement_notice_days": \.procurementNoticeDays, "swing_basis_points": \.swingBasisPoints,
    ]
    nonisolated(unsafe) static let optionalKeys: [String: WritableKeyPath<FundingRules, Int?>] = [
        "county_quota_primary_yuan": \.countyQuotaPrimaryYuan, "county_quota_junior_yuan": \.countyQuotaJuniorYuan,
    ]
    nonisolated(unsafe) static let listKeys: [String: WritableKeyPath<FundingRules, [String]>] = [
        "public_funds_economic_prefixes": \.publicFundsEconomicPrefixes, "training_economic_codes": \.trainingEconomicCodes,
        "rural_locations": \.ruralLocations, "urban_locations": \.urbanLocations,
    ]

    /// These rules with a JSON override applied, e.g. `{"id": "zj-2026", "special_minimum_yuan": 8000}`. Unknown keys,
    /// other types, and integers outside 0…1,000,000,000 (shares: 0…10,000) are refused.
    public func applying(overrideJSON data: Data) throws(OverrideError) -> FundingRules {
        guard data.count <= 65_536 else { throw OverrideError(message: "规则文件超过 64 KiB / rules file over 64 KiB") }
        guard let object = try? JSONDecoder().decode([String: OverrideValue].self, from: data) else {
            throw OverrideError(message: "规则文件不是 JSON 对象 / the rules file is not a JSON object")
        }
        var r = self
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            if key == "id" {
                guard case .string(let s) = value, (1...64).contains(s.count) else { throw OverrideError(message: "id: 1–64 个字符 / 1–64 characters") }
                r.id = s
            } else if let path = Self.integerKeys[key] {
                r[keyPath: path] = try Self.integer(key, value)
            } else if let path = Self.optionalKeys[key] {
                r[keyPath: path] = value == .null ? nil : try Self.integer(key, value)
            } else if let path = Self.listKeys[key] {
                guard case .strings(let list) = value, list.count <= 100, list.allSatisfy({ (1...32).contains($0.count) }) else {
                    throw OverrideError(message: "\(key): 字符串列表 / a list of strings")
                }
                r[keyPath: path] = list
            } else {
                throw OverrideError(message: "未知参数 '\(key.prefix(40))' / unknown key")
            }
        }
        return r
    }

    static func integer(_ key: String, _ value: OverrideValue) throws(OverrideError) -> Int {
        guard case .integer(let i) = value else { throw OverrideError(message: "\(key): 整数 / a whole number") }
        let limit = key.hasSuffix("basis_points") ? 10_000 : 1_000_000_000
        guard (0...limit).contains(i) else { throw OverrideError(message: "\(key): 0…\(limit)") }
        return i
    }
}

/// A value of an override file: the JSON kinds the rules take (anything else is `.other`).
enum OverrideValue: Decodable, Equatable {
    case null, integer(Int), string(String), strings([String]), other

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if (try? c.decode(Bool.self)) != nil { self = .other }
        else if let i = try? c.decode(Int.self) { self = .integer(i) } else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let l = try? c.decode([String].self) { self = .strings(l) } else { self = .other }
    }
}
