/// A value for 小学 and one for 初中; coded as `{"小学": …, "初中": …}` (English keys accepted).
public struct PerSection<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var primary: Value
    public var junior: Value

    public init(primary: Value, junior: Value) {
        self.primary = primary
        self.junior = junior
    }

    public subscript(section: Section) -> Value {
        get { section == .primary ? primary : junior }
        set { if section == .primary { primary = newValue } else { junior = newValue } }
    }

    public init(from decoder: any Decoder) throws {
        let partial = try PartialPerSection<Value>(from: decoder)
        guard let p = partial.primary, let j = partial.junior else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "需要 小学 和 初中 两个值 / both 小学 (primary) and 初中 (junior) are required"))
        }
        self.init(primary: p, junior: j)
    }

    public func encode(to encoder: any Encoder) throws {
        try PartialPerSection(primary: primary, junior: junior).encode(to: encoder)
    }
}

/// Either or both sections' values, for overrides in a local standard file.
public struct PartialPerSection<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var primary: Value?
    public var junior: Value?

    public init(primary: Value? = nil, junior: Value? = nil) {
        self.primary = primary
        self.junior = junior
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys {
            switch Section(label: key.stringValue) {
            case .primary: primary = try c.decode(Value.self, forKey: key)
            case .junior: junior = try c.decode(Value.self, forKey: key)
            case nil:
                throw DecodingError.dataCorruptedError(forKey: key, in: c,
                    debugDescription: "未知学段「\(key.stringValue)」，应为 小学 或 初中 / unknown section, expected 小学 or 初中")
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let primary { try c.encode(primary, forKey: Key(stringValue: Section.primary.rawValue)) }
        if let junior { try c.encode(junior, forKey: Key(stringValue: Section.junior.rawValue)) }
    }

    /// Values here replace those of `base`.
    public func applied(to base: PerSection<Value>) -> PerSection<Value> {
        PerSection(primary: primary ?? base.primary, junior: junior ?? base.junior)
    }
}
