import CreditBank
import Foundation
import JunhengSheets

/// Reads a credit ledger CSV (UTF-8 or GB18030) with the columns `learner_id, outcome_id, institution, kind, title,
/// credits, hours, end_date, attendance_pct, score` into outcomes, all or nothing, every problem located by row and column.
public enum CreditLedgerImporter {
    /// The columns in order; the first five and `end_date` are required, the rest may be empty.
    public static let columns = ["learner_id", "outcome_id", "institution", "kind", "title", "credits", "hours", "end_date", "attendance_pct", "score"]
    static let required: Set<String> = ["learner_id", "outcome_id", "institution", "kind", "title", "end_date"]

    public static func importFile(atPath path: String, limits: ReadLimits = .default) throws(ImportError) -> [Outcome] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "无法读取文件 / cannot read the file")
        }
        return try parse(data: data, file: URL(fileURLWithPath: path).lastPathComponent, limits: limits)
    }

    public static func parse(data: Data, file: String, limits: ReadLimits = .default) throws(ImportError) -> [Outcome] {
        var issues: [ImportIssue] = []
        func issue(_ row: Int, _ column: String, _ value: String, _ zh: String, _ en: String) {
            issues.append(ImportIssue(row: row, column: column, value: String(value.prefix(80)), expectedZH: zh, expectedEN: en, file: file))
        }
        guard data.count <= limits.fileBytes else {
            throw .invalid([ImportIssue(row: 1, column: "", value: "(\(data.count) bytes)", expectedZH: "不超过 \(limits.fileBytes) 字节的文件",
                                        expectedEN: "a file of at most \(limits.fileBytes) bytes", file: file)])
        }
        var rows: [(Int, [String])] = []
        do {
            let text = try TextDecoding.utf8(from: [UInt8](data))
            try text.bytes.withUnsafeBufferPointer { p in
                try CSVReader.forEachRecord(in: p, delimiter: CSVReader.detectDelimiter(in: p), limits: limits) { r in
                    let cells = (0..<r.count).map { r.string($0).trimmingCharacters(in: .whitespacesAndNewlines) }
                    if !cells.allSatisfy(\.isEmpty) { rows.append((r.number, cells)) }
                }
            }
        } catch CSVError.limitExceeded(let row, let column, let zh, let en) {
            throw .invalid([.readLimit(row: row, column: column, zh: zh, en: en, file: file)])
        } catch {
            throw .invalid([ImportIssue(row: 1, column: "", value: "", expectedZH: "UTF-8 或 GB18030 编码的 CSV：\(error)",
                                        expectedEN: "UTF-8 or GB18030 CSV text: \(error)", file: file)])
        }
        guard let header = rows.first else {
            throw .invalid([ImportIssue(row: 1, column: "", value: "", expectedZH: "表头行和数据行", expectedEN: "a header row and data rows", file: file)])
        }
        let position = Dictionary(columns.map { c in (c, header.1.firstIndex { $0.lowercased() == c }) }, uniquingKeysWith: { a, _ in a })
        for c in columns where required.contains(c) && position[c] == nil {
            issue(header.0, c, "", "表头中的「\(c)」列", "a \"\(c)\" column in the header")
        }
        if !issues.isEmpty { throw .invalid(issues) }
        var outcomes: [Outcome] = []
        var seen: [String: Int] = [:]
        for (number, cells) in rows.dropFirst() {
            func cell(_ c: String) -> String {
                guard let p = position[c] ?? nil, p < cells.count else { return "" }
                return cells[p]
            }
            func text(_ c: String, max: Int = 200) -> String? {
                let v = cell(c)
                if v.isEmpty { issue(number, c, v, "非空文本", "non-empty text"); return nil }
                if v.count > max { issue(number, c, v, "不超过 \(max) 个字符", "at most \(max) characters"); return nil }
                return v
            }
            func amount(_ c: String, upTo: Int) -> (ok: Bool, value: Amount?) {
                let v = cell(c)
                if v.isEmpty { return (true, nil) }
                guard let a = Amount(text: v), a.hundredths <= upTo * 100 else {
                    issue(number, c, v, "0–\(upTo) 的数（最多两位小数）或留空", "a number from 0 to \(upTo) (at most 2 decimals) or empty")
                    return (false, nil)
                }
                return (true, a)
            }
            let learner = text("learner_id", max: 64), id = text("outcome_id", max: 64), inst = text("institution"), title = text("title")
            let kindText = cell("kind"), kind = OutcomeKind(label: kindText)
            if kind == nil { issue(number, "kind", kindText, "学历、非学历或无定式", "degree, non_degree or informal (学历/非学历/无定式)") }
            let credits = amount("credits", upTo: 1000), hours = amount("hours", upTo: 100_000)
            let attendance = amount("attendance_pct", upTo: 100), score = amount("score", upTo: 100)
            let dateText = cell("end_date"), date = CivilDate(text: dateText)
            if date == nil { issue(number, "end_date", dateText, "日期 YYYY-MM-DD", "a date YYYY-MM-DD") }
            if let learner, let id {
                let key = learner + "\u{0}" + id
                if let first = seen[key] {
                    issue(number, "outcome_id", id, "每位学习者唯一的成果编号（第\(first)行已有）", "an outcome id unique per learner (already on row \(first))")
                } else { seen[key] = number }
            }
            guard let learner, let id, let inst, let title, let kind, let date, credits.ok, hours.ok, attendance.ok, score.ok else { continue }
            outcomes.append(Outcome(learnerID: learner, id: id, institution: inst, kind: kind, title: title, credits: credits.value,
                                    hours: hours.value, endDate: date, attendancePct: attendance.value, score: score.value))
        }
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        return outcomes
    }
}

