import Fluent
import Foundation
import Vapor

/// A record that belongs to one county, so a lookup by `:id` authorizes on that county.
protocol CountyOwned: Model where IDValue == UUID {
    /// The audit target's kind, e.g. `seats-plan` in `seats-plan:<id>`.
    static var targetKind: String { get }
    /// The owning county's id.
    var countyID: UUID { get }
    /// What the policy is asked about (the county itself unless the record narrows it).
    func resource(in county: Region) -> Resource
}

extension CountyOwned {
    func resource(in county: Region) -> Resource { county.resource }
}

/// A county-owned record found by `:id`, with its county.
struct CountyRecordAccess<Record: CountyOwned> {
    var record: Record
    var county: Region
    var target: String { "\(Record.targetKind):\(record.id?.uuidString ?? "-")" }
}

extension Request {
    /// The `Record` named by `:id` if the policy allows `ability` on it: an audited 404 for a malformed or unknown id,
    /// an audited 403 when it is known but not allowed.
    func countyRecord<Record: CountyOwned>(_ type: Record.Type, _ ability: Ability) async throws -> CountyRecordAccess<Record> {
        _ = try principal()
        let raw = try pathParameter("id")
        guard let id = UUID(uuidString: raw), let record = try await Record.find(id, on: db),
              let county = try await Region.find(record.countyID, on: db) else {
            throw await denial("\(Record.targetKind):\(raw.prefix(40))", ability.rawValue, status: .notFound)
        }
        try await authorize(ability, record.resource(in: county), target: "\(Record.targetKind):\(id)")
        return CountyRecordAccess(record: record, county: county)
    }
}
