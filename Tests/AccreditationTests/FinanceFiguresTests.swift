import EquityKit
import Testing
@testable import Accreditation

/// G2, G6, G7 and Q4 follow the finance office's figures when given, and say which source each used (hand-computed).
@Suite struct FinanceFiguresTests {
    func finance(_ schools: [String: FinanceFigures.School], county: (Int, Int, Int, Int)? = nil) -> FinanceFigures {
        FinanceFigures(fiscalYear: 2026, schools: schools, countyBasePrimaryYuan: county?.0, countyBaseJuniorYuan: county?.1,
                       provinceBasePrimaryYuan: county?.2, provinceBaseJuniorYuan: county?.3)
    }

    func funds(_ fen: Int) -> FinanceFigures.School { .init(publicFundsFen: fen, publicFundsPhase: "决算", budgetFen: nil, trainingFen: nil) }

    let small = section("V", location: .rural, students: 80, classes: 6, maxClass: 15, teachers: 10, certified: 10)

    @Test func smallSchoolFollowsTheFinanceFigures() {
        // 80 pupils, package quota 800 yuan: required 100 × 800 = 80,000 yuan = 8,000,000 分. The package says 80,000: passes.
        let input = adding(small, facts: SchoolFacts(approvedPublicFunds: 80_000, publicFundsBudget: 80_000, trainingBudget: 4_000))
        let plain = Assessor.assess(input)
        #expect(school(plain, "G6", "V")?.status == .passed)
        #expect(school(plain, "G6", "V")?.source == .submission)
        #expect(plain.item("G6")?.sources == [.submission])
        // The finance office recorded 79,999.99 yuan: fails, from the finance figures.
        let low = Assessor.assess(input, finance: finance(["V": funds(7_999_999)]))
        #expect(school(low, "G6", "V")?.status == .failed)
        #expect(school(low, "G6", "V")?.value == 79_999.99)
        #expect(school(low, "G6", "V")?.source == .finance)
        #expect(school(low, "G6", "V")?.sourcePhase == "决算")
        #expect(low.item("G6")?.sources == [.finance])
        #expect(low.financeYear == 2026)
        // Exactly 8,000,000 分: passes again.
        #expect(school(Assessor.assess(input, finance: finance(["V": funds(8_000_000)])), "G6", "V")?.status == .passed)
        // And back: a package that fails (79,999 yuan) passes on the finance figure.
        var failing = input
        failing.schools["V"]?.approvedPublicFunds = 79_999
        #expect(school(Assessor.assess(failing), "G6", "V")?.status == .failed)
        #expect(school(Assessor.assess(failing, finance: finance(["V": funds(8_000_000)])), "G6", "V")?.status == .passed)
        // No finance figure for this school: the package's, said so.
        let other = Assessor.assess(failing, finance: finance(["P1": funds(1)]))
        #expect(school(other, "G6", "V")?.status == .failed)
        #expect(school(other, "G6", "V")?.source == .submission)
    }

    @Test func smallSchoolQuotaFromFinanceAndExactly100Pupils() {
        // The finance office's county quota 720 yuan: required 72,000 yuan; 75,000 passes (it fails against the package's 800).
        let input = adding(small, facts: SchoolFacts(approvedPublicFunds: 75_000, publicFundsBudget: 75_000, trainingBudget: 4_000))
        #expect(school(Assessor.assess(input), "G6", "V")?.status == .failed)
        let f = finance(["V": funds(7_500_000)], county: (720, 940, 720, 940))
        #expect(school(Assessor.assess(input, finance: f), "G6", "V")?.threshold == 72_000)
        #expect(school(Assessor.assess(input, finance: f), "G6", "V")?.status == .passed)
        // Exactly 100 pupils is not "under 100": G6 does not judge the school, whatever the finance figure.
        let hundred = adding(section("V", location: .rural, students: 100, classes: 6, maxClass: 17, teachers: 10, certified: 10),
                             facts: SchoolFacts(approvedPublicFunds: 1, publicFundsBudget: 80_000, trainingBudget: 4_000))
        #expect(school(Assessor.assess(hundred, finance: finance(["V": funds(1)])), "G6", "V") == nil)
    }

