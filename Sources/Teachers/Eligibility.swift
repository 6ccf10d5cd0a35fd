import SafeNumbers

/// Why a teacher is or is not eligible for 交流轮岗 in a plan year.
public enum EligibilityReason: String, Sendable, Equatable {
    case eligible
    case untenured = "untenured"
    case tooFewYears = "too_few_years"

    /// Chinese explanation.
    public var zh: String {
        switch self {
        case .eligible: "符合交流条件"
        case .untenured: "非在编"
        case .tooFewYears: "现校任教年限不足"
        }
    }
}

/// 交流轮岗 eligibility: tenured (在编) and at least `minimumYears` full consecutive years at the current school by the
/// cutoff day (1 September) of the plan year; 校长/副校长 need `principalYears` (10).
public enum Eligibility {
    /// The cutoff day of `year` under `rules` (nil when the rules name no such day in that year).
    public static func cutoff(year: Int, rules: RotationRules) -> CalendarDay? {
        CalendarDay(year: year, month: rules.cutoffMonth, day: rules.cutoffDay)
            ?? CalendarDay(year: year, month: rules.cutoffMonth, day: rules.cutoffDay - 1)  // 29 February in a common year
    }

    /// Full years `t` will have served at the current school by the cutoff of `year`.
    public static func years(_ t: TeacherRecord, year: Int, rules: RotationRules) -> Int {
        guard let c = cutoff(year: year, rules: rules) else { return 0 }
        return t.schoolSince.fullYears(until: c)
    }

    /// Whether `t` is eligible in `year`, and why not.
    public static func reason(_ t: TeacherRecord, year: Int, rules: RotationRules) -> EligibilityReason {
        guard t.tenured else { return .untenured }
        let needed = t.role.isPrincipal ? rules.principalYears : rules.minimumYears
        return years(t, year: year, rules: rules) >= needed ? .eligible : .tooFewYears
    }

    public static func isEligible(_ t: TeacherRecord, year: Int, rules: RotationRules) -> Bool {
        reason(t, year: year, rules: rules) == .eligible
    }

    /// The least number to exchange: ⌈share × eligible⌉ (computed in integers of parts per million, so 10% of 30 is 3).
    public static func minimumExchanged(eligible: Int, share: Double) -> Int {
        guard eligible > 0, share > 0 else { return 0 }
        let ppm = Checked.int(rounding: share * 1_000_000)
        let (p, o) = eligible.multipliedReportingOverflow(by: ppm)
        guard !o else { return eligible }
        return min(eligible, (p + 999_999) / 1_000_000)
    }

    /// The least number of backbone teachers among `exchanged`: ⌈share × exchanged⌉.
    public static func minimumBackbone(exchanged: Int, share: Double) -> Int { minimumExchanged(eligible: exchanged, share: share) }
}
