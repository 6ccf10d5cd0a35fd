/// 评估标准: a versioned, data-driven definition of how a county's 资源配置 is judged.
public struct Standard: Sendable, Codable, Equatable {
    /// Identifier, e.g. `youzhi-2017`.
    public var id: String
    public var nameZH: String
    public var nameEN: String
    /// The document the definition follows, e.g. 教督〔2017〕6号.
    public var basis: String
    /// The standard this one was derived from, for local variants.
    public var derivedFrom: String?
    public var indicators: [IndicatorDefinition]
    /// Per-school rule; nil when the standard sets none (基本均衡 2012).
    public var schoolRule: SchoolRule?
    public var countyRule: CountyRule
    public var scope: Scope
    public var splitWeights: SplitWeights

    public init(id: String, nameZH: String, nameEN: String, basis: String, derivedFrom: String? = nil,
                indicators: [IndicatorDefinition], schoolRule: SchoolRule?, countyRule: CountyRule,
                scope: Scope, splitWeights: SplitWeights) {
        self.id = id
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.basis = basis
        self.derivedFrom = derivedFrom
        self.indicators = indicators
        self.schoolRule = schoolRule
        self.countyRule = countyRule
        self.scope = scope
        self.splitWeights = splitWeights
    }

    /// The indicator with `key`, if the standard has it.
    public func indicator(_ key: String) -> IndicatorDefinition? { indicators.first { $0.key == key } }

    /// The CV limit that applies to each indicator of `section`.
    public func cvLimit(in section: Section) -> Double { countyRule.cvLimit[section] }
}
