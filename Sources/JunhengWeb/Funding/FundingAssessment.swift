import Accreditation
import Fluent
import Foundation
import Funding

/// The finance office's figures of a fiscal year as the assessment takes them (G2, G6, G7, Q4).
enum FundingAssessment {
    /// The figures of `year` from a dataset under `rules`: each school's public funds of the judged phase and its
    /// budget and training funds of the latest budget phase; the 基准定额 only when the county's own is set in the rules.
    static func figures(_ data: FundingDataset, year: Int, rules: FundingRules) -> FinanceFigures {
        var schools: [String: FinanceFigures.School] = [:]
        for f in FundingCheck.schoolFunds(data, year: year, rules: rules) {
            let budget = f.budgetPhase != nil
            schools[f.school.code] = FinanceFigures.School(
                publicFundsFen: f.phase == nil ? nil : f.publicFunds.fen, publicFundsPhase: f.phase?.rawValue ?? "",
                budgetFen: budget ? f.budgetPublicFunds.fen : nil, trainingFen: budget ? f.budgetTraining.fen : nil,
                budgetPhase: f.budgetPhase?.rawValue ?? "")
        }
        let own = rules.countyQuotaPrimaryYuan != nil || rules.countyQuotaJuniorYuan != nil
        return FinanceFigures(fiscalYear: year, schools: schools,
                              countyBasePrimaryYuan: rules.countyQuotaPrimaryYuan, countyBaseJuniorYuan: rules.countyQuotaJuniorYuan,
                              provinceBasePrimaryYuan: own ? rules.provinceQuotaPrimaryYuan : nil,
                              provinceBaseJuniorYuan: own ? rules.provinceQuotaJuniorYuan : nil)
    }

    /// The county's funding year `year` (draft or published: the bureau's own figures), if recorded.
    static func record(countyID: UUID, year: Int, on db: any Database) async throws -> FundingYearRecord? {
        try await FundingYearRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$fiscalYear == year).first()
    }

    /// What identifies the figures of a year record (changes whenever its lines are replaced or edited).
    static func fingerprint(_ r: FundingYearRecord?) -> String {
        guard let r else { return "-" }
        return "\(r.id?.uuidString ?? "")/\(r.fileHash)/\(Int64(r.importedAt.timeIntervalSince1970 * 1000))/\(r.revision)"
    }

    /// The figures of the record's year, read from the database.
    static func figures(_ r: FundingYearRecord, countyID: UUID, on db: any Database) async throws -> FinanceFigures? {
        guard let county = try await Region.find(countyID, on: db) else { return nil }
        let data = try await FundingStore.dataset(county: county, records: [r], on: db)
        return figures(data, year: r.fiscalYear, rules: .national)
    }
}
