import EquityKit
import Foundation

/// The evaluation as JSON: the documented contract (standard, passed, sections, schools) plus labelled extras.
public enum JSONReport {
    /// UTF-8 JSON bytes of `evaluation`.
    public static func render(_ e: Evaluation) -> [UInt8] {
        var out: [UInt8] = []
        write(e) { out += $0 }
        return out
    }

    /// Streams the JSON to `sink` in pieces, in order. Schools are rendered in blocks on all cores,
    /// a round of blocks at a time, so memory stays bounded however many schools there are.
    public static func write(_ e: Evaluation, to sink: ([UInt8]) -> Void) {
        var w = JSONWriter(capacity: 1 << 16)
        let keys = e.standard.indicators.map(\.key)
        let quotedKeys = keys.map { "\"" + $0 + "\":" }
        let labels = Labels(keys: keys)
        w.beginObject()
        w.key("standard"); w.string(e.standard.id)
        w.key("standard_name"); w.string(e.standard.nameZH)
        if let base = e.standard.derivedFrom { w.key("derived_from"); w.string(base) }
        w.key("passed"); w.bool(e.passed)
        w.key("sections"); w.beginArray()
        for s in e.sections { section(s, evaluation: e, into: &w) }
        w.endArray()
        w.key("schools")
        w.beginArray()
        sink(w.take())
        let blockSize = 4096, round = 8
        let blocks = (e.schools.count + blockSize - 1) / blockSize
        for first in stride(from: 0, to: blocks, by: round) {
            let count = min(round, blocks - first)
            let rendered = BlockSlots(count: count)
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let lo = (first + k) * blockSize, hi = min(lo + blockSize, e.schools.count)
                var bw = JSONWriter(capacity: (hi - lo) * 800)
                // Through a pointer, so each school is read in place rather than copied (and retained).
                e.schools.withUnsafeBufferPointer { all in
                    for i in lo..<hi {
                        if i > 0 { bw.raw(",") }
                        school(all[i], labels: labels, quotedKeys: quotedKeys, into: &bw)
                    }
                }
                rendered.set(k, bw.take())
            }
            for k in 0..<count { sink(rendered.get(k)) }
        }
        w.endArray()
        w.key("notes"); w.beginArray()
        for n in e.notes { w.string(n.zh) }
        w.endArray()
        w.endObject()
        w.raw("\n")
        sink(w.take())
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

    /// Strings every school repeats, quoted once: indicator keys, type, location and section labels.
    struct Labels {
        var keys: [[UInt8]]
        var types = SchoolType.allCases.map { JSONWriter.quoted($0.rawValue) }
        var locations = Location.allCases.map { JSONWriter.quoted($0.rawValue) }
        var sections = Section.allCases.map { JSONWriter.quoted($0.rawValue) }

        init(keys: [String]) { self.keys = keys.map(JSONWriter.quoted) }

        func of(_ t: SchoolType) -> [UInt8] { types[SchoolType.allCases.firstIndex(of: t) ?? 0] }
        func of(_ l: Location) -> [UInt8] { locations[Location.allCases.firstIndex(of: l) ?? 0] }
        func of(_ s: Section) -> [UInt8] { sections[s == .primary ? 0 : 1] }
    }

    /// One school object, written with literal separators (the hot path for large counties).
    static func school(_ s: SchoolEvaluation, labels: Labels, quotedKeys: [String], into w: inout JSONWriter) {
        w.raw("{\"school_code\":"); w.rawString(s.school.schoolCode)
        w.raw(",\"school_name\":"); w.rawString(s.school.schoolName)
        w.raw(",\"school_type\":"); w.rawBytes(labels.of(s.school.schoolType))
        w.raw(",\"location\":"); w.rawBytes(labels.of(s.school.location))
        w.raw(",\"section\":"); w.rawBytes(labels.of(s.school.section))
        w.raw(",\"students\":"); w.rawInt(Int64(s.school.students))
        w.raw(",\"row\":"); w.rawInt(Int64(s.school.sourceRow))
        w.raw(",\"apportioned\":"); w.rawBool(s.school.apportioned)
        w.raw(",\"included\":"); w.rawBool(s.included)
        if let x = s.exclusion { w.raw(",\"exclusion\":"); w.rawString(x.zh) }
        w.raw(",\"met\":"); w.rawInt(Int64(s.met))
        // Without a school rule (基本均衡 2012) there is nothing to fail.
        w.raw(",\"passed\":"); w.rawBool(s.passed ?? true)
        w.raw(",\"values\":{")
        var first = true
        for (k, v) in s.values.enumerated() {
            guard let v else { continue }
            if !first { w.raw(",") }
            first = false
            w.rawKey(quotedKeys[k])
            w.rawNumber(v)
        }
        w.raw("},\"unmet\":[")
        list(s.unmet, keys: labels.keys, into: &w)
        w.raw("],\"below_floor\":[")
        list(s.belowFloor, keys: labels.keys, into: &w)
        w.raw("]}")
    }

    /// Indicator keys of `indices` (already quoted) as a JSON string list.
    static func list(_ indices: [Int], keys: [[UInt8]], into w: inout JSONWriter) {
        for (n, k) in indices.enumerated() {
            if n > 0 { w.raw(",") }
            w.rawBytes(keys[k])
        }
    }
}

/// Rendered blocks handed from concurrent workers to the writer, in order.
final class BlockSlots: @unchecked Sendable {
    private var slots: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ k: Int, _ bytes: [UInt8]) { lock.withLock { slots[k] = bytes } }
    func get(_ k: Int) -> [UInt8] { lock.withLock { slots[k] } }
}
