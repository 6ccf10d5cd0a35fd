import EquityKit

/// Per-school and per-section items: G3–G7, G9, G12, G13, Q3, Q4, Q6.
extension Context {
    /// Types that are ordinary 小学/初中/一贯制 schools (not special or vocational).
    static let regularTypes: Set<SchoolType> = [.primary, .junior, .nineYear, .completeSecondary, .twelveYear, .teachingPoint]

    /// A section's threshold; a 合计 row takes `combined` of the two (the stricter one).
    static func perSection(_ s: RecordSection, _ primary: Double, _ junior: Double, combined: (Double, Double) -> Double) -> Double {
        switch s {
        case .single(let section): section == .primary ? primary : junior
        case .combined: combined(primary, junior)
        }
    }

    func missingColumn(_ key: String, _ header: String, school: String, row: Int) -> Missing {
        Missing(field: "statistics." + key, schoolCode: school, zh: "学校 \(school)（第\(row)行）的「\(header)」", en: "\(key) of school \(school) (row \(row))")
    }

    func schoolItems(_ d: ItemDefinition) -> ItemResult {
        let k = d.key
        var results: [SchoolItemResult] = []
        var extra: [Missing] = []
        let na = k == "G7" ? ("无特殊教育学校", "no special-education school") : ("无适用学校", "no school concerned")
        for (code, rows) in input.schoolRows {
            guard let first = rows.first else { continue }
            let r0 = first.record
            let facts = input.facts(code)
            func school(_ status: ItemStatus, _ value: Double?, _ threshold: Double?, section: String? = nil, row: Int? = nil,
                        missing: [Missing] = [], zh: String = "", en: String = "") -> SchoolItemResult {
                SchoolItemResult(schoolCode: code, schoolName: r0.schoolName, section: section, row: row ?? r0.row, status: status,
                                 value: value, threshold: threshold, missing: missing, noteZH: zh, noteEN: en)
            }
            func judged(_ value: Double?, _ c: Comparison, _ threshold: Double, missing: [Missing], section: String? = nil,
                        row: Int? = nil) -> SchoolItemResult {
                guard let value else { return school(.pending, nil, threshold, section: section, row: row, missing: missing) }
                return school(c.holds(value, threshold) ? .passed : .failed, value, threshold, section: section, row: row)
            }
            let regular = Self.regularTypes.contains(r0.schoolType)
            switch k {
            case "G3":
                if rules.list(k, "exempt_school_types").contains(r0.schoolType.rawValue) { continue }
                let classes = rows.compactMap { $0.record.quantities[.classes] }.reduce(0, +)
                let perRoom = max(rules.number(k, "classes_per_room"), 1)
                let needed = (classes / perRoom).rounded(.up)
                guard let rooms = input.rooms else {
                    results.append(school(.pending, nil, needed))
                    extra = [Missing(field: "rooms", zh: "专用教室表（每间音乐、美术教室的面积）", en: "the rooms sheet (area of every music and art room)")]
                    continue
                }
                let mine = rooms.isEmpty ? [] : roomsBySchool[code] ?? []
                var musicArea = rules.number(k, "music_room_min_m2"), artArea = rules.number(k, "art_room_min_m2")
                if rules.flag(k, "relaxations") {
                    // The most lenient area the school qualifies for: planned by 2016, or a rural school whose largest class is small.
                    if facts.plannedBy2016 {
                        musicArea = min(musicArea, rules.number(k, "planned_by_2016_music_room_min_m2"))
                        artArea = min(artArea, rules.number(k, "planned_by_2016_art_room_min_m2"))
                    }
                    let largest = rows.compactMap { $0.record.quantities[.maxClassSize] }.max()
                    if r0.location == .rural, let largest, largest < rules.number(k, "small_rural_class_below") {
                        let hasJunior = rows.contains { $0.record.section != .single(.primary) }
                        let small = rules.number(k, hasJunior ? "small_rural_junior_room_min_m2" : "small_rural_primary_room_min_m2")
                        musicArea = min(musicArea, small)
                        artArea = min(artArea, small)
                    }
                }
                let music = mine.filter { $0.kind == .music && Comparison.atLeast.holds($0.areaM2, musicArea) }.count
                let art = mine.filter { $0.kind == .art && Comparison.atLeast.holds($0.areaM2, artArea) }.count
                var r = judged(Double(min(music, art)), .atLeast, needed, missing: [])
                r.noteZH = "\(whole(classes)) 个班，需各 \(whole(needed)) 间；达标音乐教室 \(music) 间、美术教室 \(art) 间"
                r.noteEN = "\(whole(classes)) classes, \(whole(needed)) of each needed; \(music) music and \(art) art rooms meet the area"
                results.append(r)
            case "G4":
                guard regular else { continue }
                // Summed as Double: no overflow whatever the counts.
                let students = rows.reduce(0.0) { s, r in
                    s + (r.record.section == .combined ? (r.record.sectionStudents.map { Double($0.primary) + Double($0.junior) } ?? Double(r.record.students))
                         : Double(r.record.students))
                }
                let through = r0.schoolType == .nineYear || r0.schoolType == .twelveYear
                let migrants = rows.compactMap { $0.record.quantities[.migrantStudents] }.reduce(0, +)
                let relaxed = rules.flag(k, "relaxations")
                    && (facts.builtBy2010 || (students > 0 && migrants / students > rules.number(k, "relaxed_migrant_share_above")))
                let limit = relaxed ? (through ? "relaxed_max_students_through_school" : "relaxed_max_students")
                    : (through ? "max_students_through_school" : "max_students")
                results.append(judged(students, .atMost, rules.number(k, limit), missing: []))
            case "G5":
                guard regular else { continue }
                let primaryLimit = rules.number(k, "max_class_primary"), juniorLimit = rules.number(k, "max_class_junior")
                for r in rows {
                    let rec = r.record
                    let limit = Self.perSection(rec.section, primaryLimit, juniorLimit, combined: min)
                    guard let largest = rec.quantities[.maxClassSize] else {
                        results.append(school(.pending, nil, limit, section: r.sectionLabel, row: rec.row,
                                              missing: [missingColumn("max_class_size", "最大班额", school: code, row: rec.row)]))
                        continue
                    }
                    if rec.section == .combined && largest > limit && largest <= max(primaryLimit, juniorLimit) + Comparison.tolerance {
                        results.append(school(.pending, largest, limit, section: r.sectionLabel, row: rec.row,
                                              missing: [Missing(field: "statistics.max_class_size", schoolCode: code,
                                                                zh: "学校 \(code) 分小学、初中两行填写的最大班额（合计行 \(whole(largest)) 人无法判断学段）",
                                                                en: "max class size of school \(code) on separate 小学/初中 rows (the combined row's \(whole(largest)) cannot be placed)")]))
                        continue
                    }
                    results.append(judged(largest, .atMost, rec.section == .combined ? max(primaryLimit, juniorLimit) : limit,
                                          missing: [], section: r.sectionLabel, row: rec.row))
                }
            case "G6":
                let small = rules.number(k, "small_school_below_students")
                let students = rows.reduce(0.0) { $0 + Double($1.record.students) }
                guard r0.schoolType == .teachingPoint || (r0.schoolType == .primary && r0.location == .rural),
                      students < small else { continue }
                var m: [Missing] = []
                let base = figure(.baseFundsPrimary, &m)
                if facts.approvedPublicFunds == nil { m.append(missingColumn("approved_public_funds_yuan", "核定公用经费", school: code, row: r0.row)) }
                let threshold = base.map { $0 * rules.number(k, "funded_as_students") }
                guard let threshold else { results.append(school(.pending, facts.approvedPublicFunds, nil, missing: m)); continue }
                results.append(judged(facts.approvedPublicFunds, .atLeast, threshold, missing: m))
            case "G7":
                guard r0.schoolType == .specialEducation else { continue }
                let students = rows.reduce(0.0) { $0 + Double($1.record.students) }
                let minimum = rules.number(k, "min_funds_per_student_yuan")
                var perStudent: Double?
                if let funds = facts.approvedPublicFunds, students > 0 { perStudent = funds / students }
                if perStudent == nil { perStudent = r0.quantities[.publicFundsPerStudent] }
                results.append(judged(perStudent, .atLeast, minimum,
                                      missing: [missingColumn("approved_public_funds_yuan", "核定公用经费", school: code, row: r0.row)]))
            case "G9", "G12":
                let teachers = rows.compactMap { $0.record.quantities[.teachers] }.reduce(0, +)
                let counted: [Double?] = k == "G9" ? rows.map { $0.teachers360h.map(Double.init) } : rows.map { $0.record.quantities[.certifiedTeachers] }
                let column = k == "G9" ? ("teachers_360h", "完成5年360学时培训教师数") : ("certified_teachers", "持教师资格证教师数")
                let threshold = rules.number(k, k == "G9" ? "min_completion_rate" : "min_certified_rate")
                guard counted.allSatisfy({ $0 != nil }) else {
                    results.append(school(.pending, nil, threshold, missing: [missingColumn(column.0, column.1, school: code, row: r0.row)]))
                    continue
                }
                guard teachers > 0 else {
                    results.append(school(.pending, nil, threshold, missing: [missingColumn("teachers", "专任教师数（大于0）", school: code, row: r0.row)]))
                    continue
                }
                results.append(judged(counted.compactMap { $0 }.reduce(0, +) / teachers, .atLeast, threshold, missing: []))
            case "G13":
                guard regular, r0.schoolType != .teachingPoint, facts.publicSchool, !facts.boarding,
                      r0.location == .urban || r0.location == .town else { continue }
                let primary = rules.number(k, "min_catchment_rate_primary"), junior = rules.number(k, "min_catchment_rate_junior")
                for r in rows {
                    let rec = r.record
                    let threshold = Self.perSection(rec.section, primary, junior, combined: max)
                    var m: [Missing] = []
                    if r.newEntrants == nil { m.append(missingColumn("new_entrants", "招生数", school: code, row: rec.row)) }
                    if r.newEntrantsInCatchment == nil { m.append(missingColumn("new_entrants_in_catchment", "划片内招生数", school: code, row: rec.row)) }
                    guard let n = r.newEntrants, let inside = r.newEntrantsInCatchment else {
                        results.append(school(.pending, nil, threshold, section: r.sectionLabel, row: rec.row, missing: m))
                        continue
                    }
                    guard n > 0 else {
                        results.append(school(.passed, nil, threshold, section: r.sectionLabel, row: rec.row, zh: "本年无招生", en: "no entrants this year"))
                        continue
                    }
                    let rate = Double(inside) / Double(n)
                    if rec.section == .combined && !Comparison.atLeast.holds(rate, threshold) {
                        results.append(school(.pending, rate, threshold, section: r.sectionLabel, row: rec.row,
                                              missing: [Missing(field: "statistics.new_entrants", schoolCode: code,
                                                                zh: "学校 \(code) 分小学、初中两行填写的招生数和划片内招生数",
                                                                en: "entrants of school \(code) on separate 小学/初中 rows")]))
                        continue
                    }
                    results.append(judged(rate, .atLeast, threshold, missing: [], section: r.sectionLabel, row: rec.row))
                }
            case "Q3":
                let v = verdict(k, school: code)
                results.append(school(v.status, nil, nil, missing: v.missing.map { [$0] } ?? [],
                                      zh: v.used.map(\.comment).joined(separator: "；"), en: v.used.map(\.comment).joined(separator: "; ")))
            case "Q4":
                var m: [Missing] = []
                if facts.publicFundsBudget == nil { m.append(missingColumn("public_funds_budget_yuan", "公用经费预算总额", school: code, row: r0.row)) }
                if facts.trainingBudget == nil { m.append(missingColumn("training_budget_yuan", "教师培训经费预算", school: code, row: r0.row)) }
                let threshold = rules.number(k, "min_training_share")
                if let budget = facts.publicFundsBudget, budget <= 0 {
                    m.append(missingColumn("public_funds_budget_yuan", "公用经费预算总额（大于0）", school: code, row: r0.row))
                }
                var share: Double?
                if let budget = facts.publicFundsBudget, budget > 0, let training = facts.trainingBudget { share = training / budget }
                results.append(judged(share, .atLeast, threshold, missing: m))
            case "Q6":
                let accepted = rules.list(k, "accepted_ratings")
                let v = verdict(k, school: code)
                guard let rating = facts.moralRating else {
                    results.append(school(ItemStatus.combine([.pending, v.status]), nil, nil,
                                          missing: [missingColumn("moral_education_rating", "德育与校园文化评定", school: code, row: r0.row)]
                                            + (v.missing.map { [$0] } ?? [])))
                    continue
                }
                let dataStatus: ItemStatus = accepted.contains(rating.rawValue) ? .passed : .failed
                results.append(school(ItemStatus.combine([dataStatus, v.status]), nil, nil, missing: v.missing.map { [$0] } ?? [],
                                      zh: rating.rawValue, en: rating.rawValue))
            default:
                continue
            }
        }
        return schoolItem(d, results, notApplicableZH: na.0, notApplicableEN: na.1, extraMissing: extra)
    }

