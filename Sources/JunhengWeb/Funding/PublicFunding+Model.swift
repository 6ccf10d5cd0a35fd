import Foundation
import Funding

/// What the public pages of one published fiscal year show: statutory tables in 万元, per-school funds against the
/// standards, rule results, projects and the trend over published years. Built only from published years.
struct PublicFundingModel {
    var countyCode: String
    var countyName: String
    var year: Int
    /// Published years, newest first.
    var years: [Int]
    var publishedAt: Date
    var dataset: FundingDataset
    var rules: FundingRules
    var catalog: ClassificationCatalog?
    /// This year's school figures and every rule result of this year.
    var funds: [SchoolFunds]
    var results: [FundingRuleResult]
    /// Public funds (rules' phase) of every published year, ascending.
    var trend: [(year: Int, amount: Fen)]
    /// This year's public procurement documents by project code.
    var documents: [String: [FundingDocuments.Ref]] = [:]

    /// `dataset` holds every published year of the county (so the swing rule sees the previous year).
    init(countyCode: String, countyName: String, year: Int, years: [Int], publishedAt: Date, dataset: FundingDataset,
         rules: FundingRules = .national) {
        (self.countyCode, self.countyName, self.year, self.years, self.publishedAt, self.dataset, self.rules) =
            (countyCode, countyName, year, years, publishedAt, dataset, rules)
        catalog = ClassificationCatalog.builtIn(year: year)
        funds = FundingCheck.schoolFunds(dataset, year: year, rules: rules)
        results = FundingCheck.run(dataset, rules: rules).filter { $0.fiscalYear == year }
        trend = dataset.years.map { y in (y, Fen.total(FundingCheck.schoolFunds(dataset, year: y, rules: rules).map(\.publicFunds)) ?? .zero) }
    }

    /// Lines of this year (optionally of one school).
    func lines(school: String? = nil) -> [BudgetLine] {
        dataset.lines.filter { $0.fiscalYear == year && (school == nil || $0.schoolCode == school) }
    }

    /// Phases present this year, in order.
    func phases(school: String? = nil) -> [BudgetPhase] { BudgetPhase.allCases.filter { p in lines(school: school).contains { $0.phase == p } } }

    /// The phase the economic and source tables use: 决算, else 调整预算, else 年初预算, else 执行.
    func mainPhase(school: String? = nil) -> BudgetPhase? {
        let ps = phases(school: school)
        return [BudgetPhase.final, .adjusted, .initial, .executed].first { ps.contains($0) }
    }

    var projects: [FundingProject] { dataset.projects.filter { $0.fiscalYear == year } }

    func school(_ code: String) -> FundingSchool? { dataset.schools.first { $0.code == code } }

    func results(for subject: String) -> [FundingRuleResult] { results.filter { $0.subject == subject } }

    var base: String { "/public/counties/\(countyCode)/years/\(year)" }
}
