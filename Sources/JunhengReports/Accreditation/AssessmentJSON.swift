import Accreditation
import EquityKit

/// The assessment as JSON: `status`, `items` (key, part, status, value, threshold, failing_schools, missing, …) and the
/// 资源配置 evaluation under `resources` in the `junheng evaluate` contract.
public enum AssessmentJSON {
    public static func render(_ a: Assessment, language: ReportLanguage = .zh) -> [UInt8] {
        let L = language
        var w = JSONWriter(capacity: 1 << 16)
        w.beginObject()
        w.key("status"); w.string(a.status.rawValue)
        w.key("rules"); w.string(a.rules.id)
        w.key("rules_name"); w.string(L.t(a.rules.nameZH, a.rules.nameEN))
        w.key("vetoes_present"); w.beginArray(); a.vetoesPresent.forEach { w.string($0) }; w.endArray()
        w.key("parts"); w.beginArray()
        for part in AssessmentPart.allCases {
            let items = a.items(in: part)
            w.beginObject()
            w.key("part"); w.string(part.rawValue)
            w.key("name"); w.string(L.t(part.zh, part.en))
            w.key("status"); w.string(ItemStatus.combine(items.map(\.status)).rawValue)
            w.endObject()
        }
        w.endArray()
        w.key("items"); w.beginArray()
        for r in a.items { item(r, L, into: &w) }
        w.endArray()
        w.key("recognition"); w.beginObject()
        w.key("official_pct"); w.number(a.recognitionOfficialPct)
        w.key("presurvey_pct"); w.number(a.recognitionPresurveyPct)
        w.key("presurvey_note"); w.string(L.t("县预调查仅供参考，不代替国家调查结果", "county pre-survey, for reference only; never stands in for the official figure"))
        w.endObject()
        w.key("rectification_tasks"); w.beginArray()
        for t in Rectification.tasks(from: a, version: 1) {
            w.beginObject()
            w.key("id"); w.string(t.id)
            w.key("key"); w.string(t.itemKey)
            w.key("school_code"); if let c = t.schoolCode { w.string(c) } else { w.null() }
            w.key("title"); w.string(L.t(t.titleZH, t.titleEN))
            w.endObject()
        }
        w.endArray()
        w.key("resources")
        var out = w.take()
        if let e = a.resources { out += JSONReport.render(e) } else { out += Array("null".utf8) }
        out += Array("}\n".utf8)
        return out
    }

    static func item(_ r: ItemResult, _ L: ReportLanguage, into w: inout JSONWriter) {
        let d = r.definition
        w.beginObject()
        w.key("key"); w.string(d.key)
        w.key("part"); w.string(d.part.rawValue)
        w.key("name"); w.string(L.t(d.zh, d.en))
        w.key("grain"); w.string(d.grain.rawValue)
        w.key("kind"); w.string(d.kind.rawValue)
        w.key("status"); w.string(r.status.rawValue)
        w.key("value"); w.number(r.value)
        w.key("threshold"); w.number(r.threshold)
        w.key("failing_schools"); w.beginArray(); r.failingSchools.forEach { w.string($0) }; w.endArray()
        w.key("missing"); w.beginArray()
        for m in r.missing {
            w.beginObject()
            w.key("field"); w.string(m.field)
            if let c = m.schoolCode { w.key("school_code"); w.string(c) }
            w.key("description"); w.string(L.t(m.zh, m.en))
            w.endObject()
        }
        w.endArray()
        w.key("measures"); w.beginArray()
        for m in r.measures {
            w.beginObject()
            w.key("key"); w.string(m.key)
            w.key("name"); w.string(L.t(m.zh, m.en))
            w.key("value"); w.number(m.value)
            w.key("threshold"); w.number(m.threshold)
            w.key("comparison"); w.string(m.comparison.rawValue)
            w.key("passed"); if let p = m.passed { w.bool(p) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.key("schools"); w.beginArray()
        for s in r.schools {
            w.beginObject()
            w.key("school_code"); w.string(s.schoolCode)
            w.key("school_name"); w.string(s.schoolName)
            w.key("section"); if let sec = s.section { w.string(sec) } else { w.null() }
            w.key("row"); w.int(s.row)
            w.key("status"); w.string(s.status.rawValue)
            w.key("value"); w.number(s.value)
            w.key("threshold"); w.number(s.threshold)
            let note = L.t(s.noteZH, s.noteEN)
            if !note.isEmpty { w.key("note"); w.string(note) }
            w.endObject()
        }
        w.endArray()
        w.key("verdicts"); w.beginArray()
        for v in r.verdicts {
            w.beginObject()
            w.key("school_code"); if let c = v.schoolCode { w.string(c) } else { w.null() }
            w.key("passed"); w.bool(v.passed)
            w.key("reviewer"); w.string(v.reviewer)
            w.key("comment"); w.string(v.comment)
            w.endObject()
        }
        w.endArray()
        w.key("notes"); w.beginArray(); (L == .zh ? r.notesZH : r.notesEN).forEach { w.string($0) }; w.endArray()
        w.endObject()
    }
}
