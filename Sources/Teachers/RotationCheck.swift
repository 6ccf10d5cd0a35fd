import EquityKit
import Foundation

/// An independent check of a rotation plan: every rule recomputed from the register, the statistics and the moves
/// alone (eligibility by anniversary date, shares by floating ceilings, distances by the spherical law of cosines,
/// the school rule by EquityKit's `Evaluator` on rebuilt records), sharing no code with the planner's model.
public enum RotationCheck {
    /// Every broken rule as one sentence (empty when the plan keeps them all).
    public static func problems(_ moves: [RotationMove], _ p: RotationProblem) -> [String] {
        var out: [String] = []
        let r = p.rules.rotation, d = p.rules.derivation
        let byID = Dictionary(p.register.teachers.map { ($0.teacherID, $0) }, uniquingKeysWith: { a, _ in a })
        func eligible(_ t: TeacherRecord) -> Bool {
            let years = t.role.isPrincipal ? r.principalYears : r.minimumYears
            // The anniversary of joining the school, `years` later, falls on or before the cutoff.
            return t.tenured && (t.schoolSince.year + years, t.schoolSince.month, t.schoolSince.day) <= (p.year, r.cutoffMonth, r.cutoffDay)
        }
        let eligibleCount = p.register.teachers.filter(eligible).count
        let sections = Dictionary(p.sections.map { (SectionKey($0.schoolCode, $0.section), $0) }, uniquingKeysWith: { a, _ in a })
        var moved = Set<String>()
        for m in moves {
            guard let t = byID[m.teacherID] else { out.append("\(m.teacherID): not in the register"); continue }
            if !moved.insert(m.teacherID).inserted { out.append("\(m.teacherID): moves twice") }
            if m.from != t.schoolCode { out.append("\(m.teacherID): from \(m.from) but teaches at \(t.schoolCode)") }
            if m.section != t.section { out.append("\(m.teacherID): section \(m.section.rawValue) but teaches \(t.section.rawValue)") }
            if m.to == m.from { out.append("\(m.teacherID): moves to the own school") }
            if (sections[SectionKey(m.to, m.section)]?.students ?? 0) <= 0 { out.append("\(m.teacherID): \(m.to) has no \(m.section.rawValue) pupils in the statistics") }
            if !eligible(t) { out.append("\(m.teacherID): not eligible in \(p.year)") }
            if r.respectNoMove && t.noMove { out.append("\(m.teacherID): marked 不宜交流") }
            if p.forbids.contains(where: { $0.teacherID == m.teacherID && ($0.schoolCode == nil || $0.schoolCode == m.to) }) {
                out.append("\(m.teacherID): forbidden move to \(m.to)")
            }
            if let limit = r.maxDistanceKm, let a = p.coordinates[m.from], let b = p.coordinates[m.to],
               !p.pins.contains(where: { $0.teacherID == m.teacherID && $0.schoolCode == m.to }) {
                let rad = Double.pi / 180
                let c = sin(a.lat * rad) * sin(b.lat * rad) + cos(a.lat * rad) * cos(b.lat * rad) * cos((b.lon - a.lon) * rad)
                let km = 6371.0088 * acos(max(-1, min(1, c)))
                if km > limit * (1 + 1e-9) + 1e-6 { out.append("\(m.teacherID): \(km) km > \(limit) km") }
            }
        }
        for pin in p.pins where !moves.contains(where: { $0.teacherID == pin.teacherID && (pin.schoolCode == nil || pin.schoolCode == $0.to) }) {
            out.append("pin \(pin.teacherID)>\(pin.schoolCode ?? "*") not kept")
        }
        let needed = Int((r.exchangeShare * Double(eligibleCount) - 1e-9).rounded(.up))
        if moves.count < needed { out.append("exchanged \(moves.count) < \(needed) (\(r.exchangeShare) × \(eligibleCount) eligible)") }
        let backbone = moves.filter { byID[$0.teacherID].map(d.isBackbone) ?? false }.count
        if Double(backbone) < r.backboneShare * Double(moves.count) - 1e-9 {
            out.append("backbone \(backbone) < \(r.backboneShare) × \(moves.count) exchanged")
        }
        if let n = r.maxOutPerSchool {
            for (school, ms) in Dictionary(grouping: moves, by: \.from) where ms.count > n { out.append("\(school): \(ms.count) out > \(n)") }
        }
        // The register after the moves.
        var after = p.register.teachers
        let to = Dictionary(moves.map { ($0.teacherID, $0.to) }, uniquingKeysWith: { a, _ in a })
        for i in after.indices { if let s = to[after[i].teacherID] { after[i].schoolCode = s } }
        let beforeBy = Dictionary(grouping: p.register.teachers) { SectionKey($0.schoolCode, $0.section) }
        let afterBy = Dictionary(grouping: after) { SectionKey($0.schoolCode, $0.section) }
        if r.keepOnlyTeacherOfSubject {
            for (key, ts) in beforeBy {
                for subject in Set(ts.flatMap(\.subjects)) where !(afterBy[key] ?? []).contains(where: { $0.subjects.contains(subject) }) {
                    out.append("\(key): no \(subject) teacher left")
                }
            }
        }
        // Principals: as many in as out per school.
        var balance: [String: Int] = [:]
        for m in moves where byID[m.teacherID]?.role.isPrincipal == true { balance[m.to, default: 0] += 1; balance[m.from, default: 0] -= 1 }
        for (school, b) in balance where b != 0 { out.append("\(school): principals in − out = \(b)") }
        // Subject posts: a receiver's incoming main-subject teachers beyond those leaving fill a shortfall against the
        // county's teachers of that subject per pupil.
        if r.matchSubjectPosts {
            for section in Section.allCases {
                let keys = sections.keys.filter { $0.section == section && (sections[$0]?.students ?? 0) > 0 }
                let pupils = keys.reduce(0.0) { $0 + Double(sections[$1]?.students ?? 0) }
                guard pupils > 0 else { continue }
                let known = Set(keys)
                var county: [String: Double] = [:]
                for t in p.register.teachers where t.section == section && known.contains(SectionKey(t.schoolCode, section)) { county[t.mainSubject, default: 0] += 1 }
                for key in keys {
                    let ins = moves.filter { $0.to == key.schoolCode && $0.section == section && byID[$0.teacherID]?.role.isPrincipal == false }
                    let outs = moves.filter { $0.from == key.schoolCode && $0.section == section && byID[$0.teacherID]?.role.isPrincipal == false }
                    for subject in Set(ins.compactMap { byID[$0.teacherID]?.mainSubject }) {
                        let have = Double((beforeBy[key] ?? []).filter { $0.mainSubject == subject }.count)
                        let fair = ((county[subject] ?? 0) * Double(sections[key]?.students ?? 0) / pupils - 1e-9).rounded(.up)
                        let net = ins.filter { byID[$0.teacherID]?.mainSubject == subject }.count - outs.filter { byID[$0.teacherID]?.mainSubject == subject }.count
                        if Double(net) > max(0, fair - have) + 1e-9 { out.append("\(key): \(net) more \(subject) teachers than its shortfall \(max(0, fair - have))") }
                    }
                }
            }
        }
        // The school rule, by the evaluator, before and after.
        func evaluate(_ register: [TeacherRecord]) -> [SectionKey: SchoolEvaluation]? {
            let by = Dictionary(grouping: register) { SectionKey($0.schoolCode, $0.section) }
            let records = p.sections.map { s -> StatisticsRecord in
                var q = s.quantities
                let ts = by[SectionKey(s.schoolCode, s.section)] ?? []
                for quantity in SectionFigures.quantities { q[quantity] = Double(ts.filter { d.counts($0, in: quantity) }.count) }
                return StatisticsRecord(row: s.sourceRow, schoolCode: s.schoolCode, schoolName: s.schoolName, schoolType: s.schoolType,
                                        section: .single(s.section), location: s.location, parentSchoolCode: s.parentSchoolCode,
                                        students: s.students, quantities: q)
            }
            guard let e = try? Evaluator.evaluate(records, standard: p.standard, options: EvaluationOptions(driversPerIndicator: 0, equityStatistics: false)) else { return nil }
            return Dictionary(e.schools.map { (SectionKey($0.school.schoolCode, $0.school.section), $0) }, uniquingKeysWith: { a, _ in a })
        }
        guard let before = evaluate(p.register.teachers), let afterEval = evaluate(after) else {
            out.append("the evaluator refused the rebuilt statistics")
            return out
        }
        let teacherIndicators = p.standard.indicators.indices.filter { SectionFigures.quantities.contains(p.standard.indicators[$0].numerator) }
        // To weaker schools only: the mean of min(1, value ÷ requirement) over the teacher indicators, before the moves.
        if r.toWeakerOnly {
            func score(_ e: SchoolEvaluation) -> Double {
                let parts = teacherIndicators.compactMap { k -> Double? in
                    guard let req = p.standard.indicators[k].requirement?[e.school.section], req > 0 else { return nil }
                    return min(1, (e.values[k] ?? 0) / req)
                }
                return parts.isEmpty ? 1 : parts.reduce(0, +) / Double(parts.count)
            }
            for m in moves where byID[m.teacherID]?.role.isPrincipal == false
                && !p.pins.contains(where: { $0.teacherID == m.teacherID && $0.schoolCode == m.to }) {
                guard let a = before[SectionKey(m.from, m.section)], let b = before[SectionKey(m.to, m.section)] else { continue }
                if !(score(b) < score(a) - 1e-12) { out.append("\(m.teacherID): \(m.to) is not weaker than \(m.from)") }
            }
        }
        for (key, b) in before {
            guard let a = afterEval[key], let was = b.passed else { continue }
            if was {
                if a.passed != true { out.append("\(key): passed the school rule before the moves, fails after") }
            } else {
                for k in teacherIndicators {
                    func level(_ e: SchoolEvaluation) -> Int { e.belowFloor.contains(k) ? 0 : (e.unmet.contains(k) ? 1 : 2) }
                    if level(a) < level(b) { out.append("\(key): \(p.standard.indicators[k].key) worse after the moves") }
                }
            }
        }
        return out
    }
}
