/// A deterministic demo budget for a county's schools: two or more years of lines and projects where every rule
/// passes except two planted failures in the last year: one school's training funds are 4.5% of its public funds
/// (F6 / Q4), and one project's 采购意向 was published only 20 days before its tender (F7).
public enum FundingDemo {
    /// The school whose training share is planted below 5% (the first regular school in code order).
    public static func plantedTrainingSchool(_ schools: [FundingSchool]) -> String? {
        schools.filter { $0.kind != .special && $0.kind != .other && $0.pupils > 0 }.map(\.code).sorted().first
    }

    /// The dataset for `years` (ascending); the planted failures are in the last year.
    public static func dataset(countyCode: String, countyName: String, schools: [FundingSchool], years: [Int],
                               rules: FundingRules = .national) -> FundingDataset {
        let planted = plantedTrainingSchool(schools)
        var lines: [BudgetLine] = [], projects: [FundingProject] = []
        let funded = schools.filter { $0.kind != .other && $0.pupils > 0 }
        for (i, year) in years.enumerated() {
            let last = i == years.count - 1
            // Yearly growth of 5%: public funds in 分 = required yuan × 110 × 1.05^i.
            var growth = 100
            for _ in 0..<i { growth = growth * 105 / 100 }
            for s in funded {
                let functional: String = switch s.kind {
                case .special: "2050701"
                case .junior: "2050203"
                default: "2050202"
                }
                let requiredYuan: Int
                if s.kind == .special {
                    requiredYuan = s.pupils * rules.specialMinimumYuan
                } else {
                    let lift = s.pupils < rules.smallSchoolPupils
                    let p = lift ? (s.juniorPupils == 0 ? rules.smallSchoolPupils : 0) : s.primaryPupils
                    let j = lift ? (s.juniorPupils == 0 ? 0 : rules.smallSchoolPupils) : s.juniorPupils
                    requiredYuan = p * rules.countyPrimaryYuan + j * rules.countyJuniorYuan
                }
                let publicFen = requiredYuan * 110 * growth / 100
                let trainingPermille = last && s.code == planted ? 45 : 60
                let training = publicFen * trainingPermille / 1000
                let office = publicFen * 30 / 100, repair = publicFen * 25 / 100, utilities = publicFen * 15 / 100
                let other = publicFen - training - office - repair - utilities
                let wages = s.pupils * 8_000 * 100 * growth / 100
                var items: [(String, FundSource, Int)] = [
                    ("30101", .own, wages), ("30201", .transfer(programme: "城乡义务教育补助经费"), office), ("30213", .own, repair),
                    ("30206", .own, utilities), ("30216", .own, training), ("30299", .own, other),
                ]
                if s.code.hasSuffix("3") { items.append(("31003", .donation, 5_000_000)) }
                for (economic, source, fen) in items {
                    lines.append(BudgetLine(schoolCode: s.code, fiscalYear: year, phase: .initial, functionalCode: functional,
                                            economicCode: economic, source: source, amount: Fen(fen)))
                    // Past years have 决算 (98% of the budget); the last year has execution so far (55%).
                    lines.append(BudgetLine(schoolCode: s.code, fiscalYear: year, phase: last ? .executed : .final, functionalCode: functional,
                                            economicCode: economic, source: source, amount: Fen(fen * (last ? 55 : 98) / 100)))
                }
            }
            // Projects at the first regular schools.
            let sites = funded.map(\.code).sorted()
            guard !sites.isEmpty else { continue }
            func site(_ k: Int) -> String { sites[k % sites.count] }
            func d(_ m: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: m, day: day) ?? .epoch }
            if !last {
                projects.append(FundingProject(code: "P\(year)01", name: "教学楼维修改造", schoolCode: site(0), fiscalYear: year, indicatorKey: "R4",
                                               budget: Fen(180_000_000), plannedTender: d(3, 15),
                                               stages: [.intent: d(2, 1), .tender: d(3, 15), .award: d(4, 10), .contract: d(4, 20), .acceptance: d(9, 30), .payment: d(11, 15)],
                                               execution: [ExecutionPoint(date: d(6, 30), percent: 40), ExecutionPoint(date: d(12, 31), percent: 100)]))
                projects.append(FundingProject(code: "P\(year)02", name: "音乐美术专用教室配备", schoolCode: site(1), fiscalYear: year, indicatorKey: "G3",
                                               budget: Fen(45_000_000), plannedTender: d(4, 20),
                                               stages: [.intent: d(3, 10), .tender: d(4, 20), .award: d(5, 15), .contract: d(5, 25), .acceptance: d(8, 20), .payment: d(9, 30)],
                                               execution: [ExecutionPoint(date: d(9, 30), percent: 100)]))
            } else {
                projects.append(FundingProject(code: "P\(year)01", name: "塑胶运动场建设", schoolCode: site(2), fiscalYear: year, indicatorKey: "R5",
                                               budget: Fen(260_000_000), plannedTender: d(3, 20),
                                               stages: [.intent: d(2, 10), .tender: d(3, 20), .award: d(4, 18), .contract: d(5, 6)],
                                               execution: [ExecutionPoint(date: d(6, 30), percent: 30), ExecutionPoint(date: d(9, 30), percent: 60)]))
                // Planted failure: the intent was published 20 days before the tender.
                projects.append(FundingProject(code: "P\(year)02", name: "教学仪器设备采购", schoolCode: site(3), fiscalYear: year, indicatorKey: "R6",
                                               budget: Fen(90_000_000), plannedTender: d(5, 21),
                                               stages: [.intent: d(5, 1), .tender: d(5, 21), .award: d(6, 15)],
                                               execution: [ExecutionPoint(date: d(9, 30), percent: 20)]))
                projects.append(FundingProject(code: "P\(year)03", name: "多媒体教室改造", schoolCode: site(4), fiscalYear: year, indicatorKey: "R7",
                                               budget: Fen(36_000_000), plannedTender: d(11, 20), stages: [.intent: d(10, 1)], execution: []))
            }
        }
        return FundingDataset(countyCode: countyCode, countyName: countyName, schools: schools, lines: lines, projects: projects)
    }
}
