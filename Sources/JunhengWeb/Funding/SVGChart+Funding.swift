/// SVG charts of the public funding pages (no JavaScript; text escaped).
extension SVGChart {
    /// One bar of an amount in hundredths of 万元.
    struct MoneyBar { var label: String; var hundredths: Int }

    /// Horizontal bars: where the money went.
    static func moneyBars(_ bars: [MoneyBar], title: String) -> String {
        let rowHeight = 26.0, labelWidth = 260.0, plotWidth = 420.0, top = 28.0
        let maxValue = Double(max(bars.map(\.hundredths).max() ?? 1, 1))
        let total = Double(max(1, bars.reduce(0) { $0 + max(0, $1.hundredths) }))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 130)) \(Int(top + Double(bars.count) * rowHeight + 10))\" class=\"chart money-bars\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        for (i, b) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = max(1, Double(max(0, b.hundredths)) / maxValue * plotWidth)
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(y + 16))\" font-size=\"12\" text-anchor=\"end\">\(escape(b.label))</text>"
            svg += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 4))\" width=\"\(fmt(w))\" height=\"16\" fill=\"#0b3d91\"/>"
            svg += "<text x=\"\(fmt(labelWidth + w + 4))\" y=\"\(fmt(y + 16))\" font-size=\"11\">\(WanYuanText.format(b.hundredths)) (\(fmt(Double(b.hundredths) / total * 100))%)</text>"
        }
        return svg + "</svg>"
    }

    /// A line of amounts (hundredths of 万元) per year.
    static func moneyTrend(_ points: [(year: Int, hundredths: Int)], title: String) -> String {
        let width = 640.0, height = 220.0, left = 70.0, right = 20.0, top = 30.0, bottom = 30.0
        let maxValue = Double(max(points.map(\.hundredths).max() ?? 1, 1)) * 1.15
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { points.count < 2 ? left + plotW / 2 : left + Double(i) / Double(points.count - 1) * plotW }
        func y(_ v: Int) -> Double { top + plotH - Double(v) / maxValue * plotH }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"chart money-trend\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left + plotW))\" y1=\"\(fmt(top + plotH))\" y2=\"\(fmt(top + plotH))\" stroke=\"#1f2328\"/>"
        if points.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"#0b3d91\" stroke-width=\"2\" points=\"\(points.indices.map { "\(fmt(x($0))),\(fmt(y(points[$0].hundredths)))" }.joined(separator: " "))\"/>"
        }
        for (i, p) in points.enumerated() {
            svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(p.hundredths)))\" r=\"3\" fill=\"#0b3d91\"/>"
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(y(p.hundredths) - 6))\" font-size=\"10\" text-anchor=\"middle\">\(WanYuanText.format(p.hundredths))</text>"
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 8))\" font-size=\"11\" text-anchor=\"middle\">\(p.year)</text>"
        }
        return svg + "</svg>"
    }

    /// A small progress bar (0–100%).
    static func progress(_ percent: Int, title: String) -> String {
        let p = Double(min(100, max(0, percent)))
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 140 16\" width=\"140\" height=\"16\" class=\"progress\"><title>\(escape(title))</title>"
            + "<rect x=\"0\" y=\"2\" width=\"100\" height=\"12\" fill=\"#eaeef2\"/><rect x=\"0\" y=\"2\" width=\"\(fmt(p))\" height=\"12\" fill=\"#1a7f37\"/>"
            + "<text x=\"106\" y=\"13\" font-size=\"11\">\(Int(p))%</text></svg>"
    }
}

import Funding

/// 万元 text for the charts.
enum WanYuanText {
    static func format(_ hundredths: Int) -> String { WanYuan.format(hundredths) }
}
