import Accreditation
import EquityKit

/// Validates the rows of the assessment sheets, collecting located issues.
struct SheetValidator {
    /// School codes of the statistics.
    let codes: Set<String>
    var issues: [ImportIssue] = []

    /// Largest whole count accepted (people, places).
    static let maxCount = 100_000_000.0
    /// Largest amount of money accepted (yuan).
    static let maxYuan = 1e12

    // MARK: cells

    /// One row's cells by column key.
    struct Row {
        var table: String
        var number: Int
        var cells: [String]
        var columns: [String: Int]
        var written: [String: String]

        func text(_ key: String) -> String {
            guard let c = columns[key], c < cells.count else { return "" }
            return cells[c]
        }
        func header(_ key: String, _ fallback: String) -> String { written[key] ?? fallback }
    }

    mutating func issue(_ r: Row, _ key: String, _ header: String, _ value: String, _ zh: String, _ en: String) {
        issues.append(ImportIssue(row: r.number, column: r.header(key, header), value: value, expectedZH: zh, expectedEN: en, file: r.table))
    }

    /// A number in [0, max] (whole when `whole`), nil when blank or invalid (invalid is an issue).
    mutating func number(_ r: Row, _ key: String, _ header: String, whole: Bool, max: Double, required: Bool = false) -> Double? {
        var t = r.text(key)
        let parsed = t.withUTF8 { CellParsing.number($0) }
        let zh = whole ? "0 到 \(Int64(max)) 之间的整数" : "0 到 \(Int64(max)) 之间的数值"
        let en = whole ? "a whole number from 0 to \(Int64(max))" : "a number from 0 to \(Int64(max))"
        switch parsed {
        case .blank:
            if required { issue(r, key, header, "", "必填，" + zh, "a value (required), " + en) }
            return nil
        case .invalid:
            issue(r, key, header, t, zh + "（不能含文字或单位）", en + " (no words or units)")
            return nil
        case .number(let v, _):
            guard v >= 0, v <= max, !whole || v.rounded() == v else { issue(r, key, header, t, zh, en); return nil }
            return v
        }
    }

    /// 是/否 (yes/no, true/false, 1/0); nil when blank or invalid.
    mutating func yesNo(_ r: Row, _ key: String, _ header: String, required: Bool = false) -> Bool? {
        let t = r.text(key)
        switch t.lowercased() {
        case "": if required { issue(r, key, header, "", "必填：是/否", "a value (required): 是/否 (yes/no)") }; return nil
        case "是", "yes", "y", "true", "1": return true
        case "否", "no", "n", "false", "0": return false
        default: issue(r, key, header, t, "是/否", "是/否 (yes/no)"); return nil
        }
    }

    mutating func rows(_ t: TextTable, _ sheet: AssessmentSheet) -> [Row] {
        guard let h = t.header(sheet, issues: &issues) else { return [] }
        return t.rows.filter { $0.number > h.row && !$0.cells.allSatisfy(\.isEmpty) }
            .map { Row(table: t.name, number: $0.number, cells: $0.cells, columns: h.columns, written: h.written) }
    }

    mutating func knownSchool(_ r: Row, _ code: String) -> Bool {
        if codes.contains(code) { return true }
        issue(r, "school_code", "学校标识码", code, "学校统计中某所学校的标识码", "the code of a school in the statistics")
        return false
    }

    // MARK: statistics, extended columns

