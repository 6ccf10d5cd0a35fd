import Foundation
import Seats

/// Catchment plans as JSON (`plans[].assignment`, `objective`, `best_bound`, `gap`, `moved_pupils`, `max_trip_m`, `fill`)
/// or terminal text, each beside the independent check's findings and the plan-year indicators.
public struct SeatsPlanReport {
    public var problem: CatchmentProblem
    public var plans: [CatchmentPlan]
    /// The catchments of record evaluated the same way, for comparison.
    public var statusQuo: PlanMetrics
    /// Independent check findings per plan number.
    public var violations: [Int: [CatchmentCheck.Violation]]
    /// 资源配置 CVs per plan (key 0: the catchments of record) when a statistics file was given.
    public var cvs: [Int: [CVRow]]

    /// One recomputed 差异系数: section, indicator, CV and its limit.
    public struct CVRow: Sendable {
        public var section: String
        public var indicator: String
        public var cv: Double?
        public var limit: Double
        public init(section: String, indicator: String, cv: Double?, limit: Double) {
            (self.section, self.indicator, self.cv, self.limit) = (section, indicator, cv, limit)
        }
    }

    public init(problem: CatchmentProblem, plans: [CatchmentPlan], cvs: [Int: [CVRow]] = [:]) {
        self.problem = problem
        self.plans = plans
        var record: [String: [SeatSection: String]] = [:]
        for u in problem.county.units { record[u.code] = u.school }
        statusQuo = PlanMetrics(problem, assignment: record)
        var v: [Int: [CatchmentCheck.Violation]] = [:]
        for p in plans where !p.assignment.isEmpty { v[p.number] = CatchmentCheck.violations(problem, assignment: p.assignment) }
        violations = v
        self.cvs = cvs
    }

    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 4096 + plans.count * problem.county.units.count * 60)
        w.beginObject()
        w.key("year"); w.int(problem.year)
        w.key("neighbours"); w.string(problem.neighbours.source.rawValue)
        w.key("distances"); w.string(problem.county.travel == nil ? "great_circle" : "travel")
        w.key("status_quo"); metrics(&w, statusQuo, cv: cvs[0])
        w.key("plans"); w.beginArray()
        for p in plans {
            w.beginObject()
            w.key("plan"); w.int(p.number)
            w.key("status"); w.string(p.status.rawValue)
            w.key("move_penalty_km"); w.number(p.movePenaltyKm)
            w.key("objective"); w.number(p.objective)
            w.key("best_bound"); w.number(p.bestBound)
            w.key("gap"); w.number(p.gap)
            w.key("seconds"); w.number(p.seconds)
            if !p.diagnosis.isEmpty { w.key("diagnosis"); w.beginArray(); for d in p.diagnosis.prefix(100) { w.string(d) }; w.endArray() }
            w.key("assignment"); w.beginObject()
            for u in problem.county.units {
                guard let a = p.assignment[u.code] else { continue }
                w.key(u.code); w.beginObject()
                for s in SeatSection.allCases { if let code = a[s] { w.key(s.rawValue); w.string(code) } }
                w.endObject()
            }
            w.endObject()
            if let m = p.metrics { metrics(&w, m, cv: cvs[p.number], inline: true) }
            w.key("check"); w.beginObject()
            let found = violations[p.number] ?? []
            w.key("passed"); w.bool(!p.assignment.isEmpty && found.isEmpty)
            w.key("violations"); w.beginArray(); for v in found.prefix(100) { w.string(v.description) }; w.endArray()
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take()
    }

    /// The metrics' keys; `inline` writes them into the enclosing object (a plan), else as an object.
    func metrics(_ w: inout JSONWriter, _ m: PlanMetrics, cv: [CVRow]?, inline: Bool = false) {
        if !inline { w.beginObject() }
        w.key("moved_pupils"); w.number(m.movedPupils)
        w.key("max_trip_m"); w.number(m.maxTripMetres)
        w.key("fill"); w.beginObject()
        for s in problem.county.schools { w.key(s.code); w.number(m.fill[s.code] ?? 0) }
        w.endObject()
        w.key("enrolment"); w.beginObject()
        for s in problem.county.schools { w.key(s.code); w.number(m.enrolment[s.code] ?? 0) }
        w.endObject()
        w.key("g4_oversize_schools"); w.beginArray(); for s in m.oversizeSchools { w.string(s) }; w.endArray()
        w.key("g5_largest_class"); w.number(m.largestClass.values.max() ?? 0)
        w.key("g5_oversize_classes"); w.beginArray(); for s in m.oversizeClasses { w.string(s) }; w.endArray()
        w.key("g13"); w.beginObject()
        for s in SeatSection.allCases { if let g = m.g13[s] { w.key(s.rawValue); w.number(g) } }
        w.endObject()
        if let cv {
            w.key("cv"); w.beginArray()
            for r in cv {
                w.beginObject()
                w.key("section"); w.string(r.section); w.key("indicator"); w.string(r.indicator)
                w.key("cv"); w.number(r.cv); w.key("limit"); w.number(r.limit)
                w.endObject()
            }
            w.endArray()
        }
        if !inline { w.endObject() }
    }

    public func text() -> String {
        var out = "学区划分方案 / catchment plans for \(problem.year) (neighbours: \(problem.neighbours.source.rawValue); "
        out += problem.county.travel == nil ? "great-circle metres)\n" : "travel metres)\n"
        func line(_ name: String, _ m: PlanMetrics) -> String {
            let g13 = SeatSection.allCases.compactMap { s in m.g13[s].map { "\(s.zh) " + String(format: "%.1f%%", $0 * 100) } }.joined(separator: ", ")
            return "\(name): 调整 moved \(Int(m.movedPupils.rounded())) pupils, 最远 longest trip \(Int(m.maxTripMetres.rounded())) m, "
                + "G4 over \(m.oversizeSchools.count), G5 largest class \(String(format: "%.1f", m.largestClass.values.max() ?? 0)), G13 \(g13)\n"
        }
        out += line("现行学区 status quo", statusQuo)
        for p in plans {
            let gap = p.gap.map { String(format: "%.4f%%", $0 * 100) } ?? "-"
            out += "方案 \(p.number) (move penalty \(seatsNumber(p.movePenaltyKm)) km): \(p.status.rawValue), objective "
                + "\(p.objective.map { String(format: "%.1f", $0) } ?? "-"), bound \(p.bestBound.map { String(format: "%.1f", $0) } ?? "-"), gap \(gap), "
                + "\(String(format: "%.1f", p.seconds)) s\n"
            if let m = p.metrics { out += "  " + line("方案 \(p.number)", m) }
            for d in p.diagnosis.prefix(10) { out += "  无可行方案 / infeasible: \(d)\n" }
            let found = violations[p.number] ?? []
            out += p.assignment.isEmpty ? "" : (found.isEmpty ? "  独立校核通过 / independent check: every constraint held\n"
                : "  独立校核发现问题 / independent check found: " + found.prefix(5).map(\.description).joined(separator: "; ") + "\n")
            let moved = problem.county.units.filter { u in SeatSection.allCases.contains { s in
                p.assignment[u.code]?[s] != nil && u.school[s] != nil && p.assignment[u.code]?[s] != u.school[s] } }
            for u in moved.prefix(20) {
                for s in SeatSection.allCases where p.assignment[u.code]?[s] != u.school[s] {
                    out += "    \(u.code) \(u.name) \(s.zh): \(u.school[s] ?? "-") → \(p.assignment[u.code]?[s] ?? "-")\n"
                }
            }
            if moved.count > 20 { out += "    … \(moved.count - 20) more units\n" }
        }
        return out
    }
}
