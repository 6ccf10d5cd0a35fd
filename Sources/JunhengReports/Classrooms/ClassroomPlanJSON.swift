import ThreeClassrooms

/// The 专递课堂 plan as JSON: `sessions`, `uncovered`, `coverage`, `upper_bound`, gaps, rates, suggestions, stages.
public enum ClassroomPlanJSON {
    public static func json(_ p: ClassroomPlan) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + p.sessions.count * 200)
        w.beginObject()
        w.key("status"); w.string(p.status.rawValue)
        w.key("cap"); w.int(p.cap)
        w.key("coverage"); w.number(p.coverage)
        w.key("upper_bound"); w.number(p.upperBound)
        w.key("demand_periods"); w.int(p.demandPeriods)
        w.key("coverable_periods"); w.int(p.coverablePeriods)
        w.key("covered_periods"); w.int(p.coveredPeriods)
        w.key("upper_bound_periods"); w.int(p.upperBoundPeriods)
        w.key("seconds"); w.number(p.seconds)
        w.key("sessions"); w.beginArray()
        for s in p.sessions {
            w.beginObject()
            w.key("teacher_id"); w.string(s.teacherID)
            w.key("sender_school"); w.string(s.senderSchool)
            subject(&w, s.subject)
            w.key("grade"); w.int(s.grade)
            w.key("day"); w.int(s.day)
            w.key("period"); w.int(s.period)
            w.key("receiving_classes"); strings(&w, s.receivingClasses.map(\.description))
            w.key("low_bandwidth_classes"); strings(&w, s.lowBandwidthClasses.map(\.description))
            w.endObject()
        }
        w.endArray()
        w.key("uncovered"); w.beginArray()
        for u in p.uncovered {
            w.beginObject()
            w.key("school"); w.string(u.school)
            w.key("grade"); w.int(u.grade)
            subject(&w, u.subject)
            w.key("periods_short"); w.int(u.periodsShort)
            w.key("reason"); w.string(u.reason.rawValue)
            w.key("reason_zh"); w.string(u.reason.zh)
            w.endObject()
        }
        w.endArray()
        w.key("suggestions"); w.beginArray()
        for s in p.suggestions {
            w.beginObject()
            w.key("school"); w.string(s.school)
            subject(&w, s.subject)
            w.key("covers_periods"); w.int(s.coversPeriods)
            w.key("uncovered_periods"); w.int(s.uncoveredPeriods)
            w.endObject()
        }
        w.endArray()
        w.key("gaps"); w.beginArray()
        for g in p.gaps {
            w.beginObject()
            w.key("school"); w.string(g.school)
            w.key("grade"); w.int(g.grade)
            subject(&w, g.subject)
            w.key("classes"); w.int(g.classes)
            w.key("required"); w.int(g.required)
            w.key("taught"); w.int(g.taught)
            w.key("short"); w.int(g.short)
            w.key("local_spare"); w.int(g.localSpare)
            w.endObject()
        }
        w.endArray()
        w.key("school_rates"); rates(&w, p.ratesBefore, p.ratesAfter, key: "school")
        w.key("county_rates"); rates(&w, p.countyRatesBefore, p.countyRatesAfter, key: "county")
        w.key("stages"); w.beginArray()
        for s in p.stages {
            w.beginObject()
            w.key("scope"); w.string(s.scope)
            w.key("status"); w.string(s.status)
            w.key("preference_status"); if let ps = s.preferenceStatus { w.string(ps) } else { w.null() }
            w.key("variables"); w.int(s.variables)
            w.key("seconds"); w.number(s.seconds)
            w.key("covered_periods"); w.int(s.coveredPeriods)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes
    }

    private static func subject(_ w: inout JSONWriter, _ s: Subject) {
        w.key("subject"); w.string(s.rawValue)
        w.key("subject_zh"); w.string(s.zh)
    }

    private static func strings(_ w: inout JSONWriter, _ items: [String]) {
        w.beginArray()
        for i in items { w.string(i) }
        w.endArray()
    }

    private static func rates(_ w: inout JSONWriter, _ before: [OfferingRate], _ after: [OfferingRate], key: String) {
        w.beginArray()
        for (b, a) in zip(before, after) {
            w.beginObject()
            w.key(key); w.string(b.unit)
            w.key("required_periods"); w.int(b.requiredPeriods)
            w.key("taught_before"); w.int(b.taughtPeriods)
            w.key("taught_after"); w.int(a.taughtPeriods)
            w.key("period_rate_before"); w.number(b.periodRate)
            w.key("period_rate_after"); w.number(a.periodRate)
            w.key("requirement_rate_before"); w.number(b.requirementRate)
            w.key("requirement_rate_after"); w.number(a.requirementRate)
            w.key("schools"); w.int(b.schools)
            w.key("schools_fully_met_before"); w.int(b.schoolsFullyMet)
            w.key("schools_fully_met_after"); w.int(a.schoolsFullyMet)
            w.endObject()
        }
        w.endArray()
    }
}
