import Foundation

/// Great-circle distances and a local plane projection.
public enum Geo {
    /// Mean Earth radius in metres (IUGG).
    public static let earthRadius = 6_371_008.8

    /// Haversine great-circle metres between two points.
    public static func metres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, sqrt(h)))
    }

    /// Equirectangular metres around `origin` (good to a fraction of a percent across a county).
    public static func project(_ p: GeoPoint, origin: GeoPoint) -> (x: Double, y: Double) {
        let rad = Double.pi / 180
        return ((p.lon - origin.lon) * rad * cos(origin.lat * rad) * earthRadius, (p.lat - origin.lat) * rad * earthRadius)
    }
}

/// Unit → school metres: the travel matrix where given, else great-circle.
public struct DistanceTable: Sendable {
    var metres: [String: [String: Double]]

    public init(county: SeatsCounty) {
        var m: [String: [String: Double]] = [:]
        for u in county.units {
            var row: [String: Double] = [:]
            for s in county.schools { row[s.code] = county.travel?[u.code]?[s.code] ?? Geo.metres(u.point, s.point) }
            m[u.code] = row
        }
        metres = m
    }

    /// Metres from a unit to a school (∞ when either is unknown).
    public func callAsFunction(_ unit: String, _ school: String) -> Double { metres[unit]?[school] ?? .infinity }
}
