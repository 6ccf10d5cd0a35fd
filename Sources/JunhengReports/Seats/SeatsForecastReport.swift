import Foundation
import JunhengSheets
import Seats

/// The 学位 forecast and 学位预警 table as JSON, terminal text or an XLSX workbook.
public struct SeatsForecastReport {
    public var county: SeatsCounty
    public var forecast: SeatsForecast
    public var settings: SeatsSettings
    public var warnings: [SeatWarning]

    public init(county: SeatsCounty, forecast: SeatsForecast, settings: SeatsSettings) {
        self.county = county
        self.forecast = forecast
        self.settings = settings
        warnings = SeatWarnings.table(forecast, county: county)
    }

    /// Every coefficient applied, with its source and date: (name, value, source, date).
    public var coefficientRows: [(String, Double, String, String)] {
        let c = forecast.coefficients
        var rows: [(String, Double, String, String)] = []
        for s in Scenario.allCases {
            rows.append(("migration.\(s.rawValue)", c.migration[s].value, c.migration[s].source, c.migration[s].date))
            rows.append(("birth_trend.\(s.rawValue)", c.birthTrend[s].value, c.birthTrend[s].source, c.birthTrend[s].date))
            rows.append(("yield_scale.\(s.rawValue)", c.yieldScale[s].value, c.yieldScale[s].source, c.yieldScale[s].date))
        }
        for type in c.yield.keys.sorted() {
            for section in SeatSection.allCases {
                if let y = c.yield[type]?[section] { rows.append(("yield.\(type).\(section.rawValue)", y.value, y.source, y.date)) }
            }
        }
        for (k, o) in c.occupancy.enumerated() { rows.append(("occupancy.\(k)", o.value, o.source, o.date)) }
        // Entry ratios: one row per school of record (units of a catchment share it) and the presets.
        var seen = Set<String>()
        for u in county.units {
            for section in SeatSection.allCases {
                guard let r = forecast.entryRatio[u.code]?[section] else { continue }
                let key = "entry_ratio.\(u.school[section] ?? "-").\(section.rawValue)"
                if seen.insert(key).inserted { rows.append((key, r.value, r.source, r.date)) }
            }
        }
        for school in forecast.progression.keys.sorted() {
            for (g, p) in (forecast.progression[school] ?? [:]).sorted(by: { $0.key < $1.key }) {
                rows.append(("progression.\(school).\(g)", p.value, p.source, p.date))
            }
        }
        rows.append(("progression.default", c.progression.value, c.progression.source, c.progression.date))
        return rows
    }

    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 4096 + warnings.count * 200)
        w.beginObject()
        w.key("as_of_year"); w.int(county.asOfYear)
        w.key("years"); w.beginArray(); for y in forecast.yearRange { w.int(y) }; w.endArray()
        w.key("bands"); w.beginObject()
        w.key("red"); w.number(settings.bands.red); w.key("yellow"); w.number(settings.bands.yellow); w.key("surplus"); w.number(settings.bands.surplus)
        w.endObject()
        w.key("caveats"); w.beginArray(); for c in settings.caveats { w.string(c) }; w.endArray()
        w.key("schools"); w.beginArray()
        for row in warnings {
            w.beginObject()
            w.key("school_code"); w.string(row.school)
            w.key("section"); w.string(row.section.rawValue)
            w.key("year"); w.int(row.year)
            w.key("entry_grade"); w.int(row.section.entryGrade)
            w.key("approved_intake"); w.int(row.intake)
            for s in Scenario.allCases { w.key("demand_\(s.rawValue)"); w.number(row.demand[s] ?? 0) }
            w.key("ratio"); w.number(row.ratio())
            w.key("band"); w.string(row.band(settings.bands).rawValue)
            w.key("band_low"); w.string(row.band(settings.bands, scenario: .low).rawValue)
            w.key("band_high"); w.string(row.band(settings.bands, scenario: .high).rawValue)
            w.key("enrolment"); w.number(row.enrolment)
            w.key("capacity"); w.int(row.capacity)
            w.endObject()
        }
        w.endArray()
        w.key("coefficients"); w.beginArray()
        for (name, value, source, date) in coefficientRows {
            w.beginObject()
            w.key("name"); w.string(name); w.key("value"); w.number(value); w.key("source"); w.string(source); w.key("date"); w.string(date)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take()
    }

    public func text() -> String {
        var out = "学位预测与预警 / seats forecast (as of \(county.asOfYear); 入学年级需求 ÷ 核定招生数 / entry-grade demand ÷ approved intake)\n"
        out += "学校 school  学段   " + forecast.yearRange.map { String($0).padding(toLength: 16, withPad: " ", startingAt: 0) }.joined() + "\n"
        for s in county.schools.sorted(by: { ($0.section, $0.code) < ($1.section, $1.code) }) {
            var line = s.code.padding(toLength: 12, withPad: " ", startingAt: 0) + s.section.zh + "  "
            for row in warnings where row.school == s.code {
                let cell = "\(Int(row.demand[.base]?.rounded() ?? 0))/\(row.intake) \(mark(row.band(settings.bands)))"
                line += cell.padding(toLength: 16, withPad: " ", startingAt: 0)
            }
            out += line + "\n"
        }
        out += "图例 / key: ■红 red ≥ \(seatsPercent(settings.bands.red)), ▲黄 yellow ≥ \(seatsPercent(settings.bands.yellow)), ·绿 green, ○富余 surplus < \(seatsPercent(settings.bands.surplus))\n"
        out += "注意 / caveats: " + settings.caveats.joined(separator: "; ") + "\n"
        out += "系数 / coefficients:\n"
        for (name, value, source, date) in coefficientRows { out += "  \(name) = \(seatsNumber(value)) — \(source) (\(date))\n" }
        return out
    }

    public func workbook() throws -> Data {
        var book = XLSXWorkbook()
        var rows: [[XLSXCell]] = [["school_code", "section", "year", "approved_intake", "demand_low", "demand_base", "demand_high", "ratio", "band",
                                   "enrolment", "capacity"].map { .header($0) }]
        for r in warnings {
            rows.append([.text(r.school), .text(r.section.rawValue), .number(Double(r.year)), .number(Double(r.intake)),
                         .number(r.demand[.low] ?? 0), .number(r.demand[.base] ?? 0), .number(r.demand[.high] ?? 0),
                         .number(r.ratio().isFinite ? r.ratio() : 0), .text(r.band(settings.bands).zh), .number(r.enrolment),
                         .number(Double(r.capacity))])
        }
        book.addSheet(name: "学位预警", rows: rows)
        book.addSheet(name: "系数", rows: [["name", "value", "source", "date"].map { .header($0) }]
                      + coefficientRows.map { [.text($0.0), .number($0.1), .text($0.2), .text($0.3)] })
        book.addSheet(name: "注意事项", rows: settings.caveats.map { [.text($0)] })
        return try book.data()
    }

    func mark(_ b: WarningBand) -> String {
        switch b {
        case .red: "■"
        case .yellow: "▲"
        case .green: "·"
        case .surplus: "○"
        }
    }
}

func seatsPercent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
func seatsNumber(_ x: Double) -> String { String(format: "%.4g", x) }
