import EquityKit
import Foundation
import SafeNumbers

/// What identifies a row's school section, kept even for rows with other problems.
struct RowIdentity {
    var code: String
    var section: RecordSection
    var type: SchoolType
    var row: Int
    var parentCode: String?
}

/// Turns one data row into a record, or lists everything wrong with it.
struct RowValidator {
    let map: HeaderMap
    let bounds: ImportBounds
    private let code = TemplateColumn.index("school_code"), name = TemplateColumn.index("school_name")
    private let type = TemplateColumn.index("school_type"), section = TemplateColumn.index("section")
    private let location = TemplateColumn.index("location"), parent = TemplateColumn.index("parent_school_code")
    private let students = TemplateColumn.index("students"), primary = TemplateColumn.index("primary_students")
    private let junior = TemplateColumn.index("junior_students"), senior = TemplateColumn.index("senior_students")
    private let teachers = TemplateColumn.index("teachers")
    private let quantityColumns: [(index: Int, quantity: Quantity)]
    /// Per template column, looked up once instead of per cell: required, whole number, upper bound.
    private let required: [Bool], whole: [Bool], maxima: [Double]

    init(map: HeaderMap, bounds: ImportBounds = .statistics) {
        self.map = map
        self.bounds = bounds
        quantityColumns = TemplateColumn.all.enumerated().compactMap { k, c in c.quantity.map { (k, $0) } }
        required = TemplateColumn.all.map(\.required)
        whole = TemplateColumn.all.map { $0.kind == .count }
        maxima = TemplateColumn.all.map { bounds.maximum(of: $0.key) }
    }

    /// The template's Chinese labels as bytes, matched without building a String per cell; any other spelling
    /// (English keys, …) takes the String path.
    private let typeLabels = SchoolType.allCases.map { (bytes: Array($0.rawValue.utf8), value: $0) }
    private let sectionLabels = Section.allCases.map { (bytes: Array($0.rawValue.utf8), value: RecordSection.single($0)) }
        + [(bytes: Array("合计".utf8), value: RecordSection.combined)]
    private let locationLabels = Location.allCases.map { (bytes: Array($0.rawValue.utf8), value: $0) }