/// Chooses a credit framework: a preset id (`acbs`, `card`, `national`) or an override file (JSON, or TOML by name)
/// that is a whole rules document or `base = "acbs"` plus the fields it changes.
public enum CreditRulesFile {
    public static func rules(_ idOrPath: String) throws(StandardLoadError) -> CreditRules {
        if let r = RulePresets.rules(id: idOrPath) { return r }
        guard let data = FileManager.default.contents(atPath: idOrPath) else {
            throw StandardLoadError(description: "未知规则「\(idOrPath)」：应为 \(RulePresets.ids.joined(separator: " / ")) 或规则文件路径"
                + " / unknown rules '\(idOrPath)': expected \(RulePresets.ids.joined(separator: ", ")) or the path of a rules file", exitCode: 66)
        }
        return try parse(String(decoding: data, as: UTF8.self), isTOML: idOrPath.lowercased().hasSuffix(".toml"), source: idOrPath)
    }

    struct Base: Decodable { var base: String? }

    public static func parse(_ text: String, isTOML: Bool, source: String) throws(StandardLoadError) -> CreditRules {
        guard text.utf8.count <= 4 << 20 else { throw StandardLoadError(description: "\(source): 文件过大 / file too large", exitCode: 65) }
        let b = try StandardLoader.decode(Base.self, text: text, isTOML: isTOML, source: source)
        let rules: CreditRules
        if let base = b.base {
            guard let preset = RulePresets.rules(id: base) else {
                throw StandardLoadError(description: "\(source): 未知 base「\(base)」/ unknown base '\(base)'", exitCode: 65)
            }
            // Overlay: the file's top-level keys replace the preset's.
            let presetJSON: [String: Any]
            do {
                presetJSON = (try JSONSerialization.jsonObject(with: JSONEncoder().encode(preset)) as? [String: Any]) ?? [:]
            } catch { throw StandardLoadError(description: "\(source): \(error)", exitCode: 65) }
            let overlay = try StandardLoader.decode(AnyJSON.self, text: text, isTOML: isTOML, source: source).value as? [String: Any] ?? [:]
            var merged = presetJSON
            for (k, v) in overlay where k != "base" { merged[k] = v }
            let data: Data
            do { data = try JSONSerialization.data(withJSONObject: merged) } catch { throw StandardLoadError(description: "\(source): \(error)", exitCode: 65) }
            rules = try StandardLoader.decode(CreditRules.self, text: String(decoding: data, as: UTF8.self), isTOML: false, source: source)
        } else {
            rules = try StandardLoader.decode(CreditRules.self, text: text, isTOML: isTOML, source: source)
        }
        let problems = rules.problems()
        guard problems.isEmpty else { throw StandardLoadError(description: "\(source): " + problems.joined(separator: "; "), exitCode: 65) }
        return rules
    }

    /// Any JSON value, for overlaying a file on a preset.
    struct AnyJSON: Decodable {
        var value: Any
        init(from decoder: Decoder) throws {
            if var a = try? decoder.unkeyedContainer() {
                var items: [Any] = []
                while !a.isAtEnd { items.append(try a.decode(AnyJSON.self).value) }
                value = items
            } else if let o = try? decoder.container(keyedBy: Key.self) {
                var d: [String: Any] = [:]
                for k in o.allKeys { d[k.stringValue] = try o.decode(AnyJSON.self, forKey: k).value }
                value = d
            } else {
                let c = try decoder.singleValueContainer()
                if c.decodeNil() { value = NSNull() } else if let b = try? c.decode(Bool.self) { value = b }
                else if let n = try? c.decode(Double.self) { value = n } else { value = try c.decode(String.self) }
            }
        }
        struct Key: CodingKey {
            var stringValue: String; var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }
}
