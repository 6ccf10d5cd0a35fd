import EquityKit

/// A kind of remedy a county can take at a school.
public enum RemedyAction: String, CaseIterable, Sendable, Codable {
    /// Hire a teacher above the required degree: teachers +1, degree +1.
    case hire = "hire"
    /// Hire a PE, music or art teacher above the required degree: teachers, degree and pe_art +1.
    case hirePEArt = "hire_pe_art"
    /// Train an existing teacher to county backbone: backbone +1.
    case trainBackbone = "train_backbone"
    /// 交流轮岗: move a backbone teacher (with degree) to another school of the same section.
    case transferBackbone = "transfer_backbone"
    /// Move a PE/music/art teacher (with degree).
    case transferPEArt = "transfer_pe_art"
    /// Move another teacher with the required degree.
    case transferTeacher = "transfer_teacher"
    /// Build teaching and auxiliary floor area, m².
    case buildTeachingArea = "build_teaching_area"
    /// Build sports ground or hall area, m².
    case buildSportsArea = "build_sports_area"
    /// Buy teaching equipment, yuan.
    case buyEquipment = "buy_equipment"
    /// Equip a networked multimedia classroom.
    case equipMultimediaRoom = "equip_multimedia_room"

    /// The transfer kinds, each moving a teacher with certain attributes.
    public static let transfers: [RemedyAction] = [.transferBackbone, .transferPEArt, .transferTeacher]

    public var isTransfer: Bool { Self.transfers.contains(self) }

    /// Whether the quantity is a whole number (people, rooms) rather than an amount (m², yuan).
    public var isWhole: Bool { !(self == .buildTeachingArea || self == .buildSportsArea || self == .buyEquipment) }

    /// Chinese label.
    public var zh: String {
        switch self {
        case .hire: "招聘高学历教师"
        case .hirePEArt: "招聘体育艺术教师"
        case .trainBackbone: "培养县级骨干教师"
        case .transferBackbone: "交流轮岗（骨干教师）"
        case .transferPEArt: "交流轮岗（体艺教师）"
        case .transferTeacher: "交流轮岗（教师）"
        case .buildTeachingArea: "新建教学及辅助用房"
        case .buildSportsArea: "新建体育运动场馆"
        case .buyEquipment: "购置教学仪器设备"
        case .equipMultimediaRoom: "建设网络多媒体教室"
        }
    }

    /// Unit of the quantity, Chinese / English.
    public var unit: (zh: String, en: String) {
        switch self {
        case .buildTeachingArea, .buildSportsArea: ("平方米", "m²")
        case .buyEquipment: ("元", "yuan")
        case .equipMultimediaRoom: ("间", "rooms")
        default: ("人", "teachers")
        }
    }

    /// How one unit of the action changes the school's reported quantities (a transfer's effect on the receiver).
    public var effect: [Quantity: Double] {
        switch self {
        case .hire, .transferTeacher: [.teachers: 1, .degreeTeachers: 1, .certifiedTeachers: 1]
        case .hirePEArt, .transferPEArt: [.teachers: 1, .degreeTeachers: 1, .peArtTeachers: 1, .certifiedTeachers: 1]
        case .transferBackbone: [.teachers: 1, .degreeTeachers: 1, .backboneTeachers: 1, .certifiedTeachers: 1]
        case .trainBackbone: [.backboneTeachers: 1]
        case .buildTeachingArea: [.teachingAuxArea: 1]
        case .buildSportsArea: [.sportsArea: 1]
        case .buyEquipment: [.equipmentValue: 1]
        case .equipMultimediaRoom: [.multimediaClassrooms: 1]
        }
    }
}

/// Unit costs in yuan; a JSON file with any of the action keys overrides the defaults.
public struct ActionCosts: Sendable, Codable, Equatable {
    public var costs: [RemedyAction: Double]

    /// The defaults: hire 120,000; train 30,000; transfer 20,000; area 3,000/m²; sports 800/m²;
    /// equipment 1/yuan; multimedia room 50,000.
    public static let defaults = ActionCosts(costs: [
        .hire: 120_000, .hirePEArt: 120_000, .trainBackbone: 30_000,
        .transferBackbone: 20_000, .transferPEArt: 20_000, .transferTeacher: 20_000,
        .buildTeachingArea: 3_000, .buildSportsArea: 800, .buyEquipment: 1, .equipMultimediaRoom: 50_000,
    ])

    public init(costs: [RemedyAction: Double]) { self.costs = costs }

    public subscript(action: RemedyAction) -> Double { costs[action] ?? Self.defaults.costs[action]! }

    /// Reads overrides such as `{"hire": 150000, "transfer": 15000}`; `transfer` sets all three transfer kinds.
    public init(from decoder: any Decoder) throws {
        let raw = try [String: Double](from: decoder)
        var costs = Self.defaults.costs
        // "transfer" first, so a specific transfer key given beside it wins whatever the file's order.
        for (key, value) in raw.sorted(by: { ($0.key == "transfer" ? 0 : 1, $0.key) < ($1.key == "transfer" ? 0 : 1, $1.key) }) {
            guard value >= 0, value.isFinite else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "费用不能为负 / cost of \(key) must be ≥ 0"))
            }
            if key == "transfer" {
                for t in RemedyAction.transfers { costs[t] = value }
            } else if let action = RemedyAction(rawValue: key) {
                costs[action] = value
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "未知的措施「\(key)」/ unknown action '\(key)'; expected " + RemedyAction.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        self.costs = costs
    }

    public func encode(to encoder: any Encoder) throws {
        try Dictionary(uniqueKeysWithValues: RemedyAction.allCases.map { ($0.rawValue, self[$0]) }).encode(to: encoder)
    }
}
