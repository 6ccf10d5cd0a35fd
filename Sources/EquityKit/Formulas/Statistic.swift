/// A statistic that may be undefined; undefined results are reported as such, never as NaN or 0.
public enum Statistic: Sendable, Equatable {
    case value(Double)
    case undefined(UndefinedReason)

    /// The value, or nil when undefined.
    public var value: Double? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// Why a statistic has no value.
public enum UndefinedReason: String, Sendable, Equatable {
    /// No school with students in the group.
    case noSchools = "no_schools"
    /// The (weighted) mean is 0, so a ratio to it has no value.
    case zeroMean = "zero_mean"
    /// The reference percentile or median is 0.
    case zeroReference = "zero_reference"
    /// All schools have the same value, so no school drives any variation.
    case noVariation = "no_variation"

    /// Chinese explanation.
    public var zh: String {
        switch self {
        case .noSchools: "无学校"
        case .zeroMean: "均值为0，无定义"
        case .zeroReference: "参照值为0，无定义"
        case .noVariation: "各校数值相同"
        }
    }

    /// English explanation.
    public var en: String {
        switch self {
        case .noSchools: "no schools"
        case .zeroMean: "undefined (mean is 0)"
        case .zeroReference: "undefined (reference value is 0)"
        case .noVariation: "all schools equal"
        }
    }
}
