import EquityKit

/// One difference between two versions of a county's assessment input.
public struct InputChange: Sendable, Equatable {
    /// statistics, schools, rooms, county, monitoring, reviews, vetoes.
    public var sheet: String
    /// What the value belongs to: `school_code/学段`, a county key, a subject, an item key.
    public var subject: String
    public var field: String
    /// Text of the old and new value; "" when absent.
    public var old: String
    public var new: String
}

/// What changed between two assessment inputs (for the reviewer of a resubmission).
public enum InputDiff {
    public static func between(_ a: AssessmentInput, _ b: AssessmentInput) -> [InputChange] {
        var out: [InputChange] = []
        func add(_ sheet: String, _ subject: String, _ field: String, _ old: String, _ new: String) {
            if old != new { out.append(InputChange(sheet: sheet, subject: subject, field: field, old: old, new: new)) }
        }
        func n(_ v: Double?) -> String {
            guard let v else { return "" }
            return v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        }
        func rows(_ i: AssessmentInput) -> [String: AssessedRecord] {
            var d: [String: AssessedRecord] = [:]
            for r in i.statistics { d[r.record.schoolCode + "/" + r.record.section.label] = r }
            return d
        }
        func fields(_ r: AssessedRecord?) -> [(String, String)] {
            guard let r else { return [] }
            let rec = r.record
            var f: [(String, String)] = [("school_name", rec.schoolName), ("school_type", rec.schoolType.rawValue),
                                         ("location", rec.location.rawValue), ("parent_school_code", rec.parentSchoolCode ?? ""),
                                         ("students", String(rec.students)),
                                         ("primary_students", rec.sectionStudents.map { String($0.primary) } ?? ""),
                                         ("junior_students", rec.sectionStudents.map { String($0.junior) } ?? "")]
            f += Quantity.allCases.map { ($0.key, n(rec.quantities[$0])) }
            f += [("new_entrants", n(r.newEntrants.map(Double.init))), ("new_entrants_in_catchment", n(r.newEntrantsInCatchment.map(Double.init))),
                  ("teachers_360h", n(r.teachers360h.map(Double.init)))]
            return f
        }
        let ra = rows(a), rb = rows(b)
        var keys: [String] = [], seen = Set<String>()
        for r in a.statistics + b.statistics {
            let k = r.record.schoolCode + "/" + r.record.section.label
            if seen.insert(k).inserted { keys.append(k) }
        }
        for k in keys {
            switch (ra[k], rb[k]) {
            case (nil, .some): add("statistics", k, "row", "", "added")
            case (.some, nil): add("statistics", k, "row", "removed", "")
            default:
                for ((name, old), (_, new)) in zip(fields(ra[k]), fields(rb[k])) { add("statistics", k, name, old, new) }
            }
        }
        func facts(_ f: SchoolFacts?) -> [(String, String)] {
            let f = f ?? SchoolFacts()
            return [("boarding", f.boarding ? "是" : "否"), ("public_school", f.publicSchool ? "是" : "否"),
                    ("approved_public_funds_yuan", n(f.approvedPublicFunds)), ("public_funds_budget_yuan", n(f.publicFundsBudget)),
                    ("training_budget_yuan", n(f.trainingBudget)), ("moral_education_rating", f.moralRating?.rawValue ?? ""),
                    ("planned_by_2016", f.plannedBy2016 ? "是" : "否"), ("built_by_2010", f.builtBy2010 ? "是" : "否")]
        }
        for code in Set(a.schools.keys).union(b.schools.keys).sorted() {
            for ((name, old), (_, new)) in zip(facts(a.schools[code]), facts(b.schools[code])) { add("statistics", code, name, old, new) }
        }
        func roomText(_ rooms: [SpecialRoom]?) -> [String: String] {
            Dictionary(grouping: rooms ?? [], by: \.schoolCode).mapValues { $0.map { "\($0.kind.rawValue) \(n($0.areaM2))" }.sorted().joined(separator: ", ") }
        }
        let roomsA = roomText(a.rooms), roomsB = roomText(b.rooms)
        for code in Set(roomsA.keys).union(roomsB.keys).sorted() { add("rooms", code, "rooms", roomsA[code] ?? "", roomsB[code] ?? "") }
        for k in Set(a.county.keys).union(b.county.keys).sorted() { add("county", k.rawValue, "value", n(a.county[k]), n(b.county[k])) }
        func monitoring(_ i: AssessmentInput) -> [String: String] {
            Dictionary(i.monitoring.map { ($0.subject, "\($0.level) / \(n($0.betweenSchoolRate))") }, uniquingKeysWith: { x, _ in x })
        }
        let ma = monitoring(a), mb = monitoring(b)
        for s in Set(ma.keys).union(mb.keys).sorted() { add("monitoring", s, "level / between_school_rate", ma[s] ?? "", mb[s] ?? "") }
        func reviews(_ i: AssessmentInput) -> [String: String] {
            Dictionary(i.reviews.map { ($0.key + ($0.schoolCode.map { "@" + $0 } ?? ""), "\($0.passed ? "达标" : "不达标") \($0.comment)") },
                       uniquingKeysWith: { x, _ in x })
        }
        let va = reviews(a), vb = reviews(b)
        for k in Set(va.keys).union(vb.keys).sorted() { add("reviews", k, "verdict", va[k] ?? "", vb[k] ?? "") }
        func vetoes(_ i: AssessmentInput) -> [String: String] {
            Dictionary(i.vetoes.map { ($0.key, "\($0.present ? "是" : "否") \($0.explanation)") }, uniquingKeysWith: { x, _ in x })
        }
        let xa = vetoes(a), xb = vetoes(b)
        for k in Set(xa.keys).union(xb.keys).sorted() { add("vetoes", k, "value", xa[k] ?? "", xb[k] ?? "") }
        return out
    }
}
