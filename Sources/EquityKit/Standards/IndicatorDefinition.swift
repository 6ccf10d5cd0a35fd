/// 指标: one resource indicator, `numerator / students × perStudents`, with its per-school requirement.
public struct IndicatorDefinition: Sendable, Codable, Equatable {
    /// Stable key used in JSON and standard files, e.g. `degree_teachers_per100`.
    public var key: String
    public var nameZH: String
    public var nameEN: String
    public var unitZH: String
    public var unitEN: String
    /// The reported quantity the indicator divides by students.
    public var numerator: Quantity
    /// 1 for per-student values, 100 for per-hundred-students values.
    public var perStudents: Double
    /// Minimum each school must reach (the 标准值), where the standard sets one.
    public var requirement: PerSection<Double>?

    public init(key: String, nameZH: String, nameEN: String, unitZH: String, unitEN: String,
                numerator: Quantity, perStudents: Double, requirement: PerSection<Double>? = nil) {
        self.key = key
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.unitZH = unitZH
        self.unitEN = unitEN
        self.numerator = numerator
        self.perStudents = perStudents
        self.requirement = requirement
    }

    /// The indicator's value for a school with `students` students, or nil when not computable.
    @inline(__always)
    public func value(numerator amount: Double?, students: Int) -> Double? {
        guard let amount, students > 0 else { return nil }
        return amount / Double(students) * perStudents
    }
}
