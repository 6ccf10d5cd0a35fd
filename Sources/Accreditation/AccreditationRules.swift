/// One threshold or switch of an item's rule.
public enum RuleValue: Sendable, Equatable, Codable {
    case number(Double)
    case flag(Bool)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let b = try? c.decode(Bool.self) { self = .flag(b); return }
        if let l = try? c.decode([String].self) { self = .list(l); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "a number, true/false or a list of strings")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .flag(let b): try c.encode(b)
        case .list(let l): try c.encode(l)
        }
    }

    /// Same kind of value (number, flag, list).
    func sameKind(as other: RuleValue) -> Bool {
        switch (self, other) {
        case (.number, .number), (.flag, .flag), (.list, .list): true
        default: false
        }
    }
}

/// The thresholds and switches of every item: the national default (youzhi-2017) or a province's variant of it.
public struct AccreditationRules: Sendable, Equatable {
    public var id: String
    public var nameZH: String
    public var nameEN: String
    /// Where the thresholds come from.
    public var basis: String
    /// Parameters per item key.
    public var parameters: [String: [String: RuleValue]]

    /// A number parameter; 0 when absent (every parameter read by the assessor is in the national table).
    public func number(_ item: String, _ name: String) -> Double {
        if case .number(let v)? = parameters[item]?[name] { return v }
        return 0
    }

    /// A switch parameter; false when absent.
    public func flag(_ item: String, _ name: String) -> Bool {
        if case .flag(let v)? = parameters[item]?[name] { return v }
        return false
    }

    /// A list parameter; empty when absent.
    public func list(_ item: String, _ name: String) -> [String] {
        if case .list(let v)? = parameters[item]?[name] { return v }
        return []
    }

    /// 教督〔2017〕6号 as accreditation.md gives it.
    public static let national = AccreditationRules(
        id: "youzhi-2017", nameZH: "县域义务教育优质均衡发展督导评估（国家标准）", nameEN: "High-quality balanced development (national default)",
        basis: "教督〔2017〕6号",
        parameters: [
            "E": ["min_years_since_basic_balance": .number(3)],
            "G2": ["min_ratio_to_province": .number(1)],
            // Provincial relaxations exist but are off in the national default; each needs a flag on the school.
            "G3": ["classes_per_room": .number(12), "music_room_min_m2": .number(96), "art_room_min_m2": .number(90),
                   "exempt_school_types": .list([]), "relaxations": .flag(false),
                   "planned_by_2016_music_room_min_m2": .number(73), "planned_by_2016_art_room_min_m2": .number(67),
                   "small_rural_class_below": .number(30), "small_rural_primary_room_min_m2": .number(54),
                   "small_rural_junior_room_min_m2": .number(61)],
            "G4": ["max_students": .number(2000), "max_students_through_school": .number(2500), "relaxations": .flag(false),
                   "relaxed_max_students": .number(2400), "relaxed_max_students_through_school": .number(3000),
                   "relaxed_migrant_share_above": .number(0.5)],
            "G5": ["max_class_primary": .number(45), "max_class_junior": .number(50)],
            "G6": ["small_school_below_students": .number(100), "funded_as_students": .number(100)],
            "G7": ["min_funds_per_student_yuan": .number(6000)],
            "G8": ["min_pay_ratio": .number(1)],
            "G9": ["min_completion_rate": .number(1)],
            "G11": ["min_exchange_rate": .number(0.10), "min_backbone_share": .number(0.20),
                    "backbone_share_of_eligible": .flag(false)],
            "G12": ["min_certified_rate": .number(1)],
            "G13": ["min_catchment_rate_primary": .number(1), "min_catchment_rate_junior": .number(0.95)],
            "G14": ["min_quota_share": .number(0.50), "rural_tilt": .flag(true)],
            "G15": ["min_migrant_public_rate": .number(0.85)],
            "Q1": ["min_retention_rate": .number(0.95)],
            "Q2": ["min_enrolment_rate": .number(0.95), "count_home_tuition": .flag(true)],
            "Q4": ["min_training_share": .number(0.05)],
            "Q6": ["accepted_ratings": .list(["优秀", "良好"])],
            "Q9": ["min_level": .number(3), "max_between_school_rate": .number(0.15)],
            "S": ["min_recognition_pct": .number(85)],
        ])

