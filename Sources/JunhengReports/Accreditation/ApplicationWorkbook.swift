import Accreditation
import EquityKit
import Foundation
import JunhengSheets

/// 申报表: the application's data tables as a workbook. One row per school section in the statistics' order and names;
/// a failing cell has a dark background. Sheets: 学校明细 (per school section), 指标汇总 (every item), 县级数据, 说明.
public struct ApplicationWorkbook {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .zh) { self.language = language }

    public func data(_ a: Assessment, input: AssessmentInput) throws -> Data {
        var book = XLSXWorkbook()
        book.addSheet(name: language.t("学校明细", "Schools"), rows: schools(a, input))
        book.addSheet(name: language.t("指标汇总", "Items"), rows: items(a), columnWidths: [6, 14, 60, 14, 16, 10, 40])
        book.addSheet(name: language.t("县级数据", "County"), rows: county(input), columnWidths: [36, 30, 16])
        book.addSheet(name: language.t("说明", "Notes"), rows: [[.text(language.t(
            "深色单元格为未达标数据。学段为「合计」的一贯制学校在资源配置列按学段拆分后分行列出。",
            "Dark cells fail their item. A through school reported on a combined row is split into its sections for the resource columns."))]],
                      columnWidths: [100])
        return try book.data()
    }

    /// Per-school item columns after the resource indicators: item key and header.
    static let schoolItems: [(key: String, zh: String, en: String)] = [
        ("G3", "G3 达标专用教室(间)", "G3 rooms meeting area"), ("G4", "G4 义务教育学生数", "G4 compulsory students"),
        ("G5", "G5 最大班额", "G5 largest class"), ("G6", "G6 核定公用经费", "G6 approved funds"),
        ("G7", "G7 生均公用经费", "G7 funds per student"), ("G9", "G9 360学时完成率", "G9 360-hour rate"),
        ("G12", "G12 持证上岗率", "G12 certified rate"), ("G13", "G13 划片入学比例", "G13 catchment rate"),
        ("Q3", "Q3 章程", "Q3 charter"), ("Q4", "Q4 培训经费占比", "Q4 training share"), ("Q6", "Q6 德育评定", "Q6 moral rating"),
    ]

    func schools(_ a: Assessment, _ input: AssessmentInput) -> [[XLSXCell]] {
        let L = language
        let indicators = a.resources?.standard.indicators ?? []
        var header: [XLSXCell] = [L.t("学校标识码", "Code"), L.t("学校名称", "School"), L.t("学校类型", "Type"), L.t("学段", "Section"),
                                  L.t("城乡类型", "Location"), L.t("在校生数", "Students"), L.t("班级数", "Classes")].map { .header($0) }
        header += indicators.map { .header(L.short($0)) }
        header.append(.header(L.t("资源配置达标项数", "Indicators met")))
        header += Self.schoolItems.map { .header(L.t($0.zh, $0.en)) }
        var rows: [[XLSXCell]] = [header]
        // Resource evaluation per (code, section); per-school item results per code and per (code, section label).
        var evaluated: [String: SchoolEvaluation] = [:]
        for s in a.resources?.schools ?? [] { evaluated[s.school.schoolCode + "/" + s.school.section.rawValue] = s }
        var results: [String: [String: SchoolItemResult]] = [:]
        for (key, _, _) in Self.schoolItems {
            guard let item = a.item(key) else { continue }
            for s in item.schools { results[key, default: [:]][s.schoolCode + "/" + (s.section ?? "")] = s }
        }
        for r in input.statistics {
            let rec = r.record
            let sections: [Section?] = rec.section == .combined ? Section.allCases.filter { s in
                (rec.sectionStudents?[s] ?? 0) > 0 } : [nil]
            for split in sections {
                let section: Section? = split ?? { if case .single(let s) = rec.section { return s } else { return nil } }()
                let students = split.flatMap { rec.sectionStudents?[$0] } ?? rec.students
                var row: [XLSXCell] = [.text(rec.schoolCode), .text(rec.schoolName), .text(L.type(rec.schoolType)),
                                       .text(split.map { L.section($0) } ?? (rec.schoolType == .specialEducation ? L.t("特教", "special") : rec.section.label)),
                                       .text(L.location(rec.location)), .number(Double(students)),
                                       rec.quantities[.classes].map { .number($0) } ?? .empty]
                let e = section.flatMap { evaluated[rec.schoolCode + "/" + $0.rawValue] }
                for (k, indicator) in indicators.enumerated() {
                    guard let e, let v = e.values[k] else { row.append(.empty); continue }
                    let cell = XLSXCell.number((v * 1000).rounded() / 1000)
                    row.append(e.included && e.unmet.contains(k) && indicator.requirement != nil ? .flagged(cell) : cell)
                }
                if let e, e.included { row.append(e.passed == false ? .flagged(.number(Double(e.met))) : .number(Double(e.met))) } else {
                    row.append(e == nil ? .empty : .text(e?.exclusion.map { L.exclusion($0) } ?? ""))
                }
                for (key, _, _) in Self.schoolItems {
                    let byKey = results[key] ?? [:]
                    let s = byKey[rec.schoolCode + "/" + r.sectionLabel] ?? byKey[rec.schoolCode + "/"]
                    row.append(cell(s, item: key))
                }
                rows.append(row)
            }
        }
        return rows
    }

    func cell(_ s: SchoolItemResult?, item: String) -> XLSXCell {
        let L = language
        guard let s else { return .empty }
        let content: XLSXCell
        if let v = s.value {
            content = AssessmentFormatting.ratioItems.contains(item) ? .text(NumberFormatting.percent(v)) : .number((v * 100).rounded() / 100)
        } else if !s.noteZH.isEmpty && (item == "Q6" || item == "Q3") {
            content = .text(L.t(s.noteZH, s.noteEN))
        } else {
            content = .text(AssessmentFormatting.status(s.status, L))
        }
        return s.status == .failed ? .flagged(content) : content
    }

    func items(_ a: Assessment) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [[.header(L.t("结论", "Status")), .text(AssessmentFormatting.overall(a.status, L))], [],
                                  [L.t("项目", "Item"), L.t("部分", "Part"), L.t("内容", "Wording"), L.t("值", "Value"), L.t("标准", "Threshold"),
                                   L.t("结论", "Result"), L.t("未达标学校 / 待补充", "Failing schools / missing")].map { .header($0) }]
        for r in a.items {
            let m = r.measures.first?.key ?? ""
            let status = XLSXCell.text(AssessmentFormatting.status(r.status, L))
            let detail = r.status == .pending ? r.missing.prefix(5).map { AssessmentFormatting.missing($0, L) }.joined(separator: L.t("；", "; "))
                : r.failingSchools.joined(separator: ", ")
            rows.append([.text(r.key), .text(L.t(r.definition.part.zh, r.definition.part.en)), .text(AssessmentFormatting.name(r.definition, L)),
                         .text(AssessmentFormatting.value(r.value, item: r.key, measure: m, L)),
                         .text(AssessmentFormatting.threshold(r.threshold, AssessmentFormatting.comparison(r), item: r.key, measure: m, L)),
                         r.status == .failed ? .flagged(status) : status, .text(detail)])
        }
        return rows
    }

    func county(_ input: AssessmentInput) -> [[XLSXCell]] {
        let L = language
        var rows: [[XLSXCell]] = [[L.t("项目", "Item"), "key", L.t("数值", "Value")].map { .header($0) }]
        for k in CountyKey.allCases {
            rows.append([.text(k.zh), .text(k.rawValue), input.county[k].map { .number($0) } ?? .empty])
        }
        return rows
    }
}
