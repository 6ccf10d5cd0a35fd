import EquityKit
import Foundation
import JunhengSheets
import SafeNumbers
import Teachers

/// The derived teacher figures and their differences with the statistics, as JSON or CSV.
public struct TeacherFiguresReport {
    public var comparison: FigureComparison

    public init(comparison: FigureComparison) { self.comparison = comparison }

    static let columns: [(Quantity?, String, String)] = [
        (.teachers, "teachers", "专任教师数"), (.degreeTeachers, "teachers_above_required_degree", "高于规定学历教师数"),
        (.backboneTeachers, "backbone_teachers", "县级及以上骨干教师数"), (.peArtTeachers, "pe_art_teachers", "体育艺术专任教师数"),
        (.certifiedTeachers, "certified_teachers", "持教师资格证教师数"), (nil, "teachers_360h", "完成5年360学时培训教师数"),
        (.midSeniorTitleTeachers, "mid_senior_title_teachers", "中级及以上职称教师数"),
    ]

    static func value(_ f: SectionFigures, _ key: String) -> Int {
        if key == "teachers_360h" { return f.trainingCompleted }
        return columns.first { $0.1 == key }?.0.flatMap { f[$0] } ?? 0
    }

    /// `{ "figures": [ { school_code, section, teachers, … } ], "differences": [ { kind, row, school_code, section, field, statistics, derived } ] }`
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 4096 + comparison.figures.count * 300)
        w.beginObject()
        w.key("figures"); w.beginArray()
        for f in comparison.figures {
            w.beginObject()
            w.key("school_code"); w.string(f.key.schoolCode)
            w.key("section"); w.string(f.key.section.rawValue)
            for c in Self.columns { w.key(c.1); w.int(Self.value(f, c.1)) }
            w.key("training_reported"); w.int(f.trainingReported)
            w.key("training_from_records"); w.int(f.trainingFromRecords)
            w.key("training_from_register"); w.int(f.trainingReported - f.trainingFromRecords)
            w.endObject()
        }
        w.endArray()
        w.key("differences"); w.beginArray()
        for d in comparison.differences {
            w.beginObject()
            w.key("kind"); w.string(d.kind.rawValue)
            w.key("row"); w.int(d.row)
            w.key("school_code"); w.string(d.schoolCode)
            w.key("section"); w.string(d.section)
            w.key("field"); w.string(d.field)
            w.key("statistics"); w.number(d.statistics)
            w.key("derived"); if let x = d.derived { w.int(x) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.take()
    }

    /// Figures table, a blank line, then the differences table (Chinese headers; formula-looking cells neutralised).
    public func csv() -> String {
        var c = CSVWriter()
        c.append(["学校标识码", "学段"] + Self.columns.map(\.2))
        for f in comparison.figures { c.append([f.key.schoolCode, f.key.section.rawValue] + Self.columns.map { String(Self.value(f, $0.1)) }) }
        c.append([])
        c.append(["差异", "统计表行", "学校标识码", "学段", "字段", "统计表数", "名册数"])
        for d in comparison.differences {
            c.append([d.kind.rawValue, String(d.row), d.schoolCode, d.section, d.field,
                      d.statistics.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Checked.int(rounding: $0)) : String($0) } ?? "", d.derived.map(String.init) ?? ""])
        }
        return c.text
    }
}

/// A 交流轮岗 plan as JSON (`eligible`, `exchanged`, `backbone_exchanged`, `moves`, `status`, `gap`, …), text or a workbook.
public struct RotationReport {
    public var plan: RotationPlan
    /// The independent checker's findings (empty: every rule holds).
    public var check: [String]

    public init(plan: RotationPlan, check: [String]) { (self.plan, self.check) = (plan, check) }

