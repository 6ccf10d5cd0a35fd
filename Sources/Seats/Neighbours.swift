/// Which planning units touch: from an adjacency file, else shared polygon edges, else a Delaunay graph of the points.
public struct UnitNeighbours: Sendable {
    /// Where the neighbours came from.
    public enum Source: String, Sendable { case adjacency, geometry, delaunay }

    public var source: Source
    /// Neighbours of each unit code.
    public var of: [String: Set<String>]

    /// Neighbours of every unit of `county`.
    public init(county: SeatsCounty) {
        var of: [String: Set<String>] = [:]
        for u in county.units { of[u.code] = [] }
        func join(_ a: String, _ b: String) {
            guard a != b, of[a] != nil, of[b] != nil else { return }
            of[a]?.insert(b); of[b]?.insert(a)
        }
        if let pairs = county.adjacency {
            source = .adjacency
            for (a, b) in pairs { join(a, b) }
        } else if !county.units.isEmpty, county.units.allSatisfy({ !$0.rings.isEmpty }) {
            source = .geometry
            // Two polygons are neighbours when they share an edge: two vertices equal to 1e-7° (about 1 cm).
            var owners: [Vertex: Set<Int>] = [:]
            for (i, u) in county.units.enumerated() {
                for ring in u.rings { for p in ring { owners[Vertex(p), default: []].insert(i) } }
            }
            var shared: [Delaunay.Edge: Int] = [:]
            for (_, set) in owners where set.count > 1 {
                let list = set.sorted()
                for a in list.indices { for b in list.indices where b > a { shared[Delaunay.Edge(list[a], list[b]), default: 0] += 1 } }
            }
            for (e, k) in shared where k >= 2 { join(county.units[e.a].code, county.units[e.b].code) }
        } else {
            source = .delaunay
            let origin = county.units.first?.point ?? GeoPoint(lon: 0, lat: 0)
            let xy = county.units.map { Geo.project($0.point, origin: origin) }
            for e in Delaunay.edges(xy) { join(county.units[e.a].code, county.units[e.b].code) }
        }
        self.of = of
    }

    struct Vertex: Hashable {
        let x: Int64, y: Int64
        init(_ p: GeoPoint) {
            x = Int64(exactly: (p.lon * 1e7).rounded()) ?? 0
            y = Int64(exactly: (p.lat * 1e7).rounded()) ?? 0
        }
    }
}
