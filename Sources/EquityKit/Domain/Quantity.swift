/// A counted or measured quantity a school reports (teachers, areas, equipment…).
public enum Quantity: Int, CaseIterable, Sendable, Codable, Hashable {
    case classes
    case teachers
    case degreeTeachers
    case backboneTeachers
    case peArtTeachers
    case midSeniorTitleTeachers
    case certifiedTeachers
    case teachingAuxArea
    case sportsArea
    case equipmentValue
    case multimediaClassrooms
    case computers
    case books
    case musicRooms
    case artRooms
    case migrantStudents
    case maxClassSize
    case publicFundsPerStudent

    /// How a combined (合计) row's value is shared between sections.
    public enum Apportioning: Sendable {
        /// By plain student share (people, classes).
        case byStudents
        /// By student-equivalent weights (facilities reported for the whole school).
        case byWeightedStudents
        /// Copied unchanged to every section (maxima, per-student amounts).
        case copied
    }

    /// How this quantity is apportioned when a 合计 row is split.
    public var apportioning: Apportioning {
        switch self {
        case .classes, .teachers, .degreeTeachers, .backboneTeachers, .peArtTeachers,
             .midSeniorTitleTeachers, .certifiedTeachers, .migrantStudents:
            return .byStudents
        case .teachingAuxArea, .sportsArea, .equipmentValue, .multimediaClassrooms,
             .computers, .books, .musicRooms, .artRooms:
            return .byWeightedStudents
        case .maxClassSize, .publicFundsPerStudent:
            return .copied
        }
    }

    /// Stable key used in standard files and reports.
    public var key: String {
        switch self {
        case .classes: "classes"
        case .teachers: "teachers"
        case .degreeTeachers: "teachers_above_required_degree"
        case .backboneTeachers: "backbone_teachers"
        case .peArtTeachers: "pe_art_teachers"
        case .midSeniorTitleTeachers: "mid_senior_title_teachers"
        case .certifiedTeachers: "certified_teachers"
        case .teachingAuxArea: "teaching_aux_area_m2"
        case .sportsArea: "sports_area_m2"
        case .equipmentValue: "equipment_value_yuan"
        case .multimediaClassrooms: "multimedia_classrooms"
        case .computers: "computers"
        case .books: "books"
        case .musicRooms: "music_rooms"
        case .artRooms: "art_rooms"
        case .migrantStudents: "migrant_students"
        case .maxClassSize: "max_class_size"
        case .publicFundsPerStudent: "public_funds_per_student_yuan"
        }
    }

    /// Teacher counts that are subsets of `teachers` and may not exceed it.
    public static let teacherSubsets: [Quantity] = [
        .degreeTeachers, .backboneTeachers, .peArtTeachers, .midSeniorTitleTeachers, .certifiedTeachers,
    ]
}

/// The reported quantities of one row; a quantity not reported is `nil`, distinct from 0.
public struct Quantities: Sendable, Equatable {
    private var storage: [Double]

    /// All quantities unreported.
    public init() { storage = Array(repeating: .nan, count: Quantity.allCases.count) }

    /// The value of `q`, or nil when not reported.
    public subscript(q: Quantity) -> Double? {
        get {
            let v = storage[q.rawValue]
            return v.isNaN ? nil : v
        }
        set { storage[q.rawValue] = newValue ?? .nan }
    }

    public static func == (a: Quantities, b: Quantities) -> Bool {
        zip(a.storage, b.storage).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
    }
}
