import Seats

/// Writes a seats county in the folder format (English headers as in the interface), one table per file.
public enum SeatsWriter {
    /// The rows (header first) of each file the county has data for.
    public static func tables(_ c: SeatsCounty) -> [(file: SeatsFile, rows: [[String]])] {
        func header(_ f: SeatsFile) -> [String] { f.columns.map(\.en) }
        func deg(_ x: Double) -> String { String(format: "%.6f", x) }
        var out: [(SeatsFile, [[String]])] = [
            (.units, [header(.units)] + c.units.map {
                [$0.code, $0.name, deg($0.point.lon), deg($0.point.lat), $0.school[.primary] ?? "", $0.school[.junior] ?? "", ""]
            }),
            (.children, [header(.children)] + c.children.map { [$0.unit, "\($0.birthYear)", "\($0.count)"] }),
            (.housing, [header(.housing)] + c.housing.map { [$0.unit, "\($0.dwellings)", "\($0.deliveryYear)", $0.type] }),
            (.schools, [header(.schools)] + c.schools.map {
                [$0.code, $0.section.rawValue, deg($0.point.lon), deg($0.point.lat), "\($0.approvedClasses)", "\($0.classLimit)"]
            }),
        ]
        if !c.enrolment.isEmpty {
            out.append((.enrolment, [header(.enrolment)] + c.enrolment.map { [$0.school, "\($0.year)", "\($0.grade)", "\($0.pupils)"] }))
        }
        if let pairs = c.adjacency { out.append((.adjacency, [header(.adjacency)] + pairs.map { [$0.0, $0.1] })) }
        if let travel = c.travel {
            out.append((.travel, [header(.travel)] + travel.keys.sorted().flatMap { u in
                (travel[u] ?? [:]).keys.sorted().map { [u, $0, "\(Int((travel[u]?[$0] ?? 0).rounded()))"] }
            }))
        }
        return out
    }
}
