import Foundation

extension SVGChart {
    /// One row of a before/after chart: a label and two shares in 0…1 (after nil when there is no plan).
    struct Change { var label: String; var before: Double; var after: Double? }

    /// Horizontal paired bars: the share before (grey) and after (green) per row, 0–100 %, with a 100 % line.
    static func beforeAfter(_ rows: [Change], title: String, beforeText: String, afterText: String) -> String {
        let rowHeight = 34.0, labelWidth = 230.0, plotWidth = 420.0, top = 44.0
        let height = top + Double(rows.count) * rowHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 70)) \(Int(height))\" class=\"chart rate-chart\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        svg += "<rect x=\"\(fmt(labelWidth))\" y=\"24\" width=\"10\" height=\"10\" fill=\"#afb8c1\"/><text x=\"\(fmt(labelWidth + 14))\" y=\"33\" font-size=\"11\">\(escape(beforeText))</text>"
        svg += "<rect x=\"\(fmt(labelWidth + 110))\" y=\"24\" width=\"10\" height=\"10\" fill=\"#1a7f37\"/><text x=\"\(fmt(labelWidth + 124))\" y=\"33\" font-size=\"11\">\(escape(afterText))</text>"
        let full = labelWidth + plotWidth
        svg += "<line x1=\"\(fmt(full))\" x2=\"\(fmt(full))\" y1=\"\(fmt(top - 4))\" y2=\"\(fmt(height - 6))\" stroke=\"#1f2328\" stroke-dasharray=\"3,2\"/>"
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 18))\" font-size=\"12\" text-anchor=\"end\">\(escape(r.label))</text>"
            let bars: [(Double?, String, Double)] = [(r.before, "#afb8c1", 2), (r.after, "#1a7f37", 16)]
            for (value, color, dy) in bars {
                guard let v = value else { continue }
                let w = max(1, min(1, v) * plotWidth)
                svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + dy))\" width=\"\(fmt(w))\" height=\"12\" fill=\"\(color)\"><title>\(escape(r.label)): \(String(format: "%.1f%%", v * 100))</title></rect>"
                svg += "<text x=\"\(fmt(labelWidth + w + 4))\" y=\"\(fmt(y + dy + 10))\" font-size=\"10\">\(String(format: "%.1f%%", v * 100))</text>"
            }
        }
        return svg + "</svg>"
    }
}
