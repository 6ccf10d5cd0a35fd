import EquityKit
import Foundation
import JunhengPlanner
import Testing

// Shared helpers for the planner tests. Everything here is written from the documentation of the actions and the
// standard (standards.md §1.1, §3), not from the planner's code: effects are re-stated per action, plans are
// re-applied to the input rows by hand, and EquityKit's `Evaluator` is the only judge of "passes".

/// The default standard (youzhi-2017, CV ≤ 0.50 小学 / 0.45 初中).
let youzhi = BuiltInStandards.youzhi2017

/// youzhi-2017 with another CV limit for both sections (a local variant).
func youzhi(cvLimit: Double) -> Standard {
    var variant = StandardVariant(base: "youzhi-2017", id: "test-cv-\(cvLimit)")
    variant.cvLimit = PartialPerSection(primary: cvLimit, junior: cvLimit)
    return try! variant.resolved()
}

/// Evaluation without the extra statistics the tests do not look at (faster in the enumerations).
let lean = EvaluationOptions(driversPerIndicator: 0, equityStatistics: false)

/// |a − b| ≤ tolerance · max(1, |b|).
func isClose(_ a: Double?, _ b: Double, relative tolerance: Double = 1e-6) -> Bool {
    guard let a, a.isFinite else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

func quantities(_ pairs: [Quantity: Double]) -> Quantities {
    var q = Quantities()
    for (k, v) in pairs { q[k] = v }
    return q
}

/// A single-section row.
func row(_ code: String, _ section: Section = .primary, students: Int, teachers: Double, degree: Double,
         backbone: Double, peArt: Double, rooms: Double, facilities: Double = 1.2, location: Location = .rural) -> StatisticsRecord {
    let need = requirements(section)
    let n = Double(students)
    // Floor area, sports area and equipment comfortably above the requirement unless `facilities` < 1.
    let q = quantities([
        .teachers: teachers, .degreeTeachers: degree, .backboneTeachers: backbone, .peArtTeachers: peArt,
        .multimediaClassrooms: rooms, .certifiedTeachers: teachers, .midSeniorTitleTeachers: 0,
        .teachingAuxArea: (n * need.area * facilities).rounded(), .sportsArea: (n * need.sports * facilities).rounded(),
        .equipmentValue: (n * need.equipment * facilities).rounded(),
    ])
    return StatisticsRecord(schoolCode: code, schoolName: "学校\(code)",
                            schoolType: section == .primary ? .primary : .junior, section: .single(section),
                            location: location, students: students, quantities: q)
}

/// youzhi-2017's requirements (standards.md §1.1), written out here rather than read from the standard.
func requirements(_ s: Section) -> (degree: Double, backbone: Double, peArt: Double, area: Double, sports: Double,
                                    equipment: Double, rooms: Double) {
    s == .primary ? (4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3) : (5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4)
}

/// What one unit of each action does, re-stated from the actions' documentation (a transfer's effect on the
/// receiver; the sender loses the same teacher).
let documentedEffect: [RemedyAction: [Quantity: Double]] = [
    .hire: [.teachers: 1, .degreeTeachers: 1],
    .hirePEArt: [.teachers: 1, .degreeTeachers: 1, .peArtTeachers: 1],
    .trainBackbone: [.backboneTeachers: 1],
    .transferBackbone: [.teachers: 1, .degreeTeachers: 1, .backboneTeachers: 1],
    .transferPEArt: [.teachers: 1, .degreeTeachers: 1, .peArtTeachers: 1],
    .transferTeacher: [.teachers: 1, .degreeTeachers: 1],
    .buildTeachingArea: [.teachingAuxArea: 1],
    .buildSportsArea: [.sportsArea: 1],
    .buyEquipment: [.equipmentValue: 1],
    .equipMultimediaRoom: [.multimediaClassrooms: 1],
]

/// Adds `amount` units of `action`'s effect to `q` (negative for a sender).
func add(_ action: RemedyAction, _ amount: Double, to q: inout Quantities) {
    for (k, e) in documentedEffect[action]! { q[k] = (q[k] ?? 0) + e * amount }
}

/// Teacher counts that make no sense: negative, or backbone / degree / PE-art teachers above all teachers.
func teacherProblems(_ records: [StatisticsRecord]) -> [String] {
    var out: [String] = []
    for r in records {
        let q = r.quantities
        let teachers = q[.teachers] ?? 0
        for k in [Quantity.teachers, .degreeTeachers, .backboneTeachers, .peArtTeachers] where (q[k] ?? 0) < -1e-9 {
            out.append("\(r.schoolCode) \(r.section.label): \(k.key) = \(q[k]!)")
        }
        for k in [Quantity.backboneTeachers, .degreeTeachers, .peArtTeachers] where (q[k] ?? 0) > teachers + 1e-9 {
            out.append("\(r.schoolCode) \(r.section.label): \(k.key) = \(q[k]!) > teachers \(teachers)")
        }
    }
    return out
}

/// A plan's actions applied to the input rows by the test's own reading of them, with what looked wrong.
struct Reapplied {
    var records: [StatisticsRecord]
    var problems: [String]
}

/// Applies `actions` to `records`: each action at the row of its school and section label; a transfer takes the
/// teacher from the sender's single-section row of the same section and gives it to the receiver's.
func reapply(_ actions: [PlannedAction], to input: [StatisticsRecord]) -> Reapplied {
    var records = input
    var problems: [String] = []
    func find(_ code: String, _ label: String) -> Int? {
        let hits = records.indices.filter { records[$0].schoolCode == code && records[$0].section.label == label }
        if hits.count != 1 { problems.append("\(hits.count) rows for \(code) \(label)") }
        return hits.first
    }
    for a in actions {
        if !(a.quantity > 0) { problems.append("non-positive quantity \(a.quantity) of \(a.action.rawValue) at \(a.schoolCode)") }
        if a.action.isWhole && a.quantity != a.quantity.rounded() {
            problems.append("fractional \(a.quantity) of \(a.action.rawValue) at \(a.schoolCode)")
        }
        if a.action.isTransfer {
            guard let from = a.from, let to = a.to else { problems.append("transfer without from/to at \(a.schoolCode)"); continue }
            if from == to { problems.append("transfer of \(a.action.rawValue) from \(from) to itself") }
            if to != a.schoolCode { problems.append("transfer listed at \(a.schoolCode) but goes to \(to)") }
            guard case .single = RecordSection(label: a.section) else {
                problems.append("transfer \(from)→\(to) on a \(a.section) row"); continue
            }
            guard let s = find(from, a.section), let t = find(to, a.section) else { continue }
            if case .combined = records[s].section { problems.append("sender \(from) is a combined row") }
            add(a.action, -a.quantity, to: &records[s].quantities)
            add(a.action, a.quantity, to: &records[t].quantities)
        } else {
            if a.from != nil || a.to != nil { problems.append("\(a.action.rawValue) at \(a.schoolCode) names from/to") }
            guard let u = find(a.schoolCode, a.section) else { continue }
            add(a.action, a.quantity, to: &records[u].quantities)
        }
    }
    return Reapplied(records: records, problems: problems + teacherProblems(records))
}

/// Σ quantity × unit cost, recomputed from the price list.
func recomputedCost(_ actions: [PlannedAction], _ costs: ActionCosts = .defaults) -> Double {
    actions.reduce(0) { $0 + $1.quantity * costs[$1.action] }
}

/// Included school sections failing the school rule, per EquityKit.
func failingSchools(_ e: Evaluation) -> Int { e.sections.reduce(0) { $0 + $1.schoolsFailing } }

/// Every CV within its limit × (1 + 1e-9), per EquityKit's numbers.
func cvsWithinLimits(_ e: Evaluation) -> [String] {
    e.sections.flatMap { s in
        s.indicators.compactMap { i -> String? in
            guard let cv = i.cv.value else { return "\(s.section.english) \(i.definition.key): CV undefined" }
            return cv <= i.cvLimit * (1 + 1e-9) ? nil : "\(s.section.english) \(i.definition.key): CV \(cv) > \(i.cvLimit)"
        }
    }
}

func plan(_ request: PlanRequest) -> RemedyPlan {
    do { return try RemedyPlanner.plan(request) } catch { fatalError("planner threw: \(error)") }
}
