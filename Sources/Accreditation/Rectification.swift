/// 整改任务: what a failed item (or a failing school of it) asks the county to fix.
public struct RectificationTask: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case open, closed }

    /// Stable id: item key, then school code and section or CV measure when the task is about one of them.
    public var id: String
    public var itemKey: String
    public var schoolCode: String?
    /// 学段 label, or the CV measure key for a 资源配置 CV over its limit.
    public var target: String?
    public var titleZH: String
    public var titleEN: String
    /// Filled in by the county: 整改措施, 责任单位, deadline (ISO date), evidence references, linked remedy plan.
    public var measures: String = ""
    public var responsibleUnit: String = ""
    public var deadline: String?
    public var evidence: [String] = []
    public var remedyPlan: String?
    public var status: Status = .open
    /// Submission version whose data showed the failure.
    public var openedInVersion: Int
    /// Newer version whose data show the item met.
    public var closedInVersion: Int?
}

/// Derives 整改 tasks from an assessment and closes them only on newer data.
public enum Rectification {
    /// One task per failed county item, per failing school (or section) of a per-school item, and per CV over its limit.
    public static func tasks(from a: Assessment, version: Int) -> [RectificationTask] {
        var out: [RectificationTask] = []
        for item in a.items where item.status == .failed {
            let d = item.definition
            let failingSchools = item.schools.filter { $0.status == .failed }
            let failingCVs = d.key == "R" ? item.measures.filter { $0.passed == false } : []
            if failingSchools.isEmpty && failingCVs.isEmpty {
                out.append(RectificationTask(id: d.key, itemKey: d.key, titleZH: "\(d.key) \(d.zh)", titleEN: "\(d.key) \(d.en)",
                                             openedInVersion: version))
            }
            for s in failingSchools {
                let target = s.section
                out.append(RectificationTask(id: [d.key, s.schoolCode, target].compactMap { $0 }.joined(separator: ":"), itemKey: d.key,
                                             schoolCode: s.schoolCode, target: target,
                                             titleZH: "\(d.key) \(s.schoolName)\(target.map { "（\($0)）" } ?? "")：\(d.zh)",
                                             titleEN: "\(d.key) \(s.schoolName)\(target.map { " (\($0))" } ?? ""): \(d.en)",
                                             openedInVersion: version))
            }
            for m in failingCVs {
                out.append(RectificationTask(id: "R:" + m.key, itemKey: "R", target: m.key, titleZH: "R \(m.zh) 超过限值",
                                             titleEN: "R \(m.en) over its limit", openedInVersion: version))
            }
        }
        return out
    }

    /// Whether `task`'s target is met in `a` (pending data never count as met).
    public static func isMet(_ task: RectificationTask, in a: Assessment) -> Bool {
        guard let item = a.item(task.itemKey) else { return false }
        if task.itemKey == "R", let target = task.target, task.schoolCode == nil {
            return item.measures.first { $0.key == target }?.passed == true
        }
        if let code = task.schoolCode {
            let mine = item.schools.filter { $0.schoolCode == code && (task.target == nil || $0.section == task.target) }
            // A school that no longer falls under the item (e.g. now ≥ 100 students for G6) has nothing left to fix only if the item passes.
            if mine.isEmpty { return item.status == .passed }
            return mine.allSatisfy { $0.status == .passed }
        }
        return item.status == .passed
    }

    /// Closes open tasks whose target a newer version (`version` > the task's) shows met, and opens tasks for new failures.
    public static func update(_ tasks: [RectificationTask], with a: Assessment, version: Int) -> [RectificationTask] {
        var out = tasks
        // Only the items that tasks name, each reduced to its own results: keeps big counties linear.
        var slim = a
        let named = Set(tasks.map(\.itemKey))
        slim.items = a.items.filter { named.contains($0.key) }
        var bySchool: [String: [String: [SchoolItemResult]]] = [:]
        for item in slim.items { bySchool[item.key] = Dictionary(grouping: item.schools, by: \.schoolCode) }
        func met(_ t: RectificationTask) -> Bool {
            guard let code = t.schoolCode, var item = slim.item(t.itemKey) else { return isMet(t, in: slim) }
            item.schools = bySchool[t.itemKey]?[code] ?? []
            var one = slim
            one.items = [item]
            return isMet(t, in: one)
        }
        for k in out.indices where out[k].status == .open && version > out[k].openedInVersion && met(out[k]) {
            out[k].status = .closed
            out[k].closedInVersion = version
        }
        let openIDs = Set(out.filter { $0.status == .open }.map(\.id))
        out += Self.tasks(from: a, version: version).filter { !openIDs.contains($0.id) }
        return out
    }
}
