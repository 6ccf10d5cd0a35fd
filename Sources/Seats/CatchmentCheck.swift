/// An independent check of a catchment assignment, written apart from the MIP: it recomputes every load from the
/// forecast and tests each rule directly (and, beyond the rule, that each school's units form a connected area).
public enum CatchmentCheck {
    /// A broken rule, in words.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public var rule: String
        public var detail: String
        public var description: String { "\(rule): \(detail)" }
    }

    public static func violations(_ p: CatchmentProblem, assignment: [String: [SeatSection: String]],
                                  tolerance: Double = 1e-6) -> [Violation] {
        var out: [Violation] = []
        let schoolBy = Dictionary(p.county.schools.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var members: [String: [String]] = [:]
        for section in SeatSection.allCases where !p.county.schools(of: section).isEmpty {
            for u in p.county.units {
                guard let code = assignment[u.code]?[section] else {
                    out.append(Violation(rule: "assigned", detail: "\(u.code) has no \(section.rawValue) school")); continue
                }
                guard let s = schoolBy[code], s.section == section else {
                    out.append(Violation(rule: "section", detail: "\(u.code) → \(code) is not a \(section.rawValue) school")); continue
                }
                members[code, default: []].append(u.code)
                if p.pinned.contains(u.code), let today = u.school[section], today != code {
                    out.append(Violation(rule: "pinned", detail: "\(u.code) left \(today)"))
                }
                let d = p.distances(u.code, code)
                if let today = u.school[section] {
                    if today != code {
                        let t = p.distances(u.code, today)
                        let relative = max(t * (1 + p.rules.tripGrowth), p.rules.tripFloorMetres)
                        if d > relative + tolerance { out.append(Violation(rule: "trip", detail: "\(u.code) → \(code): \(Int(d)) m > \(Int(relative)) m")) }
                        if d > p.rules.absoluteTripMetres[section] + tolerance {
                            out.append(Violation(rule: "trip_absolute", detail: "\(u.code) → \(code): \(Int(d)) m"))
                        }
                    }
                } else if d > p.rules.absoluteTripMetres[section] + tolerance {
                    out.append(Violation(rule: "trip_absolute", detail: "\(u.code) → \(code): \(Int(d)) m"))
                }
            }
        }
        for s in p.county.schools {
            let list = members[s.code] ?? []
            var total = 0.0
            var perGrade: [Int: Double] = [:]
            for u in list {
                for g in s.section.grades {
                    let n = p.forecast.pupils(unit: u, section: s.section, year: p.year, grade: g)
                    total += n
                    perGrade[g, default: 0] += n
                }
            }
            let seats = Double(s.approvedClasses * s.classLimit * s.section.grades.count)
            if total < p.rules.fillLower * seats - tolerance || total > p.rules.fillUpper * seats + tolerance {
                out.append(Violation(rule: "fill", detail: "\(s.code): \(total) pupils for \(seats) seats"))
            }
            if total > Double(p.rules.schoolSizeLimit[s.section]) + tolerance {
                out.append(Violation(rule: "G4 school size", detail: "\(s.code): \(total)"))
            }
            for (g, n) in perGrade where n > Double(s.approvedClasses * p.rules.classSizeLimit[s.section]) + tolerance {
                out.append(Violation(rule: "G5 class size", detail: "\(s.code) grade \(g): \(n) pupils in \(s.approvedClasses) classes"))
            }
            // The rule: each member but the unit nearest the school has a member neighbour nearer the school.
            let inSchool = Set(list)
            let nearest = p.county.units.min { p.distances($0.code, s.code) < p.distances($1.code, s.code) }?.code
            for u in list where u != nearest {
                let d = p.distances(u, s.code)
                if !(p.neighbours.of[u] ?? []).contains(where: { inSchool.contains($0) && p.distances($0, s.code) < d }) {
                    out.append(Violation(rule: "contiguity", detail: "\(u) in \(s.code) has no neighbour nearer the school in it"))
                }
            }
            // Beyond the rule: the members are one connected area.
            if let start = list.first {
                var seen: Set<String> = [start], stack = [start]
                while let u = stack.popLast() {
                    for n in p.neighbours.of[u] ?? [] where inSchool.contains(n) && !seen.contains(n) { seen.insert(n); stack.append(n) }
                }
                if seen.count != inSchool.count {
                    out.append(Violation(rule: "connected", detail: "\(s.code): \(inSchool.count - seen.count) units cut off"))
                }
            }
        }
        return out
    }
}