    /// Item R from the existing 资源配置 evaluation.
    func resources(standard: Standard) -> (ItemResult, Evaluation?) {
        guard let d = AssessmentItems.item("R") else { preconditionFailure("item R is in the table") }
        let records = input.statistics.map(\.record)
        let evaluation: Evaluation
        do { evaluation = try Evaluator.evaluate(records, standard: standard, options: EvaluationOptions(equityStatistics: false)) } catch {
            let missing: Missing
            switch error {
            case .noSchools:
                missing = Missing(field: "statistics", zh: "学校统计数据", en: "the school statistics")
            case .missingQuantity(let indicator, let q, let rows):
                let shown = rows.prefix(10).map(String.init).joined(separator: ", ")
                missing = Missing(field: "statistics." + q.key, zh: "指标 \(indicator) 需要的「\(q.key)」（第 \(shown) 行未填）",
                                  en: "\(q.key) for indicator \(indicator) (blank in rows \(shown))")
            }
            return (ItemResult(definition: d, status: .pending, value: nil, threshold: nil, measures: [], schools: [], missing: [missing],
                               verdicts: [], notesZH: [], notesEN: []), nil)
        }
        var schools: [SchoolItemResult] = []
        for s in evaluation.schools where s.included {
            let status: ItemStatus = s.passed == false ? .failed : .passed
            schools.append(SchoolItemResult(schoolCode: s.school.schoolCode, schoolName: s.school.schoolName, section: s.school.section.rawValue,
                                            row: s.school.sourceRow, status: status, value: Double(s.met),
                                            threshold: Double(standard.schoolRule?.minimumMet ?? 0)))
        }
        var measures: [Measure] = []
        for section in evaluation.sections {
            for i in section.indicators {
                measures.append(Measure(key: "cv:\(section.section.english):\(i.definition.key)",
                                        zh: "\(section.section.rawValue) \(i.definition.nameZH) 差异系数",
                                        en: "\(section.section.english) \(i.definition.nameEN) CV", value: i.cv.value,
                                        threshold: i.cvLimit, comparison: .atMost))
            }
        }
        let judged = !evaluation.sections.isEmpty
        let status: ItemStatus = !judged ? .pending : evaluation.passed ? .passed : .failed
        let failingCV = measures.first { $0.passed == false }
        let result = ItemResult(definition: d, status: status, value: failingCV?.value ?? measures.first?.value,
                                threshold: failingCV?.threshold ?? measures.first?.threshold, measures: measures, schools: schools,
                                missing: judged ? [] : [Missing(field: "statistics", zh: "计入差异系数的学校", en: "schools counted in the CV")],
                                verdicts: [], notesZH: evaluation.notes.map(\.zh), notesEN: evaluation.notes.map(\.en))
        return (result, evaluation)
    }
}
