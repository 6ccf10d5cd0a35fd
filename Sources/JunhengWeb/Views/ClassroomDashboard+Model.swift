import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// What the county's 三个课堂 page shows: the data version, gaps, 开齐开足 before/after, plans and monitoring.
struct ClassroomDashboardModel {
    /// A saved plan in the list.
    struct PlanRow { var id: UUID; var createdAt: Date; var status: String; var cap: Int; var coverage: Double; var upperBound: Double
                     var covered: Int; var coverable: Int; var published: Bool; var datasetVersion: Int? }
    /// The dataset's metadata.
    struct DatasetInfo { var version: Int; var fileNames: String; var uploadedAt: Date; var hash: String; var schools: Int; var teachers: Int }

    var countyCode: String
    var countyName: String
    var dataset: DatasetInfo?
    var names: [String: String]
    var gaps: [SchoolGap]
    var before: [OfferingRate]
    var countyBefore: OfferingRate?
    /// Rates after the shown plan (the published one, else the newest plan of the current data), by school.
    var after: [String: OfferingRate]
    var countyAfter: OfferingRate?
    var afterPlan: UUID?
    var plans: [PlanRow]
    var published: UUID?
    var monitor: ClassroomMonitor?
    var from: String
    var to: String
    var canManage: Bool
    /// 名师课堂 and 名校网络课堂 participation over the window, and the errors of a rejected record form.
    var participation: Participation?
    var participationErrors: [ParticipationInput.FieldError] = []

    static func load(_ req: Request, county: Region) async throws -> ClassroomDashboardModel {
        let countyID = try county.requireID()
        let dataset = try await ClassroomStore.latest(countyID: countyID, on: req.db)
        var m = ClassroomDashboardModel(countyCode: county.code, countyName: county.name, names: [:], gaps: [], before: [], after: [:],
                                        plans: [], from: "", to: "", canManage: req.may(.manageClassrooms, county.resource))
        (m.from, m.to) = window(req)
        let records = try await ClassroomPlanRecord.query(on: req.db).filter(\.$county.$id == countyID)
            .sort(\.$createdAt, .descending).all()
        var versions: [UUID: Int] = [:]
        for d in try await ClassroomDataset.query(on: req.db).filter(\.$county.$id == countyID).field(\.$id).field(\.$version).all() {
            versions[d.id!] = d.version
        }
        m.plans = records.map { r in
            PlanRow(id: r.id!, createdAt: r.createdAt, status: r.status, cap: r.cap, coverage: r.coverage, upperBound: r.upperBound,
                    covered: r.coveredPeriods, coverable: r.coverablePeriods, published: r.published, datasetVersion: versions[r.$dataset.id])
        }
        if let dataset {
            let capacity = try ClassroomStore.capacity(dataset)
            m.dataset = DatasetInfo(version: dataset.version, fileNames: dataset.fileNames, uploadedAt: dataset.uploadedAt,
                                    hash: dataset.fileHash, schools: dataset.schoolCount, teachers: dataset.teacherCount)
            m.names = ClassroomStore.names(capacity)
            let classGaps = GapDetector.classGaps(capacity, curriculum: .default2022)
            m.gaps = GapDetector.schoolGaps(capacity, classGaps: classGaps)
            let rates = GapDetector.rates(capacity, classGaps: classGaps)
            m.before = rates.schools
            m.countyBefore = rates.counties.first
        }
        let published = records.first { $0.published }
        m.published = published?.id
        let shown = published.flatMap { $0.$dataset.id == dataset?.id ? $0 : nil } ?? records.first { $0.$dataset.id == dataset?.id }
        if let shown {
            let plan = try JSONDecoder().decode(ClassroomPlan.self, from: shown.resultJSON)
            m.after = Dictionary(plan.ratesAfter.map { ($0.unit, $0) }, uniquingKeysWith: { a, _ in a })
            m.countyAfter = plan.countyRatesAfter.first
            m.afterPlan = shown.id
        }
        if let published, let from = SchoolCalendar.date(m.from), let to = SchoolCalendar.date(m.to),
           let data = try await ClassroomDataset.find(published.$dataset.id, on: req.db) {
            let plan = try JSONDecoder().decode(ClassroomPlan.self, from: published.resultJSON)
            let logs = try await SessionLogInput.records(planID: published.requireID(), on: req.db)
            m.monitor = ClassroomMonitor.compute(try ClassroomStore.capacity(data), plan: plan, records: logs, from: from, through: to)
        }
        m.participation = try await ParticipationInput.indicators(countyID: countyID, from: m.from, to: m.to, on: req.db)
        return m
    }

    /// `?from=&to=` if both are dates in order, else the four weeks ending today.
    static func window(_ req: Request) -> (String, String) {
        if let f = try? req.query.get(String.self, at: "from"), let t = try? req.query.get(String.self, at: "to"),
           let a = SchoolCalendar.date(f), let b = SchoolCalendar.date(t), a <= b {
            return (f, t)
        }
        let today = Date()
        return (SchoolCalendar.text(today.addingTimeInterval(-27 * 86400)), SchoolCalendar.text(today))
    }
}