    /// The value whose label is exactly the (trimmed) cell of template column `k`, if any.
    @inline(__always)
    private func label<R: TableRow, T>(_ row: R, _ k: Int, _ labels: [(bytes: [UInt8], value: T)]) -> T? {
        guard let c = map.fileColumn[k] else { return nil }
        return row.withCell(c) { raw -> T? in
            let p = CellParsing.trimmed(raw)
            guard let base = p.baseAddress else { return nil }
            for l in labels where l.bytes.count == p.count {
                if l.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, p.count) == 0 }) { return l.value }
            }
            return nil
        }
    }

    /// The record of `row`, or nil with its problems appended to `issues`. Whenever the school code, type
    /// and section can be read, they go to `identities`, so checks across rows see invalid rows too.
    func record<R: TableRow>(_ row: R, issues: inout [ImportIssue], warnings: inout [ImportIssue],
                             identities: inout [RowIdentity]) -> StatisticsRecord? {
        var found: [ImportIssue] = []
        func issue(_ k: Int, _ value: String, _ zh: String, _ en: String) {
            found.append(ImportIssue(row: row.number, column: map.written[k], value: value, expectedZH: zh, expectedEN: en))
        }
        func text(_ k: Int) -> String {
            guard let c = map.fileColumn[k] else { return "" }
            return row.text(c)
        }
        func requiredText(_ k: Int) -> String? {
            let t = text(k)
            if t.isEmpty { issue(k, "", "必填，不能为空", "a value (required)") }
            return t.isEmpty ? nil : t
        }
        func number(_ k: Int) -> Double? {
            guard let c = map.fileColumn[k] else {
                if required[k] { issue(k, "", "必填", "a value (required)") }
                return nil
            }
            let parsed = row.withCell(c) { CellParsing.number($0) }
            let whole = whole[k]
            if case .number(let v, false) = parsed, v >= 0, !whole || v.rounded() == v, v <= maxima[k] { return v }
            // Everything below is the rare path: a problem to report, or a value that was rewritten.
            let column = TemplateColumn.all[k]
            let expectZH = whole ? "不小于0的整数" : "不小于0的数值"
            let expectEN = whole ? "a whole number ≥ 0" : "a number ≥ 0"
            switch parsed {
            case .blank:
                if column.required { issue(k, "", "必填，" + expectZH, "a value (required), " + expectEN) }
                return nil
            case .invalid:
                issue(k, row.text(c), expectZH + "（不能含文字或单位）", expectEN + " (no words or units)")
                return nil
            case .number(let v, let normalised):
                if v < 0 || (whole && v.rounded() != v) {
                    issue(k, row.text(c), expectZH, expectEN)
                    return nil
                }
                let most = maxima[k]
                if v > most {
                    issue(k, row.text(c), (whole ? "0–\(formatted(most)) 之间的整数" : "0–\(formatted(most)) 之间的数值")
                          + "（「\(column.header)」上限 \(formatted(most))）",
                          (whole ? "a whole number from 0 to \(formatted(most))" : "a number from 0 to \(formatted(most))")
                          + " (the bound for \(column.key))")
                    return nil
                }
                if normalised {
                    warnings.append(ImportIssue(row: row.number, column: map.written[k], value: row.text(c),
                        expectedZH: "半角数字，无千位分隔符（已按 \(formatted(v)) 读取）",
                        expectedEN: "plain digits without separators (read as \(formatted(v)))"))
                }
                return v
            }
        }

        func codeText(_ k: Int) -> String? {
            let t = text(k)
            guard !t.isEmpty, !CodeRule.isValid(t) else { return t.isEmpty ? nil : t }
            issue(k, t, CodeRule.descriptionZH, CodeRule.descriptionEN)
            return nil
        }
        let schoolCode = requiredText(code).flatMap { _ in codeText(code) }
        let schoolName = requiredText(name)
        var schoolType = label(row, type, typeLabels)
        if schoolType == nil, let t = requiredText(type) {
            schoolType = SchoolType(label: t)
            if schoolType == nil {
                issue(type, t, SchoolType.allCases.map(\.rawValue).joined(separator: "/") + " 之一",
                      "one of " + SchoolType.allCases.map(\.rawValue).joined(separator: "/"))
            }
        }
        var recordSection = label(row, section, sectionLabels)
        if recordSection == nil, let s = requiredText(section) {
            recordSection = RecordSection(label: s)
            // 特教: the single row of a 特殊教育学校, kept with the 小学 rows as special schools always were (out of the CV).
            if recordSection == nil && (s == "特教" || s == "special") && schoolType == .specialEducation { recordSection = .single(.primary) }
            if recordSection == nil { issue(section, s, "小学/初中/合计 之一（特殊教育学校可填 特教）", "one of 小学/初中/合计 (特教 for a special-education school)") }
        }
        var place = label(row, location, locationLabels)
        if place == nil, let l = requiredText(location) {
            place = Location(label: l)
            if place == nil { issue(location, l, "城区/镇区/乡村 之一", "one of 城区/镇区/乡村") }
        }
        if let schoolType, let recordSection {
            switch recordSection {
            case .single(let s) where !schoolType.sections.contains(s):
                issue(section, s.rawValue, "\(schoolType.rawValue)的学段：" + schoolType.sections.map(\.rawValue).joined(separator: "/"),
                      "a section of a \(schoolType.english): " + schoolType.sections.map(\.rawValue).joined(separator: "/"))
            case .combined where !schoolType.allowsCombinedRow:
                issue(section, "合计", "合计行只用于九年一贯制/完全中学/十二年一贯制；\(schoolType.rawValue)应填 " +
                      schoolType.sections.map(\.rawValue).joined(separator: "/"),
                      "合计 rows only for multi-section schools; a \(schoolType.english) takes " +
                      schoolType.sections.map(\.rawValue).joined(separator: "/"))
            default: break
            }
        }
        let studentCount = number(students)
        if let studentCount, studentCount == 0, let schoolType, schoolType != .teachingPoint, recordSection != .combined {
            issue(students, "0", "大于0的整数（常规学校不能没有学生）", "a whole number > 0 (a regular school has students)")
        }
        var counts: SectionStudents?
        // Only a type that allows 合计 rows gets its per-section counts checked; otherwise the type error says it all.
        if recordSection == .combined, let schoolType, schoolType.allowsCombinedRow {
            let p = number(primary), j = number(junior), s = number(senior)
            let needsSenior = schoolType.hasSeniorSection
            let needsPrimary = schoolType != .completeSecondary
            if needsPrimary && p == nil { issue(primary, "", "合计行必填小学在校生数", "primary students (required on 合计 rows)") }
            if j == nil { issue(junior, "", "合计行必填初中在校生数", "junior students (required on 合计 rows)") }
            if needsSenior && s == nil {
                issue(senior, "", "\(schoolType.rawValue)合计行必填高中在校生数（用于按1:1.2等比例分摊设施）",
                      "senior students (required on 合计 rows of a \(schoolType.english), to split facilities)")
            }
            if let j, (p != nil || !needsPrimary), (s != nil || !needsSenior) {
                // Bounded above, so these conversions and sums cannot fail; Checked keeps it so if the bounds change.
                let c = SectionStudents(primary: Checked.int(p ?? 0) ?? 0, junior: Checked.int(j) ?? 0, senior: Checked.int(s ?? 0) ?? 0)
                counts = c
                let stated = studentCount.flatMap(Checked.int)
                if let studentCount, stated != c.primary + c.junior, stated != c.primary + c.junior + c.senior {
                    issue(students, formatted(studentCount),
                          "小学在校生数 + 初中在校生数 = \(c.primary + c.junior)" + (needsSenior ? "（或含高中 \(c.primary + c.junior + c.senior)）" : ""),
                          "primary + junior students = \(c.primary + c.junior)" + (needsSenior ? " (or \(c.primary + c.junior + c.senior) with senior)" : ""))
                } else if c.primary + c.junior == 0 {
                    issue(students, formatted(studentCount ?? 0), "义务教育学段学生数大于0", "compulsory-section students > 0")
                }
            }
        }
        var quantities = Quantities()
        for (k, q) in quantityColumns { quantities[q] = number(k) }
        if let total = quantities[.teachers] {
            for subset in Quantity.teacherSubsets {
                guard let v = quantities[subset], v > total else { continue }
                let k = TemplateColumn.all.firstIndex { $0.quantity == subset }!
                issue(k, formatted(v), "不大于专任教师数（\(formatted(total))）", "at most the number of teachers (\(formatted(total)))")
            }
        }
        let parentCode = codeText(parent) ?? ""
        if let schoolCode, let schoolType, let recordSection {
            identities.append(RowIdentity(code: schoolCode, section: recordSection, type: schoolType, row: row.number,
                                          parentCode: parentCode.isEmpty ? nil : parentCode))
        }
        guard found.isEmpty, let schoolCode, let schoolName, let schoolType, let recordSection, let place,
              let studentCount = studentCount.flatMap(Checked.int) else {
            issues += found
            return nil
        }
        return StatisticsRecord(row: row.number, schoolCode: schoolCode, schoolName: schoolName, schoolType: schoolType,
                                section: recordSection, location: place, parentSchoolCode: parentCode.isEmpty ? nil : parentCode,
                                students: studentCount, sectionStudents: counts, quantities: quantities)
    }

    private func formatted(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
