import EquityKit

/// One synthetic school: draws its students, teachers and facilities per section.
struct DemoSchool {
    var code: String
    var name: String
    var type: SchoolType
    var location: Location
    var parent: String?

    /// The school's rows: one per section, or a single 合计 row for a multi-section school when `combinedRow`.
    func records(rng: inout SeededGenerator, combinedRow: Bool) -> [StatisticsRecord] {
        var sections: [(Section, Int, Quantities)] = []
        for s in type == .specialEducation ? [.primary] : type.sections {
            let n = students(s, rng: &rng)
            sections.append((s, n, quantities(s, students: n, rng: &rng)))
        }
        if type == .completeSecondary || (type == .nineYear && combinedRow) {
            let senior = type == .completeSecondary ? rng.int(600...1800) : 0
            // The senior part's facilities come on top, in proportion to its students.
            let seniorShare = type == .completeSecondary ? Double(senior) * 1.2 / Double(sections[0].1) : 0
            var total = Quantities()
            for q in Quantity.allCases {
                let parts = sections.compactMap { $0.2[q] }
                guard !parts.isEmpty else { continue }
                switch q.apportioning {
                case .copied: total[q] = parts.max()
                case .byStudents: total[q] = parts.reduce(0, +)
                case .byWeightedStudents: total[q] = (parts.reduce(0, +) * (1 + seniorShare)).rounded()
                }
            }
            let count = { (s: Section) in sections.first { $0.0 == s }?.1 ?? 0 }
            let split = SectionStudents(primary: count(.primary), junior: count(.junior), senior: senior)
            return [StatisticsRecord(schoolCode: code, schoolName: name, schoolType: type, section: .combined,
                                     location: location, parentSchoolCode: parent, students: split.primary + split.junior,
                                     sectionStudents: split, quantities: total)]
        }
        return sections.map { s, n, q in
            StatisticsRecord(schoolCode: code, schoolName: name, schoolType: type, section: .single(s), location: location,
                             parentSchoolCode: parent, students: n, quantities: q)
        }
    }

    func students(_ s: Section, rng: inout SeededGenerator) -> Int {
        switch (type, location, s) {
        case (.teachingPoint, _, _): return rng.int(6...90)
        case (.specialEducation, _, _): return rng.int(40...160)
        case (_, .urban, .primary): return rng.int(1000...2400)
        case (_, .urban, .junior): return rng.int(800...1900)
        case (_, .town, .primary): return rng.int(450...1500)
        case (_, .town, .junior): return rng.int(400...1300)
        case (_, _, .primary): return rng.chance(0.35) ? rng.int(60...160) : rng.int(160...650)
        case (_, _, .junior): return rng.int(180...700)
        }
    }

    /// Per-location ranges; urban schools are crowded but well staffed, rural ones roomy but short of specialists.
    func quantities(_ s: Section, students n: Int, rng: inout SeededGenerator) -> Quantities {
        let junior = s == .junior
        let N = Double(n)
        func pick(_ urban: ClosedRange<Double>, _ town: ClosedRange<Double>, _ rural: ClosedRange<Double>) -> Double {
            rng.uniform(location == .urban ? urban : location == .town ? town : rural)
        }
        let classSize = type == .teachingPoint ? rng.uniform(5...22) : pick(42...52, 35...48, 18...40)
        let classes = max(1, (N / classSize).rounded(.up))
        let ratio = junior ? pick(12...14, 11...13.5, 9...13) : pick(17...19.5, 15...18, 11...17)
        let teachers = max((classes * (type == .teachingPoint ? 1.1 : 1.6)).rounded(), (N / ratio).rounded())
        func share(of total: Double, _ fraction: Double) -> Double { min(total, max(0, (total * fraction).rounded())) }
        func per100(_ value: Double) -> Double { max(0, (N * value / 100).rounded()) }
        var q = Quantities()
        q[.classes] = classes
        q[.maxClassSize] = (classSize + rng.uniform(0...6)).rounded()
        q[.teachers] = teachers
        q[.degreeTeachers] = share(of: teachers, junior ? pick(0.88...1.0, 0.75...0.97, 0.55...0.92) : pick(0.9...1.0, 0.8...0.99, 0.62...0.95))
        q[.backboneTeachers] = type == .teachingPoint ? 0 : min(teachers, per100(pick(1.2...2.8, 0.7...1.7, 0.05...1.1)))
        q[.peArtTeachers] = type == .teachingPoint ? Double(rng.int(0...1)) : min(teachers, per100(pick(0.95...1.45, 0.7...1.25, 0.3...1.0)))
        q[.midSeniorTitleTeachers] = share(of: teachers, rng.uniform(0.35...0.7))
        q[.certifiedTeachers] = share(of: teachers, rng.uniform(0.93...1.0))
        let bigger = junior ? 1.3 : 1.0
        q[.teachingAuxArea] = (N * pick(3.6...6.0, 4.5...7.5, 5.5...11) * bigger).rounded()
        q[.sportsArea] = (N * pick(4.5...9, 7...14, 9...22) * (junior ? 1.35 : 1)).rounded()
        q[.equipmentValue] = (N * pick(2300...4500, 1800...3600, 1500...3300) * (junior ? 1.25 : 1)).rounded()
        q[.multimediaClassrooms] = type == .teachingPoint ? Double(rng.int(0...1)) : (classes * pick(0.95...1.15, 0.8...1.05, 0.45...1.0)).rounded()
        q[.computers] = per100(rng.uniform(8...20))
        q[.books] = (N * rng.uniform(junior ? 25...50 : 20...45)).rounded()
        q[.musicRooms] = max(type == .teachingPoint ? 0 : 1, (classes / 12).rounded())
        q[.artRooms] = max(type == .teachingPoint ? 0 : 1, (classes / 12).rounded())
        q[.publicFundsPerStudent] = rng.uniform(650...1100).rounded()
        q[.migrantStudents] = (N * pick(0.05...0.3, 0.02...0.12, 0...0.03)).rounded()
        return q
    }
}
