import Foundation

/// Server-generated SVG charts (no JavaScript): CV-against-limit bars and year-over-year lines.
enum SVGChart {
    /// One bar: a label, a value, and the limit it is judged against.
    struct Bar { var label: String; var value: Double?; var limit: Double }

    /// Horizontal bars of each indicator's CV with its limit drawn as a dashed line; over-limit bars are red.
    static func cvBars(_ bars: [Bar], title: String, undefinedText: String) -> String {
        let rowHeight = 30.0, labelWidth = 310.0, plotWidth = 420.0, top = 28.0
        let scaleMax = max(bars.map { max($0.value ?? 0, $0.limit) }.max() ?? 1, 0.01) * 1.1
        let height = top + Double(bars.count) * rowHeight + 24
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 80)) \(Int(height))\" class=\"chart cv-chart\">"
        svg += "<title>\(escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 18))\" font-size=\"12\" text-anchor=\"end\">\(escape(bar.label))</text>"
            let limitX = labelWidth + bar.limit / scaleMax * plotWidth
            if let v = bar.value {
                let over = v > bar.limit * (1 + 1e-9)
                let w = max(1, v / scaleMax * plotWidth)
                svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 6))\" width=\"\(fmt(w))\" height=\"16\" fill=\"\(over ? "#c62828" : "#1a7f37")\"><title>\(escape(bar.label)): \(String(format: "%.4f", v)) / \(String(format: "%.2f", bar.limit))</title></rect>"
                svg += "<text x=\"\(fmt(labelWidth + w + 4))\" y=\"\(fmt(y + 18))\" font-size=\"11\">\(String(format: "%.3f", v))</text>"
            } else {
                svg += "<text x=\"\(fmt(labelWidth + 4))\" y=\"\(fmt(y + 18))\" font-size=\"11\" fill=\"#59636e\">\(escape(undefinedText))</text>"
            }
            svg += "<line x1=\"\(fmt(limitX))\" x2=\"\(fmt(limitX))\" y1=\"\(fmt(y + 2))\" y2=\"\(fmt(y + rowHeight - 2))\" stroke=\"#1f2328\" stroke-dasharray=\"3,2\"/>"
        }
        svg += "</svg>"
        return svg
    }

    /// One line of a trend chart.
    struct Series { var label: String; var points: [(year: Int, value: Double?)] }

    /// CV per indicator over school years, with the limit as a dashed line.
    static func trend(_ series: [Series], years: [Int], limit: Double, title: String) -> String {
        let width = 760.0, height = 260.0, left = 50.0, right = 290.0, top = 30.0, bottom = 30.0
        let maxValue = max(series.flatMap { $0.points.compactMap(\.value) }.max() ?? limit, limit) * 1.15
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ year: Int) -> Double {
            years.count < 2 ? left + plotW / 2 : left + Double(years.firstIndex(of: year) ?? 0) / Double(years.count - 1) * plotW
        }
        func y(_ v: Double) -> Double { top + plotH - v / maxValue * plotH }
        let colors = ["#0b3d91", "#c62828", "#1a7f37", "#b26b00", "#6f42c1", "#0a7ea4", "#d63384", "#59636e"]
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"chart trend-chart\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(y(limit)))\" y2=\"\(fmt(y(limit)))\" stroke=\"#1f2328\" stroke-dasharray=\"4,3\"/>"
        svg += "<text x=\"\(fmt(left - 4))\" y=\"\(fmt(y(limit) + 4))\" font-size=\"10\" text-anchor=\"end\">\(String(format: "%.2f", limit))</text>"
        for year in years {
            svg += "<text x=\"\(fmt(x(year)))\" y=\"\(fmt(height - 8))\" font-size=\"11\" text-anchor=\"middle\">\(year)</text>"
        }
        for (i, s) in series.enumerated() {
            let color = colors[i % colors.count]
            let pts = s.points.compactMap { p in p.value.map { (x(p.year), y($0)) } }
            if pts.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(pts.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " "))\"/>"
            }
            for p in pts { svg += "<circle cx=\"\(fmt(p.0))\" cy=\"\(fmt(p.1))\" r=\"3\" fill=\"\(color)\"/>" }
            let ly = top + Double(i) * 16 + 6
            svg += "<rect x=\"\(fmt(width - right + 10))\" y=\"\(fmt(ly - 8))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(fmt(width - right + 24))\" y=\"\(fmt(ly + 1))\" font-size=\"10\">\(escape(s.label))</text>"
        }
        svg += "</svg>"
        return svg
    }

    static func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Escapes text for SVG/XML (the one HTML escaper).
    static func escape(_ s: String) -> String { HTMLEscape.text(s) }
}
