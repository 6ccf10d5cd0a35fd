/// Finds each class's shortfall per subject and the 开齐开足 rates of schools and counties.
public enum GapDetector {
    /// Every class-subject requirement of the curriculum with the periods the timetable gives (shorts and met ones).
    public static func classGaps(_ capacity: TeachingCapacity, curriculum: Curriculum,
                                 extra: [ClassID: [Subject: Int]] = [:]) -> [ClassGap] {
        var taught: [ClassID: [Subject: Int]] = extra
        for lesson in capacity.lessons { taught[lesson.classID, default: [:]][lesson.subject, default: 0] += 1 }
        return capacity.classes.flatMap { c in
            curriculum.subjects(grade: c.grade).map { s in
                ClassGap(classID: c, subject: s, required: curriculum.periods(grade: c.grade, subject: s),
                         taught: taught[c]?[s] ?? 0)
            }
        }
    }

    /// Per school, grade and subject with any shortfall: totals and the school's own qualified spare periods.
    public static func schoolGaps(_ capacity: TeachingCapacity, classGaps: [ClassGap]) -> [SchoolGap] {
        var spare: [String: [Subject: Int]] = [:]
        for t in capacity.teachers {
            for s in t.subjects { spare[t.school, default: [:]][s, default: 0] += t.spare }
        }
        struct Key: Hashable { var school: String; var grade: Int; var subject: Subject }
        var rows: [Key: SchoolGap] = [:]
        var order: [Key] = []
        for g in classGaps {
            let k = Key(school: g.classID.school, grade: g.classID.grade, subject: g.subject)
            if rows[k] == nil {
                order.append(k)
                rows[k] = SchoolGap(school: k.school, grade: k.grade, subject: k.subject, classes: 0, required: 0,
                                    taught: 0, localSpare: spare[k.school]?[k.subject] ?? 0)
            }
            rows[k]!.classes += 1
            rows[k]!.required += g.required
            rows[k]!.taught += min(g.taught, g.required)
        }
        return order.compactMap { rows[$0] }.filter { $0.short > 0 }
    }

    /// 开齐开足 rates per school (in input order) and per county.
    public static func rates(_ capacity: TeachingCapacity, classGaps: [ClassGap]) -> (schools: [OfferingRate], counties: [OfferingRate]) {
        var bySchool: [String: OfferingRate] = [:]
        for s in capacity.schools {
            bySchool[s.code] = OfferingRate(unit: s.code, requirements: 0, requirementsMet: 0, requiredPeriods: 0,
                                            taughtPeriods: 0, schools: 1, schoolsFullyMet: 0)
        }
        for g in classGaps {
            bySchool[g.classID.school]?.requirements += 1
            bySchool[g.classID.school]?.requirementsMet += g.short == 0 ? 1 : 0
            bySchool[g.classID.school]?.requiredPeriods += g.required
            bySchool[g.classID.school]?.taughtPeriods += min(g.taught, g.required)
        }
        var schools: [OfferingRate] = []
        var counties: [String: OfferingRate] = [:]
        var countyOrder: [String] = []
        for s in capacity.schools {
            var r = bySchool[s.code]!
            r.schoolsFullyMet = r.requirementsMet == r.requirements ? 1 : 0
            schools.append(r)
            if counties[s.county] == nil {
                countyOrder.append(s.county)
                counties[s.county] = OfferingRate(unit: s.county, requirements: 0, requirementsMet: 0, requiredPeriods: 0,
                                                  taughtPeriods: 0, schools: 0, schoolsFullyMet: 0)
            }
            counties[s.county]!.requirements += r.requirements
            counties[s.county]!.requirementsMet += r.requirementsMet
            counties[s.county]!.requiredPeriods += r.requiredPeriods
            counties[s.county]!.taughtPeriods += r.taughtPeriods
            counties[s.county]!.schools += 1
            counties[s.county]!.schoolsFullyMet += r.schoolsFullyMet
        }
        return (schools, countyOrder.map { counties[$0]! })
    }
}
