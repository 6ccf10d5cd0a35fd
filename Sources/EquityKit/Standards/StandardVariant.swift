/// A local standard that derives from a built-in one and overrides some of its limits.
///
/// Decoded from a JSON or TOML file, e.g. `{"base": "youzhi-2017", "id": "zj-2025", "cv_limit": {"小学": 0.30, "初中": 0.30}, "strictly_below": true}`.
public struct StandardVariant: Sendable, Codable, Equatable {
    public var base: String
    public var id: String
    public var nameZH: String?
    public var nameEN: String?
    public var basis: String?
    public var cvLimit: PartialPerSection<Double>?
    public var strictlyBelow: Bool?
    public var minimumMet: Int?
    public var floorRatio: Double?
    /// Per-indicator requirement overrides, by indicator key.
    public var requirements: [String: PartialPerSection<Double>]?
    public var teachingPointMinimumStudents: Int?
    public var splitWeights: SplitWeights?

    enum CodingKeys: String, CodingKey {
        case base, id, basis
        case nameZH = "name_zh", nameEN = "name_en"
        case cvLimit = "cv_limit", strictlyBelow = "strictly_below"
        case minimumMet = "minimum_met", floorRatio = "floor_ratio"
        case requirements
        case teachingPointMinimumStudents = "teaching_point_minimum_students"
        case splitWeights = "split_weights"
    }

    public init(base: String, id: String) {
        self.base = base
        self.id = id
    }

    /// Why a variant cannot be applied.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unknownBase(String)
        case unknownIndicator(String)
        case invalidValue(field: String, value: String)
        case noSchoolRule

        public var description: String {
            switch self {
            case .unknownBase(let b):
                "未知的基础标准「\(b)」，可选：\(BuiltInStandards.all.map(\.id).joined(separator: ", ")) / unknown base standard '\(b)'"
            case .unknownIndicator(let k): "基础标准没有指标「\(k)」 / the base standard has no indicator '\(k)'"
            case .invalidValue(let f, let v): "字段 \(f) 的值 '\(v)' 无效 / invalid value '\(v)' for \(f)"
            case .noSchoolRule: "基础标准没有校级规则，不能设置 minimum_met / floor_ratio / the base standard has no school rule"
            }
        }
    }

    /// The base standard with this variant's overrides applied.
    public func resolved(among standards: [Standard] = BuiltInStandards.all) throws(Problem) -> Standard {
        guard var s = standards.first(where: { $0.id == base }) else { throw .unknownBase(base) }
        guard !id.isEmpty else { throw .invalidValue(field: "id", value: id) }
        s.derivedFrom = s.id
        s.id = id
        if let nameZH { s.nameZH = nameZH }
        if let nameEN { s.nameEN = nameEN }
        if let basis { s.basis = basis }
        if let cvLimit {
            for v in [cvLimit.primary, cvLimit.junior].compactMap({ $0 }) where !(v > 0 && v.isFinite) {
                throw .invalidValue(field: "cv_limit", value: "\(v)")
            }
            s.countyRule.cvLimit = cvLimit.applied(to: s.countyRule.cvLimit)
        }
        if let strictlyBelow { s.countyRule.strictlyBelow = strictlyBelow }
        if minimumMet != nil || floorRatio != nil {
            guard var rule = s.schoolRule else { throw .noSchoolRule }
            if let minimumMet {
                guard (0...s.indicators.count).contains(minimumMet) else {
                    throw .invalidValue(field: "minimum_met", value: "\(minimumMet)")
                }
                rule.minimumMet = minimumMet
            }
            if let floorRatio {
                guard (0...1).contains(floorRatio) else { throw .invalidValue(field: "floor_ratio", value: "\(floorRatio)") }
                rule.floorRatio = floorRatio
            }
            s.schoolRule = rule
        }
        for (key, override) in (requirements ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let i = s.indicators.firstIndex(where: { $0.key == key }) else { throw .unknownIndicator(key) }
            for v in [override.primary, override.junior].compactMap({ $0 }) where !(v >= 0 && v.isFinite) {
                throw .invalidValue(field: "requirements.\(key)", value: "\(v)")
            }
            let current = s.indicators[i].requirement
            guard let current else {
                guard let p = override.primary, let j = override.junior else {
                    throw .invalidValue(field: "requirements.\(key)", value: "needs 小学 and 初中")
                }
                s.indicators[i].requirement = PerSection(primary: p, junior: j)
                continue
            }
            s.indicators[i].requirement = override.applied(to: current)
        }
        if let teachingPointMinimumStudents {
            guard teachingPointMinimumStudents >= 0 else {
                throw .invalidValue(field: "teaching_point_minimum_students", value: "\(teachingPointMinimumStudents)")
            }
            s.scope.teachingPointMinimumStudents = teachingPointMinimumStudents
        }
        if let splitWeights {
            for w in [splitWeights.nineYear, splitWeights.completeSecondary, splitWeights.twelveYear]
            where ![w.primary, w.junior, w.senior].allSatisfy({ $0 >= 0 && $0.isFinite }) {
                throw .invalidValue(field: "split_weights", value: "\(w.primary):\(w.junior):\(w.senior)")
            }
            s.splitWeights = splitWeights
        }
        return s
    }
}
