/// One class's requirement in one subject against what its timetable teaches (开齐开足 per class).
public struct ClassGap: Codable, Sendable, Equatable {
    public var classID: ClassID
    public var subject: Subject
    /// Weekly periods the curriculum requires.
    public var required: Int
    /// Weekly periods the existing timetable gives.
    public var taught: Int

    /// Periods short (0 when the class is taught enough).
    public var short: Int { max(0, required - taught) }
}

/// A school's shortfall in one grade and subject, with what its own qualified teachers could still give.
public struct SchoolGap: Codable, Sendable, Equatable {
    public var school: String
    public var grade: Int
    public var subject: Subject
    public var classes: Int
    /// classes × weekly periods required.
    public var required: Int
    /// Periods taught, each class counted up to its requirement.
    public var taught: Int
    /// Spare weekly periods of the school's own teachers qualified in the subject.
    public var localSpare: Int

    /// Periods short over all the grade's classes.
    public var short: Int { required - taught }
}

/// 开齐开足 of one school (or one county): required periods, periods taught, subjects fully met.
public struct OfferingRate: Codable, Sendable, Equatable {
    /// School code, or county code for a county row.
    public var unit: String
    /// Class-subject requirements and how many are fully taught.
    public var requirements: Int
    public var requirementsMet: Int
    /// Required class-periods and those taught (each class-subject counted up to its requirement).
    public var requiredPeriods: Int
    public var taughtPeriods: Int
    /// Schools counted (1 for a school row) and those meeting every requirement.
    public var schools: Int
    public var schoolsFullyMet: Int

    /// Share of required periods taught (开足率).
    public var periodRate: Double { requiredPeriods == 0 ? 1 : Double(taughtPeriods) / Double(requiredPeriods) }
    /// Share of class-subject requirements fully met (开齐开足率).
    public var requirementRate: Double { requirements == 0 ? 1 : Double(requirementsMet) / Double(requirements) }
}