    @Test func specialSchoolAtExactly6000FromFinance() {
        // 100 pupils: 6,000 yuan each = 600,000 yuan = 60,000,000 分.
        let special = section("SE", type: .specialEducation, students: 100, classes: 10, maxClass: 12, teachers: 30, certified: 30)
        let input = adding(special, facts: SchoolFacts(approvedPublicFunds: 650_000, publicFundsBudget: 650_000, trainingBudget: 40_000))
        #expect(school(Assessor.assess(input), "G7", "SE")?.status == .passed)
        let exact = Assessor.assess(input, finance: finance(["SE": funds(60_000_000)]))
        #expect(school(exact, "G7", "SE")?.value == 6000)
        #expect(school(exact, "G7", "SE")?.status == .passed)
        #expect(school(exact, "G7", "SE")?.source == .finance)
        // One 分 less: 5,999.9999 yuan a pupil fails.
        let below = Assessor.assess(input, finance: finance(["SE": funds(59_999_999)]))
        #expect(school(below, "G7", "SE")?.status == .failed)
        #expect(below.item("G7")?.failingSchools == ["SE"])
    }

    @Test func trainingShareFollowsTheFinanceFigures() {
        // Package: 6,000 of 100,000 yuan = 6%: passes.
        let input = adding(section("X"), facts: SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000))
        #expect(school(Assessor.assess(input), "Q4", "X")?.status == .passed)
        func q4(_ budget: Int, _ training: Int) -> FinanceFigures {
            finance(["X": .init(publicFundsFen: nil, budgetFen: budget, trainingFen: training, budgetPhase: "调整预算")])
        }
        // Finance: 4,999.99 of 100,000 yuan (499,999 of 10,000,000 分) is below 5%: fails.
        let low = Assessor.assess(input, finance: q4(10_000_000, 499_999))
        #expect(school(low, "Q4", "X")?.status == .failed)
        #expect(school(low, "Q4", "X")?.source == .finance)
        #expect(school(low, "Q4", "X")?.sourcePhase == "调整预算")
        #expect(low.item("Q4")?.status == .failed)
        #expect(low.item("Q4")?.failingSchools == ["X"])
        // The other schools have no finance figures: the item's sources are both.
        #expect(low.item("Q4")?.sources == [.finance, .submission])
        // Exactly 5% (500,000 of 10,000,000 分): passes again.
        let exact = Assessor.assess(input, finance: q4(10_000_000, 500_000))
        #expect(school(exact, "Q4", "X")?.status == .passed)
        #expect(school(exact, "Q4", "X")?.value == 0.05)
        // A package that fails (4,000 = 4%) passes on the finance figures.
        var failing = input
        failing.schools["X"]?.trainingBudget = 4_000
        #expect(school(Assessor.assess(failing), "Q4", "X")?.status == .failed)
        #expect(school(Assessor.assess(failing, finance: q4(10_000_000, 500_000)), "Q4", "X")?.status == .passed)
        // A finance budget without a training figure is not used: the package's figures, said so.
        let partial = finance(["X": .init(publicFundsFen: nil, budgetFen: 10_000_000, trainingFen: nil)])
        #expect(school(Assessor.assess(failing, finance: partial), "Q4", "X")?.status == .failed)
        #expect(school(Assessor.assess(failing, finance: partial), "Q4", "X")?.source == .submission)
    }

    @Test func countyQuotaFromFinance() {
        // Package: county 800/1000 against province 700/900: passes, from the package.
        let plain = Assessor.assess(goodInput())
        #expect(plain.item("G2")?.status == .passed)
        #expect(plain.item("G2")?.sources == [.submission])
        // Finance: county 700 against the province's 720: fails.
        let low = Assessor.assess(goodInput(), finance: finance([:], county: (700, 940, 720, 940)))
        #expect(low.item("G2")?.status == .failed)
        #expect(low.item("G2")?.sources == [.finance])
        // Exactly the province's 720/940: passes.
        #expect(Assessor.assess(goodInput(), finance: finance([:], county: (720, 940, 720, 940))).item("G2")?.status == .passed)
        // Other items never carry a source.
        #expect(low.item("G5")?.sources == [] && low.item("G5")?.schools.allSatisfy { $0.source == nil } == true)
    }
}
