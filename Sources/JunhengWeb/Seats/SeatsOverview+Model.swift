import Fluent
import Foundation
import JunhengReports
import Seats
import Vapor

/// What the county's 学位 page shows: the data version, the 学位预警 table and map for a year, scenario and section,
/// the caveats and coefficients, the children per unit (small counts pooled) and the catchment plans.
struct SeatsOverviewModel {
    /// The dataset's metadata.
    struct DatasetInfo { var version: Int; var fileNames: String; var uploadedAt: Date; var hash: String; var units: Int; var schools: Int; var asOfYear: Int }
    /// A stored plan in the list.
    struct PlanRow { var id: UUID; var batch: UUID; var number: Int; var year: Int; var createdAt: Date; var status: String; var gap: Double?
                     var moved: Double?; var checkPassed: Bool; var stage: AdoptionStage; var superseded: Bool; var datasetVersion: Int? }

    var countyCode: String
    var countyName: String
    var canManage: Bool
    var dataset: DatasetInfo?
    var source: SeatsStore.CatchmentSource?
    var years: [Int] = []
    var year = 0
    var scenario = Scenario.base
    var section = SeatSection.primary
    var warnings: [SeatWarning] = []
    var bands = WarningBands()
    var caveats: [String] = []
    var coefficients: [(String, Double, String, String)] = []
    var map = SeatsMap.Input(units: [], schools: [], section: .primary, assignment: [:], title: "")
    /// Children of the cohort entering `section` in `year`, by display cell (units with 1–4 children pooled).
    var cells: [SmallCounts.Cell] = []
    var cohortYear: Int?
    var unitNames: [String: String] = [:]
    var names: [String: String] = [:]
    var plans: [PlanRow] = []
    var notice: String?

    /// Years the forecast covers.
    static let forecastYears = 6

    static func load(_ req: Request, county: Region) async throws -> SeatsOverviewModel {
        let countyID = try county.requireID()
        var m = SeatsOverviewModel(countyCode: county.code, countyName: county.name, canManage: req.may(.manageSeats, county.resource))
        m.names = try await SeatsStore.schoolNames(countyID: countyID, on: req.db)
        var versions: [UUID: Int] = [:]
        for d in try await SeatsDataset.query(on: req.db).filter(\.$county.$id == countyID).field(\.$id).field(\.$version).all() {
            if let id = d.id { versions[id] = d.version }
        }
        m.plans = try await SeatsPlanRecord.query(on: req.db).filter(\.$county.$id == countyID).sort(\.$createdAt, .descending)
            .sort(\.$number).range(..<200).all().compactMap { r in
                guard let id = r.id else { return nil }
                return PlanRow(id: id, batch: r.batch, number: r.number, year: r.year, createdAt: r.createdAt, status: r.status, gap: r.gap,
                               moved: r.movedPupils, checkPassed: r.checkPassed, stage: AdoptionStage(rawValue: r.stage) ?? .draft,
                               superseded: r.supersededAt != nil, datasetVersion: versions[r.$dataset.id])
            }
        if let v = try? req.query.get(Int.self, at: "uploaded") { m.notice = req.t("已保存学位数据 v\(v)。", "Seats data v\(v) stored.") }
        guard let dataset = try await SeatsStore.latest(countyID: countyID, on: req.db), let settings = SeatsStore.settings else { return m }
        m.dataset = DatasetInfo(version: dataset.version, fileNames: dataset.fileNames, uploadedAt: dataset.uploadedAt, hash: dataset.fileHash,
                                units: dataset.unitCount, schools: dataset.schoolCount, asOfYear: dataset.asOfYear)
        let (seats, source) = try await SeatsStore.ofRecord(dataset, on: req.db)
        m.source = source
        m.bands = settings.bands
        m.caveats = settings.caveats
        m.years = Array(seats.asOfYear..<(seats.asOfYear + forecastYears))
        m.year = (try? req.query.get(Int.self, at: "year")).flatMap { m.years.contains($0) ? $0 : nil } ?? (m.years.dropFirst(2).first ?? seats.asOfYear)
        m.scenario = (try? req.query.get(String.self, at: "scenario")).flatMap(Scenario.init(rawValue:)) ?? .base
        m.section = (try? req.query.get(String.self, at: "section")).flatMap(SeatSection.init(rawValue:)) ?? .primary
        let (year, scenario, section, bands, names) = (m.year, m.scenario, m.section, m.bands, m.names)
        let computed = try await req.application.threadPool.runIfActive { () -> ([SeatWarning], [(String, Double, String, String)], SeatsMap.Input, [SmallCounts.Cell], Int?) in
            let forecast = SeatsForecaster.forecast(seats, years: forecastYears, coefficients: settings.coefficients)
            let report = SeatsForecastReport(county: seats, forecast: forecast, settings: settings)
            var shownBands: [String: WarningBand] = [:]
            for w in report.warnings where w.year == year && w.section == section { shownBands[w.school] = w.band(bands, scenario: scenario) }
            var assignment: [String: String] = [:]
            for u in seats.units { if let s = u.school[section] { assignment[u.code] = s } }
            let map = SeatsMap.Input(units: seats.units, schools: seats.schools, section: section, assignment: assignment, bands: shownBands,
                                         title: "\(section.zh) 学区与 \(year) 年学位预警 / \(section.rawValue) catchments and \(year) warnings", names: names)
            // The entering cohort's children per unit, as recorded (the latest birth year on record if that one is not yet born).
            let wanted = year - section.entryAge
            let recorded = Set(seats.children.map(\.birthYear))
            let birthYear = recorded.contains(wanted) ? wanted : recorded.filter { $0 < wanted }.max()
            var counts: [String: Int] = [:]
            for u in seats.units { counts[u.code] = 0 }
            if let birthYear {
                for c in seats.children where c.birthYear == birthYear { counts[c.unit, default: 0] = (counts[c.unit] ?? 0).addingReportingOverflow(c.count).partialValue }
            }
            let cells = SmallCounts.cells(counts: counts, school: assignment)
            return (report.warnings, report.coefficientRows, map, cells, birthYear)
        }
        (m.warnings, m.coefficients, m.map, m.cells, m.cohortYear) = computed
        m.map.background = try await SeatsStore.background(county: county, on: req.db)
        m.unitNames = Dictionary(seats.units.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        return m
    }

    /// The section's schools with their warnings per year, the worst in the shown year first.
    var table: [(school: String, intake: Int, byYear: [Int: SeatWarning])] {
        var rows: [String: (Int, [Int: SeatWarning])] = [:]
        for w in warnings where w.section == section { rows[w.school, default: (w.intake, [:])].1[w.year] = w }
        return rows.map { (school: $0.key, intake: $0.value.0, byYear: $0.value.1) }
            .sorted { ($0.byYear[year]?.ratio(scenario) ?? 0, $1.school) > ($1.byYear[year]?.ratio(scenario) ?? 0, $0.school) }
    }
}

extension Request {
    /// A text in the request's language.
    func t(_ zh: String, _ en: String) -> String { lang.t(zh, en) }
}