    /// Built-in rule sets by id.
    public static let builtIn: [AccreditationRules] = [national]
}

/// A province's override file: a base rule set and the parameters it changes.
public struct RulesVariant: Sendable, Codable, Equatable {
    public var id: String
    public var base: String
    public var nameZH: String?
    public var nameEN: String?
    public var basis: String?
    /// Item key → parameter name → new value.
    public var items: [String: [String: RuleValue]]

    enum CodingKeys: String, CodingKey {
        case id, base, items, basis
        case nameZH = "name_zh"
        case nameEN = "name_en"
    }

    public init(id: String, base: String, items: [String: [String: RuleValue]], nameZH: String? = nil,
                nameEN: String? = nil, basis: String? = nil) {
        self.id = id
        self.base = base
        self.items = items
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.basis = basis
    }

    /// The base with these changes; every key must exist in the base with a value of the same kind and in range.
    public func resolved() throws(RulesVariantError) -> AccreditationRules {
        guard let base = AccreditationRules.builtIn.first(where: { $0.id == self.base }) else { throw .unknownBase(self.base) }
        guard !id.isEmpty, id.count <= 64 else { throw .badID }
        var rules = base
        rules.id = id
        rules.nameZH = nameZH ?? base.nameZH + "（\(id)）"
        rules.nameEN = nameEN ?? base.nameEN + " (\(id))"
        rules.basis = basis ?? base.basis
        for (item, changes) in items.sorted(by: { $0.key < $1.key }) {
            guard let known = base.parameters[item] else { throw .unknownItem(item, known: base.parameters.keys.sorted()) }
            for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
                guard let old = known[name] else { throw .unknownParameter(item: item, name: name, known: known.keys.sorted()) }
                guard value.sameKind(as: old) else { throw .wrongKind(item: item, name: name) }
                if case .number(let v) = value, !(v.isFinite && v >= 0 && v <= 1e9) {
                    throw .outOfRange(item: item, name: name)
                }
                if case .list(let l) = value, l.count > 50 || l.contains(where: { $0.count > 50 }) {
                    throw .outOfRange(item: item, name: name)
                }
                rules.parameters[item, default: [:]][name] = value
            }
        }
        return rules
    }
}

/// Why an override file cannot be applied.
public enum RulesVariantError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownBase(String)
    case badID
    case unknownItem(String, known: [String])
    case unknownParameter(item: String, name: String, known: [String])
    case wrongKind(item: String, name: String)
    case outOfRange(item: String, name: String)

    public var description: String {
        switch self {
        case .unknownBase(let b):
            "未知基础规则「\(b)」，应为 \(AccreditationRules.builtIn.map(\.id).joined(separator: "/")) / unknown base '\(b)'"
        case .badID: "id 必填且不超过64个字符 / id is required (≤ 64 characters)"
        case .unknownItem(let i, let known):
            "未知或没有可调参数的指标「\(i)」，可调：\(known.joined(separator: ", ")) / item '\(i)' has no parameters; items with parameters: \(known.joined(separator: ", "))"
        case .unknownParameter(let i, let n, let known):
            "指标 \(i) 没有参数「\(n)」，应为 \(known.joined(separator: ", ")) / item \(i) has no parameter '\(n)'; expected one of \(known.joined(separator: ", "))"
        case .wrongKind(let i, let n): "指标 \(i) 参数 \(n) 类型与国家标准不同 / \(i).\(n) must have the same type as the national default"
        case .outOfRange(let i, let n): "指标 \(i) 参数 \(n) 超出范围 / \(i).\(n) out of range (numbers 0…1e9, lists ≤ 50 short strings)"
        }
    }
}