    public func json() -> [UInt8] {
        let p = plan
        var w = JSONWriter(capacity: 4096 + p.moves.count * 200 + p.eligible.count * 40)
        w.beginObject()
        w.key("year"); w.int(p.year)
        w.key("eligible"); w.int(p.eligible.count)
        w.key("exchanged"); w.int(p.exchanged)
        w.key("backbone_exchanged"); w.int(p.backboneExchanged)
        w.key("minimum_exchanged"); w.int(p.minimumExchanged)
        w.key("minimum_backbone"); w.int(p.minimumBackbone)
        w.key("moves"); w.beginArray()
        for m in p.moves {
            w.beginObject()
            w.key("teacher_id"); w.string(m.teacherID)
            w.key("from"); w.string(m.from)
            w.key("to"); w.string(m.to)
            w.key("section"); w.string(m.section.rawValue)
            w.key("reason"); w.string(m.reason)
            w.endObject()
        }
        w.endArray()
        w.key("status"); w.string(p.status.rawValue)
        w.key("objective"); w.number(p.objective)
        w.key("best_bound"); w.number(p.bestBound)
        w.key("gap"); w.number(p.gap)
        w.key("seconds"); w.number(p.seconds)
        w.key("model"); w.beginObject(); w.key("variables"); w.int(p.variables); w.key("rows"); w.int(p.rows); w.endObject()
        w.key("eligible_teachers"); w.beginArray()
        for e in p.eligible {
            w.beginObject()
            w.key("teacher_id"); w.string(e.teacherID)
            w.key("school_code"); w.string(e.schoolCode)
            w.key("section"); w.string(e.section.rawValue)
            w.key("years"); w.int(e.years)
            w.key("backbone"); w.bool(e.backbone)
            w.key("no_move"); w.bool(e.noMove)
            w.key("principal"); w.bool(e.principal)
            w.endObject()
        }
        w.endArray()
        w.key("check"); w.beginObject()
        w.key("passed"); w.bool(check.isEmpty && (p.status == .optimal || p.status == .feasible))
        w.key("violations"); w.beginArray(); for v in check.prefix(100) { w.string(v) }; w.endArray()
        w.endObject()
        if !p.diagnosis.isEmpty { w.key("diagnosis"); w.beginArray(); for d in p.diagnosis.prefix(100) { w.string(d) }; w.endArray() }
        if !p.notes.isEmpty { w.key("notes"); w.beginArray(); for d in p.notes { w.string(d) }; w.endArray() }
        w.endObject()
        return w.take()
    }

    public func text() -> String {
        let p = plan
        var out = "\(p.year) 年交流轮岗方案 / rotation plan\n"
        out += "符合条件 eligible: \(p.eligible.count)；需交流 required: \(p.minimumExchanged)；交流 exchanged: \(p.exchanged)；"
        out += "骨干 backbone: \(p.backboneExchanged)（需 required \(p.minimumBackbone)）\n"
        out += "求解 status: \(p.status.rawValue)"
        if let g = p.gap { out += "，gap \(NumberFormatting.fixed(g, 6))" }
        out += "，\(NumberFormatting.fixed(p.seconds, 2)) s，\(p.variables) 变量 / \(p.rows) 约束\n"
        for d in p.diagnosis { out += "无解原因 / infeasible: \(d)\n" }
        for n in p.notes { out += "注 / note: \(n)\n" }
        if !p.moves.isEmpty {
            out += "\n教师编号\t派出学校\t接收学校\t学段\t理由\n"
            for m in p.moves { out += "\(m.teacherID)\t\(m.from)\t\(m.to)\t\(m.section.rawValue)\t\(m.reason)\n" }
        }
        if p.status != .optimal && p.status != .feasible {
            out += "\n没有方案 / no plan\n"
        } else {
            out += check.isEmpty ? "\n独立检验通过 / independent check passed\n" : "\n独立检验发现 / independent check found:\n" + check.map { "  - \($0)\n" }.joined()
        }
        return out
    }

    public func workbook() throws -> Data {
        var book = XLSXWorkbook()
        book.addSheet(name: "交流方案", rows: [["教师编号", "派出学校", "接收学校", "学段", "理由"].map { XLSXCell.header($0) }]
            + plan.moves.map { m in [.text(m.teacherID), .text(m.from), .text(m.to), .text(m.section.rawValue), .text(m.reason)] })
        book.addSheet(name: "符合条件教师", rows: [["教师编号", "学校标识码", "学段", "现校年限", "骨干", "不宜交流", "校长"].map { XLSXCell.header($0) }]
            + plan.eligible.map { e in [.text(e.teacherID), .text(e.schoolCode), .text(e.section.rawValue), .number(Double(e.years)),
                                        .text(e.backbone ? "是" : "否"), .text(e.noMove ? "是" : "否"), .text(e.principal ? "是" : "否")] })
        book.addSheet(name: "汇总", rows: [[.header("项目"), .header("值")],
            [.text("符合条件教师数"), .number(Double(plan.eligible.count))], [.text("需交流人数"), .number(Double(plan.minimumExchanged))],
            [.text("交流人数"), .number(Double(plan.exchanged))], [.text("骨干教师交流人数"), .number(Double(plan.backboneExchanged))],
            [.text("求解状态"), .text(plan.status.rawValue)], [.text("gap"), plan.gap.map { .number($0) } ?? .text("")],
            [.text("独立检验"), .text(check.isEmpty ? "通过" : check.joined(separator: "；"))]])
        return try book.data()
    }
}
