/// Options of a 专递课堂 plan.
public struct PlanOptions: Sendable {
    /// Most receiving classes per session (接收班级上限).
    public var cap: Int
    /// Seconds for the whole plan.
    public var timeLimit: Double
    /// Relative gap at which CBC stops.
    public var relativeGap: Double
    /// Weekly maximum assumed for a suggested extra teacher.
    public var newTeacherLoad: Int
    /// Most extra-teacher suggestions to re-plan.
    public var suggestionLimit: Int
    /// Asked between solver stages and suggestion re-plans; true skips the rest (a cancelled job).
    public var shouldStop: (@Sendable () -> Bool)?

    public init(cap: Int = 4, timeLimit: Double = 60, relativeGap: Double = 1e-6, newTeacherLoad: Int = 16,
                suggestionLimit: Int = 10) {
        self.cap = cap
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.newTeacherLoad = newTeacherLoad
        self.suggestionLimit = suggestionLimit
    }
}
