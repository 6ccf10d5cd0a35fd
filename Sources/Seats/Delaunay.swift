/// The Delaunay triangulation of planar points by Bowyer–Watson; used for the neighbours of point units.
public enum Delaunay {
    /// Undirected edges (i < j) of the triangulation of `points`. Coincident points are joined to each other and share
    /// the first one's edges; fewer than three distinct points, or all on one line, give the chain in sorted order.
    public static func edges(_ points: [(x: Double, y: Double)]) -> Set<Edge> {
        // Distinct points; duplicates map to their first occurrence.
        var firstAt: [Key: Int] = [:], distinct: [Int] = [], alias: [Int] = Array(repeating: 0, count: points.count)
        for (i, p) in points.enumerated() {
            let k = Key(x: p.x, y: p.y)
            if let f = firstAt[k] { alias[i] = f } else { firstAt[k] = i; alias[i] = i; distinct.append(i) }
        }
        var result = Set<Edge>()
        if distinct.count >= 3 && !collinear(distinct.map { points[$0] }) {
            result = triangulate(distinct.map { points[$0] }).reduce(into: Set<Edge>()) { s, e in
                s.insert(Edge(distinct[e.a], distinct[e.b]))
            }
        } else {
            let order = distinct.sorted { (points[$0].x, points[$0].y) < (points[$1].x, points[$1].y) }
            for (a, b) in zip(order, order.dropFirst()) { result.insert(Edge(a, b)) }
        }
        // Coincident points: joined to their original and to its neighbours.
        for (i, f) in alias.enumerated() where f != i {
            result.insert(Edge(i, f))
            for e in result where e.a == f || e.b == f {
                let other = e.a == f ? e.b : e.a
                if other != i { result.insert(Edge(i, other)) }
            }
        }
        return result
    }

    /// An undirected edge with a < b.
    public struct Edge: Hashable, Sendable {
        public let a: Int
        public let b: Int
        public init(_ i: Int, _ j: Int) { (a, b) = (min(i, j), max(i, j)) }
    }

    struct Key: Hashable { let x: Double; let y: Double }

    struct Triangle {
        var a: Int, b: Int, c: Int
        var cx: Double, cy: Double, r2: Double
    }

    static func collinear(_ p: [(x: Double, y: Double)]) -> Bool {
        guard let a = p.first, let b = p.first(where: { $0.x != a.x || $0.y != a.y }) else { return true }
        let scale = p.reduce(0) { max($0, abs($1.x - a.x), abs($1.y - a.y)) }
        return p.allSatisfy { abs((b.x - a.x) * ($0.y - a.y) - (b.y - a.y) * ($0.x - a.x)) <= 1e-12 * scale * scale }
    }

    /// Bowyer–Watson: insert points one by one into a super-triangle, replace the triangles whose circumcircle
    /// holds the point by a fan from the cavity's boundary, and drop the triangles touching the super-triangle.
    static func triangulate(_ input: [(x: Double, y: Double)]) -> [Edge] {
        let n = input.count
        // Centre and scale the coordinates for numerical stability.
        let minX = input.map(\.x).min() ?? 0, maxX = input.map(\.x).max() ?? 0
        let minY = input.map(\.y).min() ?? 0, maxY = input.map(\.y).max() ?? 0
        let span = max(maxX - minX, maxY - minY, 1e-9), midX = (minX + maxX) / 2, midY = (minY + maxY) / 2
        var p = input.map { (x: ($0.x - midX) / span, y: ($0.y - midY) / span) }
        // A super-triangle far larger than the unit square, so hull edges survive its removal.
        let big = 1e4
        p.append((x: -big, y: -big)); p.append((x: big, y: -big)); p.append((x: 0, y: big))
        func make(_ a: Int, _ b: Int, _ c: Int) -> Triangle {
            let (ax, ay, bx, by, cx, cy) = (p[a].x, p[a].y, p[b].x, p[b].y, p[c].x, p[c].y)
            let d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
            guard d != 0 else { return Triangle(a: a, b: b, c: c, cx: 0, cy: 0, r2: .infinity) }
            let a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
            let ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d
            let uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d
            return Triangle(a: a, b: b, c: c, cx: ux, cy: uy, r2: (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy))
        }
        var triangles = [make(n, n + 1, n + 2)]
        // Insertion in a spatially coherent order keeps cavities small.
        let order = (0..<n).sorted { (Int(p[$0].x * 64), p[$0].y) < (Int(p[$1].x * 64), p[$1].y) }
        for i in order {
            let (x, y) = (p[i].x, p[i].y)
            var bad: [Int] = []
            for (t, tri) in triangles.enumerated() {
                let dx = x - tri.cx, dy = y - tri.cy
                if dx * dx + dy * dy <= tri.r2 * (1 + 1e-12) { bad.append(t) }
            }
            // The cavity's boundary: edges of bad triangles not shared by two bad triangles.
            var count: [Edge: Int] = [:]
            for t in bad {
                let tri = triangles[t]
                for e in [Edge(tri.a, tri.b), Edge(tri.b, tri.c), Edge(tri.c, tri.a)] { count[e, default: 0] += 1 }
            }
            for t in bad.reversed() { triangles.swapAt(t, triangles.count - 1); triangles.removeLast() }
            for (e, k) in count where k == 1 { triangles.append(make(e.a, e.b, i)) }
        }
        var edges = Set<Edge>()
        for t in triangles where t.a < n && t.b < n && t.c < n {
            edges.insert(Edge(t.a, t.b)); edges.insert(Edge(t.b, t.c)); edges.insert(Edge(t.c, t.a))
        }
        return Array(edges)
    }
}
