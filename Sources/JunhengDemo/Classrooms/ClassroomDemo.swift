import ThreeClassrooms

/// Seeded synthetic 三个课堂 input: a county, or a province of many counties, with town schools that can send
/// and rural schools and 教学点 that lack 英语, 音乐, 美术, 信息科技 or 科学 teachers.
public enum ClassroomDemo {
    /// `schools` schools spread over `counties` counties (eight counties a prefecture); a share of each county
    /// (`sendingShare`, at least one school) are town schools with full staff and spare periods.
    /// `scarcity` (0…1, default 0: unchanged) makes the specialists busier, see `withScarcity`.
    public static func capacity(schools: Int, counties: Int = 1, sendingShare: Double = 0.25, seed: UInt64,
                                curriculum: Curriculum = .default2022, scarcity: Double = 0) -> TeachingCapacity {
        var rng = SeededGenerator(seed: seed)
        var result = TeachingCapacity(schools: [], classCounts: [], teachers: [], lessons: [])
        for k in 0..<counties {
            let n = schools / counties + (k < schools % counties ? 1 : 0)
            guard n > 0 else { continue }
            let county = "33" + twoDigits(k / 8 + 1) + twoDigits(k % 8 + 1)
            let senders = min(n, max(1, Int((Double(n) * sendingShare).rounded())))
            var groups: [String] = []
            for i in 0..<n {
                let code = county + fourDigits(i + 1)
                let town = i < senders
                let layout = DemoLayout.pick(town: town, rng: &rng)
                let name = DemoNames.counties[k % DemoNames.counties.count] + layout.name(index: i, rng: &rng)
                let group: String
                if town {
                    group = name + "教育集团"
                    groups.append(group)
                } else {
                    group = rng.chance(0.85) ? rng.pick(groups) : ""
                }
                let bandwidth: Bandwidth = town ? .high : (rng.chance(layout.teachingPoint ? 0.4 : 0.2) ? .low : .medium)
                let school = ClassroomSchool(code: code, name: name, county: county, group: group, bandwidth: bandwidth,
                                             days: 5, periodsPerDay: layout.grades.contains { $0 >= 7 } ? 7 : 6,
                                             isTeachingPoint: layout.teachingPoint)
                result.schools.append(school)
                for (g, c) in layout.classes(rng: &rng) { result.classCounts.append(ClassCount(school: code, grade: g, classes: c)) }
                DemoStaffing.staff(school, town: town, classCounts: result.classCounts.filter { $0.school == code },
                                   curriculum: curriculum, rng: &rng, into: &result)
            }
        }
        return scarcity > 0 ? withScarcity(result, scarcity) : result
    }

    /// Busier specialists: every teacher whose first subject is 英语, 音乐, 美术, 信息科技 or 科学 keeps only
    /// `1 − scarcity` of their spare periods, rounded to the nearest period (half up):
    /// maximum = load + round((maximum − load) × (1 − scarcity)). Nothing else changes, so the same seed gives
    /// the same schools, classes and lessons, and `scarcity` 1 leaves no specialist with a spare period.
    /// (`scripts/bench-classrooms.sh` applies the same rule to a `demo-data` folder's teachers file.)
    public static func withScarcity(_ capacity: TeachingCapacity, _ scarcity: Double) -> TeachingCapacity {
        var result = capacity
        let keep = 1 - min(1, max(0, scarcity))
        for t in result.teachers.indices {
            guard let first = result.teachers[t].subjects.first, DemoStaffing.specialistSubjects.contains(first) else { continue }
            let spare = result.teachers[t].maxLoad - result.teachers[t].load
            result.teachers[t].maxLoad = result.teachers[t].load + Int((Double(spare) * keep + 0.5).rounded(.down))
        }
        return result
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n % 100)" }
    static func fourDigits(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
}

/// The kind of a demo school: grades, classes per grade, name.
struct DemoLayout {
    var grades: ClosedRange<Int>
    var classesPerGrade: ClosedRange<Int>
    var suffix: String
    var teachingPoint: Bool
    var town: Bool

    static func pick(town: Bool, rng: inout SeededGenerator) -> DemoLayout {
        if town {
            return rng.pick([
                DemoLayout(grades: 1...9, classesPerGrade: 2...3, suffix: "实验学校", teachingPoint: false, town: true),
                DemoLayout(grades: 1...6, classesPerGrade: 2...4, suffix: "中心小学", teachingPoint: false, town: true),
                DemoLayout(grades: 7...9, classesPerGrade: 3...5, suffix: "中学", teachingPoint: false, town: true),
            ])
        }
        let roll = rng.int(0...9)
        if roll < 4 { return DemoLayout(grades: 1...6, classesPerGrade: 1...1, suffix: "小学", teachingPoint: false, town: false) }
        if roll < 7 { return DemoLayout(grades: 1...rng.int(2...4), classesPerGrade: 1...1, suffix: "教学点", teachingPoint: true, town: false) }
        if roll < 9 { return DemoLayout(grades: 7...9, classesPerGrade: 1...2, suffix: "初级中学", teachingPoint: false, town: false) }
        return DemoLayout(grades: 1...9, classesPerGrade: 1...1, suffix: "九年一贯制学校", teachingPoint: false, town: false)
    }

    func name(index: Int, rng: inout SeededGenerator) -> String {
        (town ? (DemoNames.towns.first ?? "城关") + DemoNames.ordinals[index % DemoNames.ordinals.count]
              : rng.pick(DemoNames.ruralTowns) + rng.pick(DemoNames.villages)) + suffix
    }

    func classes(rng: inout SeededGenerator) -> [(Int, Int)] {
        grades.map { ($0, rng.int(classesPerGrade)) }
    }
}
