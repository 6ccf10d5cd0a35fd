import Foundation
import EquityKit

/// A column of the school statistics template (school-statistics-template.md).
public struct TemplateColumn: Sendable, Equatable {
    /// How a cell of the column is read.
    public enum Kind: Sendable, Equatable {
        case text
        case schoolType
        case section
        case location
        /// A whole number ≥ 0 (people, rooms, classes).
        case count
        /// A decimal number ≥ 0 (areas, money).
        case amount
    }

    public var key: String
    public var header: String
    public var kind: Kind
    /// Required on every row.
    public var required: Bool
    /// The quantity the column carries, if any.
    public var quantity: Quantity?
    /// Short description for the template's notes.
    public var note: String

    /// Every column in template order.
    public static let all: [TemplateColumn] = [
        .init(key: "school_code", header: "学校标识码", kind: .text, required: true, note: "10位学校标识码（或其他唯一代码）"),
        .init(key: "school_name", header: "学校名称", kind: .text, required: true, note: ""),
        .init(key: "school_type", header: "学校类型", kind: .schoolType, required: true,
              note: "小学/初中/九年一贯制/完全中学/十二年一贯制/教学点/特殊教育学校/职业学校"),
        .init(key: "section", header: "学段", kind: .section, required: true, note: "小学/初中/合计"),
        .init(key: "location", header: "城乡类型", kind: .location, required: true, note: "城区/镇区/乡村"),
        .init(key: "parent_school_code", header: "所属学校标识码", kind: .text, required: false, note: "教学点所属学校"),
        .init(key: "students", header: "在校生数", kind: .count, required: true, note: "本学段学生数（合计行为合计）"),
        .init(key: "primary_students", header: "小学在校生数", kind: .count, required: false, note: "合计行必填"),
        .init(key: "junior_students", header: "初中在校生数", kind: .count, required: false, note: "合计行必填"),
        .init(key: "senior_students", header: "高中在校生数", kind: .count, required: false, note: "完全中学、十二年一贯制合计行必填"),
        .init(key: "classes", header: "班级数", kind: .count, required: true, quantity: .classes),
        .init(key: "max_class_size", header: "最大班额", kind: .count, required: false, quantity: .maxClassSize),
        .init(key: "teachers", header: "专任教师数", kind: .count, required: true, quantity: .teachers),
        .init(key: "teachers_above_required_degree", header: "高于规定学历教师数", kind: .count, required: true,
              quantity: .degreeTeachers, note: "小学：专科及以上；初中：本科及以上"),
        .init(key: "backbone_teachers", header: "县级及以上骨干教师数", kind: .count, required: true, quantity: .backboneTeachers),
        .init(key: "pe_art_teachers", header: "体育艺术专任教师数", kind: .count, required: true, quantity: .peArtTeachers,
              note: "体育+音乐+美术"),
        .init(key: "mid_senior_title_teachers", header: "中级及以上职称教师数", kind: .count, required: false,
              quantity: .midSeniorTitleTeachers, note: "基本均衡2012需要"),
        .init(key: "certified_teachers", header: "持教师资格证教师数", kind: .count, required: false, quantity: .certifiedTeachers),
        .init(key: "teaching_aux_area_m2", header: "教学及辅助用房面积", kind: .amount, required: true,
              quantity: .teachingAuxArea, note: "平方米"),
        .init(key: "sports_area_m2", header: "体育运动场馆面积", kind: .amount, required: true, quantity: .sportsArea, note: "平方米"),
        .init(key: "equipment_value_yuan", header: "教学仪器设备值", kind: .amount, required: true, quantity: .equipmentValue, note: "元"),
        .init(key: "multimedia_classrooms", header: "网络多媒体教室数", kind: .count, required: true, quantity: .multimediaClassrooms),
        .init(key: "computers", header: "计算机台数", kind: .count, required: false, quantity: .computers, note: "基本均衡2012需要"),
        .init(key: "books", header: "图书册数", kind: .count, required: false, quantity: .books, note: "基本均衡2012需要"),
        .init(key: "music_rooms", header: "音乐专用教室数", kind: .count, required: false, quantity: .musicRooms),
        .init(key: "art_rooms", header: "美术专用教室数", kind: .count, required: false, quantity: .artRooms),
        .init(key: "public_funds_per_student_yuan", header: "生均公用经费", kind: .amount, required: false,
              quantity: .publicFundsPerStudent, note: "元"),
        .init(key: "migrant_students", header: "随迁子女数", kind: .count, required: false, quantity: .migrantStudents),
    ]

    init(key: String, header: String, kind: Kind, required: Bool, quantity: Quantity? = nil, note: String = "") {
        self.key = key
        self.header = header
        self.kind = kind
        self.required = required
        self.quantity = quantity
        self.note = note
    }

    /// The column whose key or Chinese header matches `name` after normalisation; nil for extra columns.
    public static func matching(_ name: String) -> TemplateColumn? {
        let n = normalisedHeader(name)
        return all.first { $0.header == n || $0.key == n.lowercased() }
    }

    /// Drops line breaks, trims blanks and a trailing unit in brackets, e.g. `教学及辅助用房面积（平方米）` → `教学及辅助用房面积`.
    public static func normalisedHeader(_ name: String) -> String {
        // Wrapped header cells (教学及辅助用房面积⏎（平方米）) lose their line breaks first.
        var s = name.filter { !$0.isNewline }.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("（", "）"), ("(", ")")] where s.hasSuffix(close) {
            if let r = s.range(of: open, options: .backwards) { s = String(s[..<r.lowerBound]) }
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Index of the column with `key` in `all`.
    public static func index(_ key: String) -> Int { all.firstIndex { $0.key == key }! }
}
