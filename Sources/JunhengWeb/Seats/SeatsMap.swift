import Foundation
import Seats

extension SVGChart {
    /// The seats map (see `SeatsMap`).
    static func seatsMap(_ input: SeatsMap.Input) -> String { SeatsMap.svg(input) }
    /// The seats map's legend.
    static func seatsLegend() -> String { SeatsMap.legend() }
}

/// A server-side SVG map of one section's catchments from the coordinates (no tiles, no internet): units filled with
/// their school's colour, schools as squares in their 学位预警 colour, units that change school outlined. It shows no
/// counts, so no unit's children can be read off it (counts appear only in tables, through `SmallCounts`).
enum SeatsMap {
    /// Drawing more polygon vertices than this falls back to one dot per unit (the page stays small).
    static let maximumVertices = 200_000

    /// What to draw.
    struct Input {
        var units: [PlanningUnit]
        var schools: [SeatSchool]
        var section: SeatSection
        /// Unit → school drawn (the catchments of record or a plan's).
        var assignment: [String: String]
        /// School → its band in the shown year (nil: not banded).
        var bands: [String: WarningBand] = [:]
        /// Units whose school changes (outlined).
        var moved: Set<String> = []
        var title: String
        var names: [String: String] = [:]
        /// The bureau's background image: its URL (same site) and the degrees its edges lie on.
        var background: Background? = nil
    }

    /// A background image placed by its bounds.
    struct Background { var href: String; var west: Double; var south: Double; var east: Double; var north: Double }

    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
                          "#86bcb6", "#d4a6c8", "#8cd17d", "#a0cbe8", "#ffbe7d", "#e15759", "#79706e"]

    static func colour(_ band: WarningBand?) -> String {
        switch band {
        case .red: "#c62828"
        case .yellow: "#e3b100"
        case .green: "#1a7f37"
        case .surplus: "#2f6fd6"
        case nil: "#59636e"
        }
    }

    static func svg(_ m: Input) -> String {
        let e = HTMLEscape.text
        let schools = m.schools.filter { $0.section == m.section }
        let points = m.units.flatMap { u in [u.point] + u.rings.flatMap { $0 } } + schools.map(\.point)
        guard let minLon = points.map(\.lon).min(), let maxLon = points.map(\.lon).max(),
              let minLat = points.map(\.lat).min(), let maxLat = points.map(\.lat).max() else {
            return "<p class=\"muted\">" + e(m.title) + " —</p>"
        }
        let width = 720.0, margin = 16.0
        let midLat = (minLat + maxLat) / 2 * Double.pi / 180
        let kx = cos(midLat)
        let spanX = max((maxLon - minLon) * kx, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let scale = (width - 2 * margin) / max(spanX, spanY)
        let height = spanY * scale + 2 * margin
        func x(_ p: GeoPoint) -> String { f(margin + (p.lon - minLon) * kx * scale) }
        func y(_ p: GeoPoint) -> String { f(margin + (maxLat - p.lat) * scale) }
        var colourOf: [String: String] = [:]
        for (k, s) in schools.sorted(by: { $0.code < $1.code }).enumerated() { colourOf[s.code] = palette[k % palette.count] }
        let vertices = m.units.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
        let polygons = vertices <= maximumVertices

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart seats-map\" viewBox=\"0 0 \(f(width)) \(f(height))\">"
        out += "<title>" + e(m.title) + "</title><rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#fbfbfb\"/>"
        if let b = m.background {
            let left = margin + (b.west - minLon) * kx * scale, top = margin + (maxLat - b.north) * scale
            let w = (b.east - b.west) * kx * scale, h = (b.north - b.south) * scale
            out += "<image href=\"" + e(b.href) + "\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(w))\" height=\"\(f(h))\" preserveAspectRatio=\"none\" opacity=\"0.6\"/>"
        }
        for u in m.units {
            let school = m.assignment[u.code]
            let fill = school.flatMap { colourOf[$0] } ?? "#d0d7de"
            let moved = m.moved.contains(u.code)
            let stroke = moved ? " stroke=\"#1f2328\" stroke-width=\"2\"" : " stroke=\"#ffffff\" stroke-width=\"0.5\""
            let shown = school.map { code in m.names[code].map { "\($0) (\(code))" } ?? code } ?? "—"
            let label = "<title>" + e("\(u.code) \(u.name) → \(shown)") + "</title>"
            if polygons && !u.rings.isEmpty {
                let d = u.rings.map { ring in "M" + ring.map { "\(x($0)),\(y($0))" }.joined(separator: "L") + "Z" }.joined()
                out += "<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"0.75\"\(stroke)>\(label)</path>"
            } else {
                out += "<circle cx=\"\(x(u.point))\" cy=\"\(y(u.point))\" r=\"\(moved ? 5 : 4)\" fill=\"\(fill)\"\(stroke)>\(label)</circle>"
            }
        }
        for s in schools {
            let band = m.bands[s.code]
            let name = m.names[s.code].map { "\($0) (\(s.code))" } ?? s.code
            out += "<rect x=\"\(f(margin + (s.point.lon - minLon) * kx * scale - 6))\" y=\"\(f(margin + (maxLat - s.point.lat) * scale - 6))\" width=\"12\" height=\"12\" "
            out += "fill=\"\(colour(band))\" stroke=\"\(colourOf[s.code] ?? "#1f2328")\" stroke-width=\"3\"><title>" + e(name + (band.map { " · \($0.zh)" } ?? "")) + "</title></rect>"
            out += "<text x=\"\(f(margin + (s.point.lon - minLon) * kx * scale + 8))\" y=\"\(f(margin + (maxLat - s.point.lat) * scale + 4))\" font-size=\"10\">" + e(s.code) + "</text>"
        }
        out += "</svg>"
        return out
    }

    /// The band legend (text, so it prints and reads without colour).
    static func legend() -> String {
        let e = HTMLEscape.text
        return "<p class=\"muted seats-legend\">" + WarningBand.allCases.map { b in
            "<svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"\(colour(b))\"/></svg> " + e(b.zh)
        }.joined(separator: " · ") + " · " + e("粗边框：调整学校的单元 / outlined: units that change school") + "</p>"
    }

    static func f(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "0" }
}
