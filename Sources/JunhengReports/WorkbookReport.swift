import EquityKit
import Foundation
import JunhengSheets

/// The evaluation as an XLSX workbook a bureau can hand on: 汇总, 学校明细, 差异来源, 均衡统计, 说明.
public struct WorkbookReport {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .zh) { self.language = language }

    /// The workbook's bytes.
    public func data(_ e: Evaluation) throws -> Data {
        var book = XLSXWorkbook()
        book.addSheet(name: language.t("汇总", "Summary"), rows: summary(e), columnWidths: [10, 44, 12, 12, 14, 10, 10])
        book.addSheet(name: language.t("学校明细", "Schools"), rows: schools(e))
        book.addSheet(name: language.t("差异来源", "CV drivers"), rows: drivers(e), columnWidths: [8, 30, 14, 30, 14, 16, 10])
        book.addSheet(name: language.t("均衡统计", "Equity statistics"), rows: equity(e))
        book.addSheet(name: language.t("说明", "Notes"), rows: notes(e), columnWidths: [100])
        return try book.data()
    }

    private func stat(_ s: Statistic) -> XLSXCell {
        switch s {
        case .value(let v): .number(v)
        case .undefined(let r): .text(language.undefined(r))
        }
    }

    func summary(_ e: Evaluation) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [
            [.header(L.t("标准", "Standard")), .text("\(L.t(e.standard.nameZH, e.standard.nameEN))（\(e.standard.id)，\(e.standard.basis)）")],
            [.header(L.t("资源配置结论", "Resource allocation")), .text(L.verdict(e.passed))],
            [],
            [.header(L.t("学段", "Section")), .header(L.t("指标", "Indicator")), .header(L.t("县均值", "Mean")),
             .header(L.t("差异系数", "CV")), .header(L.t("不加权CV(参考)", "Unweighted CV")), .header(L.t("限值", "Limit")),
             .header(L.t("结论", "Result"))],
        ]
        for s in e.sections {
            for i in s.indicators {
                rows.append([.text(L.section(s.section)), .text(L.name(i.definition)), stat(i.mean), stat(i.cv),
                             stat(i.cvUnweighted), .number(i.cvLimit), .text(L.verdict(i.passed))])
            }
            if let c = s.compositeCV {
                rows.append([.text(L.section(s.section)), .text(L.t("综合差异系数", "Composite CV")), .empty, stat(c), .empty,
                             .number(e.standard.cvLimit(in: s.section)), .text(L.verdict(s.cvPassed))])
            }
            rows.append([.text(L.section(s.section)), .text(L.t("学校 \(s.schools) 所，学生 \(s.students) 人，未达标学校 \(s.schoolsFailing) 所",
                                                                "\(s.schools) schools, \(s.students) students, \(s.schoolsFailing) schools failing")),
                         .empty, .empty, .empty, .empty, .text(L.verdict(s.passed))])
        }
        return rows
    }

    func schools(_ e: Evaluation) -> [[XLSXCell]] {
        let L = language
        let ind = e.standard.indicators
        var header: [XLSXCell] = [L.t("学段", "Section"), L.t("学校标识码", "Code"), L.t("学校名称", "School"), L.t("学校类型", "Type"),
                                  L.t("城乡类型", "Location"), L.t("学生数", "Students"), L.t("来源行", "Row")].map { .header($0) }
        header += ind.map { .header(L.name($0)) }
        header += [L.t("达标项数", "Met"), L.t("未达标指标", "Unmet"), L.t("低于85%", "Below 85%"), L.t("结论", "Result"),
                   L.t("计入差异系数", "Counted"), L.t("备注", "Remark")].map { .header($0) }
        var rows = [header]
        for s in e.schools {
            var r: [XLSXCell] = [.text(L.section(s.school.section)), .text(s.school.schoolCode), .text(s.school.schoolName),
                                 .text(L.type(s.school.schoolType)), .text(L.location(s.school.location)),
                                 .number(Double(s.school.students)), .number(Double(s.school.sourceRow))]
            r += s.values.map { $0.map(XLSXCell.number) ?? .empty }
            r += [.number(Double(s.met)), .text(s.unmet.map { L.short(ind[$0]) }.joined(separator: "、")),
                  .text(s.belowFloor.map { L.short(ind[$0]) }.joined(separator: "、")),
                  .text(s.passed.map(L.verdict) ?? "—"), .text(s.included ? L.t("是", "yes") : L.t("否", "no")),
                  .text([s.exclusion.map(L.exclusion), s.school.apportioned ? L.t("由合计行按学生当量分摊", "apportioned from a combined row") : nil]
                    .compactMap { $0 }.joined(separator: "；"))]
            rows.append(r)
        }
        return rows
    }

    func drivers(_ e: Evaluation) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [[L.t("学段", "Section"), L.t("指标", "Indicator"), L.t("差异系数", "CV"), L.t("学校", "School"),
                                   L.t("方差占比", "Variance share"), L.t("去掉该校后的CV", "CV without it"), L.t("方向", "Side")].map { .header($0) }]
        for s in e.sections {
            for i in s.indicators {
                for d in i.drivers {
                    let school = e.schools[d.school].school
                    rows.append([.text(L.section(s.section)), .text(L.name(i.definition)), stat(i.cv),
                                 .text("\(school.schoolName)（\(school.schoolCode)）"), .number(d.varianceShare), stat(d.leaveOneOutCV),
                                 .text(d.belowMean ? L.t("低于均值", "below mean") : L.t("高于均值", "above mean"))])
                }
            }
        }
        return rows
    }

    func equity(_ e: Evaluation) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [[L.t("学段", "Section"), L.t("指标", "Indicator"), L.t("最小值", "Min"), L.t("最大值", "Max"),
                                   L.t("极差", "Range"), "P5", "P95", "P95−P5", L.t("联邦极差率", "Federal range ratio"),
                                   L.t("中位数", "Median"), "McLoone", "Verstegen", "Gini", "Theil T", L.t("组间", "Between"),
                                   L.t("组内", "Within")].map { .header($0) }]
        for s in e.sections {
            for i in s.indicators {
                guard let q = i.equity else { continue }
                rows.append([.text(L.section(s.section)), .text(L.name(i.definition))] + [
                    q.minimum, q.maximum, q.range, q.p5, q.p95, q.restrictedRange, q.federalRangeRatio, q.median,
                    q.mcLoone, q.verstegen, q.gini, q.theil.total, q.theil.between, q.theil.within,
                ].map(stat))
            }
        }
        return rows
    }

    func notes(_ e: Evaluation) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [[.header(L.t("说明", "Notes"))]]
        rows.append([.text(L.t("差异系数按学生数加权：X̄=ΣPᵢXᵢ/P，S=√(ΣPᵢ(Xᵢ−X̄)²/P)，CV=S/X̄；表中保留全精度，公开表格通常保留3位小数。",
                               "CVs are student-weighted: X̄=ΣPᵢXᵢ/P, S=√(ΣPᵢ(Xᵢ−X̄)²/P), CV=S/X̄; full precision kept."))])
        rows.append([.text(L.t("不加权CV仅供对照，不是官方口径。", "The unweighted CV is for comparison only; it is not the official method."))])
        for n in e.notes { rows.append([.text(L.note(n))]) }
        return rows
    }
}
