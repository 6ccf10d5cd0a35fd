import EquityKit

/// A small county whose values are easy to check by hand.
enum Fixtures {
    /// A 小学 record with the given counts; `students` 500 unless set. Requirements (小学): 4.2, 1.0, 0.9 per 100,
    /// 4.5 m², 7.5 m², 2000 yuan, 2.3 rooms per 100.
    static func primary(_ code: String, students: Int = 500, degree: Double = 25, backbone: Double = 6, peArt: Double = 5,
                        area: Double = 2500, sports: Double = 4000, equipment: Double = 1_100_000, rooms: Double = 12,
                        location: Location = .urban, type: SchoolType = .primary) -> StatisticsRecord {
        var q = Quantities()
        q[.classes] = 12
        q[.teachers] = 30
        q[.degreeTeachers] = degree
        q[.backboneTeachers] = backbone
        q[.peArtTeachers] = peArt
        q[.teachingAuxArea] = area
        q[.sportsArea] = sports
        q[.equipmentValue] = equipment
        q[.multimediaClassrooms] = rooms
        return StatisticsRecord(row: 2, schoolCode: code, schoolName: "学校\(code)", schoolType: type, section: .single(.primary),
                                location: location, students: students, quantities: q)
    }

    /// Three schools: A meets all seven, B has 21/500 degree teachers (exactly 4.2) and no multimedia rooms,
    /// C is rural with half of A's backbone teachers.
    static let county: [StatisticsRecord] = [
        primary("A"),
        primary("B", degree: 21, rooms: 0),
        primary("C", backbone: 3, location: .rural),
    ]
}
