/// 教学点覆盖: how many 教学点 with a shortfall the plan reaches, and how much of their shortfall it covers.
public struct TeachingPointCoverage: Codable, Sendable, Equatable {
    /// 教学点 in the input.
    public var teachingPoints: Int
    /// 教学点 short of some subject before the plan.
    public var withGaps: Int
    /// 教学点 with at least one receiving class in the plan.
    public var reached: Int
    /// 教学点 meeting every requirement after the plan.
    public var fullyMetAfter: Int
    /// Class-periods a week the 教学点 are short before the plan, and those the plan's sessions give them.
    public var shortPeriods: Int
    public var coveredPeriods: Int

    /// coveredPeriods / shortPeriods (1 when nothing is short).
    public var periodShare: Double { shortPeriods == 0 ? 1 : Double(coveredPeriods) / Double(shortPeriods) }

    public static func compute(_ capacity: TeachingCapacity, plan: ClassroomPlan) -> TeachingPointCoverage {
        let points = Set(capacity.schools.filter(\.isTeachingPoint).map(\.code))
        var short: [String: Int] = [:]
        for g in plan.gaps where points.contains(g.school) { short[g.school, default: 0] += g.short }
        var covered: [String: Int] = [:]
        for s in plan.sessions {
            for c in s.receivingClasses where points.contains(c.school) { covered[c.school, default: 0] += 1 }
        }
        let metAfter = plan.ratesAfter.filter { points.contains($0.unit) && $0.requirementsMet == $0.requirements }.count
        return TeachingPointCoverage(teachingPoints: points.count, withGaps: short.values.filter { $0 > 0 }.count,
                                     reached: covered.count, fullyMetAfter: metAfter,
                                     shortPeriods: short.values.reduce(0, +), coveredPeriods: covered.values.reduce(0, +))
    }
}
