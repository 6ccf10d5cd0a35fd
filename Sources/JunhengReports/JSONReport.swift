import EquityKit

/// The evaluation as JSON: the documented contract (standard, passed, sections, schools) plus labelled extras.
public enum JSONReport {
    /// UTF-8 JSON bytes of `evaluation`.
    public static func render(_ e: Evaluation) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + e.schools.count * (200 + 40 * e.standard.indicators.count))
        let keys = e.standard.indicators.map(\.key)
        w.beginObject()
        w.key("standard"); w.string(e.standard.id)
        w.key("standard_name"); w.string(e.standard.nameZH)
        if let base = e.standard.derivedFrom { w.key("derived_from"); w.string(base) }
        w.key("passed"); w.bool(e.passed)
        w.key("sections"); w.beginArray()
        for s in e.sections { section(s, evaluation: e, into: &w) }
        w.endArray()
        w.key("schools"); w.beginArray()
        for s in e.schools { school(s, keys: keys, into: &w) }
        w.endArray()
        w.key("notes"); w.beginArray()
        for n in e.notes { w.string(n.zh) }
        w.endArray()
        w.endObject()
        return w.bytes + [0x0A]
    }

    static func section(_ s: SectionEvaluation, evaluation e: Evaluation, into w: inout JSONWriter) {
        w.beginObject()
        w.key("section"); w.string(s.section.rawValue)
        w.key("schools"); w.int(s.schools)
        w.key("students"); w.int(s.students)
        w.key("passed"); w.bool(s.passed)
        w.key("cv_passed"); w.bool(s.cvPassed)
        w.key("schools_failing"); w.int(s.schoolsFailing)
        w.key("excluded_schools"); w.int(s.excludedSchools)
        if let composite = s.compositeCV {
            w.key("composite_cv"); w.number(composite.value)
            w.key("composite_cv_limit"); w.number(e.standard.cvLimit(in: s.section))
        }
        w.key("indicators"); w.beginArray()
        for i in s.indicators {
            w.beginObject()
            w.key("key"); w.string(i.definition.key)
            w.key("name"); w.string(i.definition.nameZH)
            w.key("mean"); w.number(i.mean.value)
            w.key("cv"); w.number(i.cv.value)
            w.key("cv_unweighted"); w.number(i.cvUnweighted.value)
            w.key("cv_limit"); w.number(i.cvLimit)
            w.key("passed"); w.bool(i.passed)
            if let q = i.equity { equity(q, into: &w) }
            w.key("drivers"); w.beginArray()
            for d in i.drivers {
                w.beginObject()
                w.key("school_code"); w.string(e.schools[d.school].school.schoolCode)
                w.key("variance_share"); w.number(d.varianceShare)
                w.key("leave_one_out_cv"); w.number(d.leaveOneOutCV.value)
                w.key("below_mean"); w.bool(d.belowMean)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func equity(_ q: EquityStatistics, into w: inout JSONWriter) {
        w.key("equity"); w.beginObject()
        let fields: [(String, Statistic)] = [
            ("min", q.minimum), ("max", q.maximum), ("range", q.range), ("p5", q.p5), ("p95", q.p95),
            ("restricted_range", q.restrictedRange), ("federal_range_ratio", q.federalRangeRatio), ("median", q.median),
            ("mcloone", q.mcLoone), ("verstegen", q.verstegen), ("gini", q.gini),
            ("theil", q.theil.total), ("theil_between", q.theil.between), ("theil_within", q.theil.within),
        ]
        for (k, v) in fields { w.key(k); w.number(v.value) }
        w.key("theil_groups"); w.beginArray()
        for g in q.theil.groups {
            w.beginObject()
            w.key("group"); w.string(g.group)
            w.key("students"); w.number(g.students)
            w.key("mean"); w.number(g.mean.value)
            w.key("theil"); w.number(g.theil.value)
            w.key("resource_share"); w.number(g.resourceShare.value)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func school(_ s: SchoolEvaluation, keys: [String], into w: inout JSONWriter) {
        w.beginObject()
        w.key("school_code"); w.string(s.school.schoolCode)
        w.key("school_name"); w.string(s.school.schoolName)
        w.key("school_type"); w.string(s.school.schoolType.rawValue)
        w.key("location"); w.string(s.school.location.rawValue)
        w.key("section"); w.string(s.school.section.rawValue)
        w.key("students"); w.int(s.school.students)
        w.key("row"); w.int(s.school.sourceRow)
        w.key("apportioned"); w.bool(s.school.apportioned)
        w.key("included"); w.bool(s.included)
        if let x = s.exclusion { w.key("exclusion"); w.string(x.zh) }
        w.key("met"); w.int(s.met)
        // Without a school rule (基本均衡 2012) there is nothing to fail.
        w.key("passed"); w.bool(s.passed ?? true)
        w.key("values"); w.beginObject()
        for (k, v) in s.values.enumerated() { if let v { w.key(keys[k]); w.number(v) } }
        w.endObject()
        w.key("unmet"); w.beginArray()
        for k in s.unmet { w.string(keys[k]) }
        w.endArray()
        w.key("below_floor"); w.beginArray()
        for k in s.belowFloor { w.string(keys[k]) }
        w.endArray()
        w.endObject()
    }
}
