/// Weekly periods per subject for grades 1–9 (课程方案课时): the requirement every class must meet.
public struct Curriculum: Codable, Sendable, Equatable {
    /// periods[grade - 1][subject]: weekly periods required.
    public private(set) var periods: [[Subject: Int]]
    /// Name of the table, e.g. "2022 义务教育课程方案（项目默认）".
    public var name: String

    public init(name: String, periods: [[Subject: Int]]) {
        precondition(periods.count == 9, "grades 1–9")
        self.name = name
        self.periods = periods
    }

    /// Weekly periods of `subject` in `grade` (0 when not taught in that grade).
    public func periods(grade: Int, subject: Subject) -> Int { periods[grade - 1][subject] ?? 0 }

    /// All weekly periods of a grade.
    public func weeklyTotal(grade: Int) -> Int { periods[grade - 1].values.reduce(0, +) }

    /// Subjects required in a grade, in the canonical order.
    public func subjects(grade: Int) -> [Subject] {
        Subject.allCases.filter { periods(grade: grade, subject: $0) > 0 }
    }

    /// Replaces one grade's periods of one subject.
    public mutating func set(grade: Int, subject: Subject, periods value: Int) {
        periods[grade - 1][subject] = value == 0 ? nil : value
    }

    /// The weekly totals the 2022 plan fixes: 26 for grades 1–2, 30 for 3–6, 34 for 7–9.
    public static func planWeeklyTotal(grade: Int) -> Int { grade <= 2 ? 26 : (grade <= 6 ? 30 : 34) }
}
