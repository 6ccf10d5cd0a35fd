import Fluent
import Foundation
import Seats
import Vapor

/// A seats plan with its county.
typealias SeatsPlanAccess = CountyRecordAccess<SeatsPlanRecord>

extension SeatsPlanRecord: CountyOwned {
    static let targetKind = "seats-plan"
    var countyID: UUID { $county.id }
}

/// One plan's page: the solve, the independent check, the indicators beside today's, maps, moves and adoption.
struct SeatsPlanModel {
    /// A recorded adoption step.
    struct Step { var id: UUID; var stage: AdoptionStage; var day: String; var evidence: String; var fileName: String?; var fileSHA256: String?
                  var recordedBy: String; var recordedAt: Date }
    /// A unit that changes school.
    struct Move { var unit: String; var name: String; var section: SeatSection; var from: String?; var to: String; var pupils: Double }

    var id: UUID
    var countyCode: String
    var countyName: String
    var batch: UUID
    var year: Int
    var datasetVersion: Int
    var stored: StoredPlan
    var stage: AdoptionStage
    var superseded: Bool
    var effectiveAt: Date?
    var steps: [Step]
    var canManage: Bool
    var names: [String: String]
    var schools: [SeatSchool]
    var maps: [SeatsMap.Input]
    var moves: [Move]
    var pins: String
    var rules: AdoptionRules?
    /// The refusal of a step just tried, shown above the form.
    var error: String?
    var notice: String?

    var plan: StoredPlan.Plan? { stored.plan }

    static func load(_ req: Request, _ access: SeatsPlanAccess, error: String? = nil) async throws -> SeatsPlanModel {
        let r = access.record
        let id = try r.requireID()
        guard let dataset = try await SeatsDataset.find(r.$dataset.id, on: req.db) else { throw Abort(.notFound) }
        let stored = try StoredPlan.decode(r.resultJSON)
        let names = try await SeatsStore.schoolNames(countyID: access.county.requireID(), on: req.db)
        var users: [UUID: String] = [:]
        let rows = try await SeatsPlanStep.query(on: req.db).filter(\.$plan.$id == id).all()
        for uid in Set(rows.map { $0.$recordedBy.id }) { users[uid] = try await User.find(uid, on: req.db)?.username }
        let steps = rows.compactMap { s -> Step? in
            guard let sid = s.id, let stage = AdoptionStage(rawValue: s.stage) else { return nil }
            return Step(id: sid, stage: stage, day: s.day, evidence: s.evidence, fileName: s.fileName, fileSHA256: s.fileSHA256,
                        recordedBy: users[s.$recordedBy.id] ?? "-", recordedAt: s.recordedAt)
        }.sorted { $0.stage < $1.stage }
        let county = try await SeatsStore.cachedCounty(dataset)
        let baseline = (try? JSONDecoder().decode([String: [String: String]].self, from: r.baselineJSON)) ?? [:]
        let assignment = stored.plan?.assignment ?? [:]
        let pupils = stored.plan?.metrics != nil ? ((try? await forecastPupils.value("\(dataset.id?.uuidString ?? "-"):\(r.year)") { try pupilsByUnit(r, county: county) }) ?? [:]) : [:]
        var moves: [Move] = []
        var moved: [SeatSection: Set<String>] = [:]
        for u in county.units {
            for s in SeatSection.allCases {
                guard let to = assignment[u.code]?[s.rawValue] else { continue }
                let from = baseline[u.code]?[s.rawValue]
                if from != to {
                    moves.append(Move(unit: u.code, name: u.name, section: s, from: from, to: to, pupils: pupils[u.code]?[s] ?? 0))
                    moved[s, default: []].insert(u.code)
                }
            }
        }
        let background = try await SeatsStore.background(county: access.county, on: req.db)
        let maps = SeatSection.allCases.filter { s in county.schools.contains { $0.section == s } }.map { s -> SeatsMap.Input in
            var a: [String: String] = [:]
            for (unit, bySection) in assignment { if let school = bySection[s.rawValue] { a[unit] = school } }
            return SeatsMap.Input(units: county.units, schools: county.schools, section: s, assignment: a, moved: moved[s] ?? [],
                                      title: "方案 #\(r.number) \(s.zh) 学区 / plan #\(r.number) \(s.rawValue) catchments", names: names, background: background)
        }
        var m = SeatsPlanModel(id: id, countyCode: access.county.code, countyName: access.county.name, batch: r.batch, year: r.year,
                               datasetVersion: dataset.version, stored: stored, stage: AdoptionStage(rawValue: r.stage) ?? .draft,
                               superseded: r.supersededAt != nil, effectiveAt: r.effectiveAt, steps: steps,
                               canManage: req.may(.manageSeats, access.county.resource), names: names, schools: county.schools,
                               maps: maps, moves: moves, pins: r.pins, rules: SeatsStore.settings?.adoption, error: error)
        if (try? req.query.get(String.self, at: "recorded")) != nil { m.notice = req.t("已记录。", "Recorded.") }
        return m
    }

    /// Plan-year pupils per unit and section by "dataset id:year" (both immutable), so a page view does not re-forecast.
    private static let forecastPupils = TTLCache<String, [String: [SeatSection: Double]]>(lifetime: .infinity, capacity: 32)

    /// Plan-year pupils per unit and section, from the stored plan's own forecast inputs (the dataset as uploaded).
    static func pupilsByUnit(_ r: SeatsPlanRecord, county: SeatsCounty) throws -> [String: [SeatSection: Double]] {
        guard let settings = SeatsStore.settings, r.year >= county.asOfYear, r.year < county.asOfYear + 15 else { return [:] }
        let forecast = SeatsForecaster.forecast(county, years: r.year - county.asOfYear + 1, coefficients: settings.coefficients)
        var out: [String: [SeatSection: Double]] = [:]
        for u in county.units { for s in SeatSection.allCases { out[u.code, default: [:]][s] = forecast.pupils(unit: u.code, section: s, year: r.year) } }
        return out
    }

    /// The step the form offers next (nil once in effect or superseded).
    var nextStage: AdoptionStage? { superseded ? nil : stage.next }
}
