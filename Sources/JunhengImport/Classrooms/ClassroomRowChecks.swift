import ThreeClassrooms

extension Validation {
    mutating func schools(_ t: ClassroomTable) {
        for r in rows(t) {
            let code = required(r, 0), name = required(r, 1), county = required(r, 2)
            let bandwidth = Bandwidth(name: r.text(4))
            if bandwidth == nil { fail(r, 4, zh: "高、中 或 低", en: "高/中/低 or high/medium/low") }
            let days = int(r, 5), periods = int(r, 6)
            let point = r.text(7)
            let isPoint = ["是", "yes", "y", "1", "true"].contains(point.lowercased())
            if !isPoint && !["", "否", "no", "n", "0", "false"].contains(point.lowercased()) {
                fail(r, 7, zh: "是 或 否", en: "是/否 or yes/no")
            }
            if let code, schoolByCode[code] != nil { fail(r, 0, zh: "不重复的学校标识码", en: "a school code not used before") }
            guard let code, let name, let county, let bandwidth, let days, let periods, schoolByCode[code] == nil else { continue }
            let s = ClassroomSchool(code: code, name: name, county: county, group: r.text(3), bandwidth: bandwidth, days: days,
                                    periodsPerDay: periods, isTeachingPoint: isPoint)
            schoolList.append(s)
            schoolByCode[code] = s
        }
    }

    mutating func classes(_ t: ClassroomTable) {
        for r in rows(t) {
            let s = school(r, 0), grade = int(r, 1), n = int(r, 2)
            guard let s, let grade, let n else { continue }
            let key = "\(s.code)/\(grade)"
            if classesOf[key] != nil { fail(r, 1, zh: "该校不重复的年级", en: "a grade not listed before for this school"); continue }
            let needed = curriculum.weeklyTotal(grade: grade)
            if needed > s.weeklySlots {
                fail(r, 1, zh: "作息能容纳的年级（\(grade)年级每周 \(needed) 节，该校每周仅 \(s.weeklySlots) 节）",
                     en: "a grade the bell schedule can hold (grade \(grade) needs \(needed) periods a week, the school has \(s.weeklySlots))")
                continue
            }
            classesOf[key] = n
            if n > 0 { classCounts.append(ClassCount(school: s.code, grade: grade, classes: n)) }
        }
    }

    mutating func teachers(_ t: ClassroomTable) {
        for r in rows(t) {
            let id = required(r, 0), s = school(r, 1)
            let names = r.text(2).split { "、;；/，,| ".contains($0) }.map(String.init)
            let subjects = names.compactMap(Subject.init(name:))
            if names.isEmpty || subjects.count != names.count {
                fail(r, 2, zh: "学科名称（如 英语、音乐），用 、 分隔", en: "subject names (e.g. 英语、音乐) separated by 、")
            }
            let load = int(r, 3), maxLoad = int(r, 4)
            if let load, let maxLoad, maxLoad < load { fail(r, 4, zh: "不小于周课时 \(load)", en: "at least the weekly load \(load)") }
            if let id, teacherRow[id] != nil { fail(r, 0, zh: "不重复的教师编号", en: "a teacher id not used before") }
            guard let id, let s, let load, let maxLoad, !subjects.isEmpty, subjects.count == names.count, maxLoad >= load,
                  teacherRow[id] == nil else { continue }
            teacherRow[id] = (t.file, r.number)
            teacherList.append(Teacher(id: id, school: s.code, subjects: subjects, load: load, maxLoad: maxLoad))
        }
    }

    mutating func lessons(_ t: ClassroomTable) {
        var classBusy = Set<String>(), teacherBusy = Set<String>()
        for r in rows(t) {
            guard let s = school(r, 0) else { continue }
            let grade = int(r, 1)
            let count = grade.flatMap { classesOf["\(s.code)/\($0)"] } ?? 0
            if grade != nil && count == 0 { fail(r, 1, zh: "classes 文件中该校的年级", en: "a grade of this school in the classes file") }
            let number = count > 0 ? int(r, 2, 1...count) : nil
            let day = int(r, 3, 1...s.days), period = int(r, 4, 1...s.periodsPerDay)
            let subject = Subject(name: r.text(5))
            if subject == nil { fail(r, 5, zh: "课程方案中的学科名称", en: "a subject name of the curriculum") }
            let teacher = r.text(6).isEmpty ? nil : code(r, 6)
            if let teacher, teacherRow[teacher] == nil { fail(r, 6, zh: "teachers 文件中的教师编号", en: "a teacher id of the teachers file") }
            guard let grade, let number, let day, let period, let subject else { continue }
            let c = ClassID(school: s.code, grade: grade, number: number)
            let at = "@\(day).\(period)"
            if !classBusy.insert("\(c)\(at)").inserted {
                fail(r, 4, zh: "该班此节次没有另一节课", en: "a period in which this class has no other lesson"); continue
            }
            if let teacher {
                if !teacherBusy.insert(teacher + at).inserted {
                    fail(r, 6, zh: "此节次没有另一节课的教师", en: "a teacher without another lesson in this period"); continue
                }
                lessonsOf[teacher, default: 0] += 1
            }
            lessonList.append(Lesson(classID: c, slot: Slot(day: day, period: period), subject: subject, teacher: teacher))
        }
    }

    /// A teacher's weekly load counts at least their lessons in the timetable.
    mutating func loads() {
        for t in teacherList where lessonsOf[t.id, default: 0] > t.load {
            let at = teacherRow[t.id] ?? (file: "", row: 0), lessons = lessonsOf[t.id, default: 0]
            issues.append(ImportIssue(row: at.row, column: "周课时", value: "\(t.load)",
                                         expectedZH: "不少于课表中的 \(lessons) 节", expectedEN: "at least the \(lessons) lessons in the timetable", file: at.file))
        }
    }
}