    /// The optional assessment columns of the statistics sheet; school-level values must agree across a school's rows.
    mutating func extended(_ t: TextTable, records: inout [AssessedRecord], facts: inout [String: SchoolFacts]) {
        // The header is the first row naming 学校标识码 / school_code (as the statistics importer finds it).
        guard let headerRow = t.rows.prefix(20).first(where: { $0.cells.contains { TemplateColumn.matching($0)?.key == "school_code" } }) else { return }
        var columns: [String: Int] = [:], written: [String: String] = [:]
        for (c, text) in headerRow.cells.enumerated() {
            guard let col = AssessmentSheet.extendedStatistics.first(where: { $0.matches(text) }), columns[col.key] == nil else { continue }
            columns[col.key] = c
            written[col.key] = text
        }
        guard !columns.isEmpty else { return }
        var byNumber: [Int: [String]] = [:]
        for row in t.rows where row.number > headerRow.number { byNumber[row.number] = row.cells }
        /// First row and text of each school-level value, per school and column.
        var seen: [String: [String: (row: Int, text: String, same: String)]] = [:]
        for k in records.indices {
            let rec = records[k].record
            guard let cells = byNumber[rec.row] else { continue }
            let r = Row(table: t.name, number: rec.row, cells: cells, columns: columns, written: written)
            for key in ["boarding", "public_school", "approved_public_funds_yuan", "public_funds_budget_yuan", "training_budget_yuan",
                        "moral_education_rating", "planned_by_2016", "built_by_2010"] {
                var text = r.text(key)
                guard !text.isEmpty else { continue }
                // Numbers compare by value (500000 = 500,000.0), words as written.
                var same = text
                if case .number(let v, _) = text.withUTF8({ CellParsing.number($0) }) { same = String(v) }
                if let first = seen[rec.schoolCode]?[key], first.same != same {
                    issue(r, key, key, text, "与第\(first.row)行同一学校的值（\(first.text)）一致（学校级数据）",
                          "the same value as row \(first.row) of the same school (\(first.text)); it is a school-level figure")
                } else if seen[rec.schoolCode]?[key] == nil {
                    seen[rec.schoolCode, default: [:]][key] = (rec.row, text, same)
                }
            }
            var f = facts[rec.schoolCode] ?? SchoolFacts()
            if let b = yesNo(r, "boarding", "是否寄宿制") { f.boarding = b }
            if let p = yesNo(r, "public_school", "是否公办") { f.publicSchool = p }
            if let p = yesNo(r, "planned_by_2016", "2016年前规划建设") { f.plannedBy2016 = p }
            if let b = yesNo(r, "built_by_2010", "2010年前建成") { f.builtBy2010 = b }
            if let v = number(r, "approved_public_funds_yuan", "核定公用经费", whole: false, max: Self.maxYuan) { f.approvedPublicFunds = v }
            if let v = number(r, "public_funds_budget_yuan", "公用经费预算总额", whole: false, max: Self.maxYuan) { f.publicFundsBudget = v }
            if let v = number(r, "training_budget_yuan", "教师培训经费预算", whole: false, max: Self.maxYuan) { f.trainingBudget = v }
            let rating = r.text("moral_education_rating")
            if !rating.isEmpty {
                if let m = MoralRating(label: rating) { f.moralRating = m } else {
                    issue(r, "moral_education_rating", "德育与校园文化评定", rating, "优秀/良好/合格/不合格 之一", "one of 优秀/良好/合格/不合格")
                }
            }
            facts[rec.schoolCode] = f
            let entrants = number(r, "new_entrants", "招生数", whole: true, max: Self.maxCount)
            let inside = number(r, "new_entrants_in_catchment", "划片内招生数", whole: true, max: Self.maxCount)
            if let entrants, let inside, inside > entrants {
                issue(r, "new_entrants_in_catchment", "划片内招生数", String(Int64(inside)), "不大于招生数（\(Int64(entrants))）",
                      "at most the number of entrants (\(Int64(entrants)))")
            }
            let trained = number(r, "teachers_360h", "完成5年360学时培训教师数", whole: true, max: Self.maxCount)
            if let trained, let teachers = rec.quantities[.teachers], trained > teachers {
                issue(r, "teachers_360h", "完成5年360学时培训教师数", String(Int64(trained)), "不大于专任教师数（\(Int64(teachers))）",
                      "at most the number of teachers (\(Int64(teachers)))")
            }
            records[k].newEntrants = entrants.map { Int($0) }
            records[k].newEntrantsInCatchment = inside.map { Int($0) }
            records[k].teachers360h = trained.map { Int($0) }
        }
    }

    // MARK: other sheets

    mutating func rooms(_ t: TextTable) -> [SpecialRoom] {
        var out: [SpecialRoom] = []
        for r in rows(t, .rooms) {
            let code = r.text("school_code")
            var ok = true
            if code.isEmpty { issue(r, "school_code", "学校标识码", "", "必填", "a value (required)"); ok = false } else if !knownSchool(r, code) { ok = false }
            let kindText = r.text("kind")
            let kind: SpecialRoom.Kind? = switch kindText.lowercased() {
            case "音乐", "音乐教室", "music": .music
            case "美术", "美术教室", "art": .art
            default: nil
            }
            if kind == nil { issue(r, "kind", "类型", kindText, "音乐/美术", "音乐/美术 (music/art)") }
            let area = number(r, "area_m2", "面积", whole: false, max: 100_000, required: true)
            if ok, let kind, let area { out.append(SpecialRoom(schoolCode: code, kind: kind, areaM2: area)) }
        }
        return out
    }

    mutating func county(_ t: TextTable) -> [CountyKey: Double] {
        var out: [CountyKey: Double] = [:]
        var rowOf: [CountyKey: Int] = [:]
        for r in rows(t, .county) {
            let label = r.text("key")
            guard let key = CountyKey(label: label) else {
                issue(r, "key", "项目", label, "县级数据项目之一（如 application_year、teacher_avg_pay_yuan）",
                      "one of the county keys (e.g. application_year, teacher_avg_pay_yuan)")
                continue
            }
            if let first = rowOf[key] {
                issue(r, "key", "项目", label, "每个项目一行（已在第\(first)行）", "each key once (already on row \(first))")
                continue
            }
            rowOf[key] = r.number
            switch key.kind {
            case .yesNo: if let b = yesNo(r, "value", "数值") { out[key] = b ? 1 : 0 }
            case .year:
                if let v = number(r, "value", "数值", whole: true, max: 2200) {
                    if v < 1980 { issue(r, "value", "数值", String(Int64(v)), "1980 到 2200 之间的年份", "a year from 1980 to 2200") } else { out[key] = v }
                }
            case .count: out[key] = number(r, "value", "数值", whole: true, max: Self.maxCount)
            case .yuan: out[key] = number(r, "value", "数值", whole: false, max: 1e9)
            case .percent: out[key] = number(r, "value", "数值", whole: false, max: 100)
            }
        }
        // Parts may not exceed their whole.
        let subsets: [(CountyKey, CountyKey)] = [(.quotaPlacesRural, .quotaPlaces), (.juniorGraduatesRural, .juniorGraduates),
                                                 (.rotationBackboneExchanged, .rotationExchanged), (.cohortDeaths, .cohortGrade7Enrolment),
                                                 (.basicBalanceYear, .applicationYear)]
        for (part, whole) in subsets {
            guard let p = out[part], let w = out[whole], p > w, let row = rowOf[part] else { continue }
            issues.append(ImportIssue(row: row, column: "value", value: String(Int64(p)), expectedZH: "不大于 \(whole.rawValue)（\(Int64(w))）",
                                      expectedEN: "at most \(whole.rawValue) (\(Int64(w)))", file: t.name))
        }
        return out
    }

    mutating func monitoring(_ t: TextTable) -> [MonitoringResult] {
        var out: [MonitoringResult] = []
        var seen: [String: Int] = [:]
        for r in rows(t, .monitoring) {
            let subject = r.text("subject")
            if subject.isEmpty || subject.count > 50 { issue(r, "subject", "科目", subject, "科目名称（1–50字）", "a subject name (1–50 characters)") }
            if let first = seen[subject] { issue(r, "subject", "科目", subject, "每个科目一行（已在第\(first)行）", "each subject once (already on row \(first))") }
            seen[subject] = seen[subject] ?? r.number
            let levelText = r.text("level")
            let stripped = levelText.hasSuffix("级") ? String(levelText.dropLast()) : levelText
            let levels: [String: Int] = ["Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4]
            let level = levels[stripped.uppercased()]
            if level == nil { issue(r, "level", "等级", levelText, "Ⅰ–Ⅳ 或 1–4", "Ⅰ–Ⅳ or 1–4") }
            let rate = number(r, "between_school_rate", "校际差异率", whole: false, max: 10, required: true)
            if let level, let rate, !subject.isEmpty { out.append(MonitoringResult(subject: subject, level: level, betweenSchoolRate: rate)) }
        }
        return out
    }

    mutating func reviews(_ t: TextTable) -> [ReviewVerdict] {
        var out: [ReviewVerdict] = []
        var seen: [String: Int] = [:]
        let reviewable = AssessmentItems.reviewableKeys
        for r in rows(t, .reviews) {
            let key = r.text("key").uppercased()
            guard let item = AssessmentItems.item(key), reviewable.contains(key) else {
                issue(r, "key", "项目", r.text("key"), "需要评审的项目之一：\(reviewable.joined(separator: "、"))",
                      "an item that takes a verdict: \(reviewable.joined(separator: ", "))")
                continue
            }
            let code = r.text("school_code")
            if !code.isEmpty {
                if item.grain == .county {
                    issue(r, "school_code", "学校标识码", code, "空（\(key) 是县级项目）", "blank (\(key) is a county item)")
                    continue
                }
                guard knownSchool(r, code) else { continue }
            }
            let verdictText = r.text("verdict")
            let passed: Bool? = switch verdictText.lowercased() {
            case "达标", "合格", "pass", "passed", "yes": true
            case "不达标", "不合格", "fail", "failed", "no": false
            default: nil
            }
            guard let passed else { issue(r, "verdict", "结论", verdictText, "达标/不达标", "达标/不达标 (pass/fail)"); continue }
            let id = key + "@" + code
            if let first = seen[id] {
                issue(r, "key", "项目", key, "每个项目（每所学校）一条结论（已在第\(first)行）", "one verdict per item and school (already on row \(first))")
                continue
            }
            seen[id] = r.number
            out.append(ReviewVerdict(key: key, schoolCode: code.isEmpty ? nil : code, passed: passed, reviewer: r.text("reviewer"),
                                     comment: r.text("comment")))
        }
        return out
    }

    mutating func vetoes(_ t: TextTable) -> [VetoDeclaration] {
        var out: [VetoDeclaration] = []
        var seen: [String: Int] = [:]
        for r in rows(t, .vetoes) {
            let key = r.text("key").uppercased()
            guard AssessmentItems.vetoKeys.contains(key) else {
                issue(r, "key", "项目", r.text("key"), "V1–V7 之一", "one of V1–V7")
                continue
            }
            if let first = seen[key] { issue(r, "key", "项目", key, "每项一行（已在第\(first)行）", "each veto once (already on row \(first))"); continue }
            seen[key] = r.number
            // A blank value leaves the veto undeclared (pending), as in the empty template.
            guard let present = yesNo(r, "value", "是否存在") else { continue }
            out.append(VetoDeclaration(key: key, present: present, explanation: r.text("explanation")))
        }
        return out
    }
}
