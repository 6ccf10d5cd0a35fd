/// 学段: the section a school serves and a catchment is drawn for.
public enum SeatSection: String, Sendable, CaseIterable, Codable, Comparable {
    case primary, junior

    /// The entry grade (1 or 7) and the grades of the section.
    public var entryGrade: Int { self == .primary ? 1 : 7 }
    public var grades: ClosedRange<Int> { self == .primary ? 1...6 : 7...9 }
    /// Age at entry on 1 September: a grade-1 pupil of year Y was born in Y − 6, a grade-7 pupil in Y − 12.
    public var entryAge: Int { self == .primary ? 6 : 12 }
    public var zh: String { self == .primary ? "小学" : "初中" }

    public init?(name: String) {
        switch name.lowercased() {
        case "primary", "小学", "p": self = .primary
        case "junior", "初中", "j", "junior_secondary": self = .junior
        default: return nil
        }
    }

    public static func < (a: SeatSection, b: SeatSection) -> Bool { a == .primary && b == .junior }
}

/// A point in WGS-84 / CGCS2000 degrees.
public struct GeoPoint: Sendable, Equatable, Hashable {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) { (self.lon, self.lat) = (lon, lat) }
}

/// 规划单元: a 小区, 村 or 网格 with a point, an optional polygon and its catchment school of record per section.
public struct PlanningUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var point: GeoPoint
    /// Outer rings of the unit's polygon(s) when a GeoJSON geometry was given.
    public var rings: [[GeoPoint]]
    /// The catchment school of record per section (nil: the unit has none for that section).
    public var school: [SeatSection: String]

    public init(code: String, name: String, point: GeoPoint, rings: [[GeoPoint]] = [], school: [SeatSection: String]) {
        (self.code, self.name, self.point, self.rings, self.school) = (code, name, point, rings, school)
    }
}

/// Children of one birth year living in a unit (户籍 / 卫健 records as of the county's as-of date).
public struct ChildCohort: Sendable, Equatable {
    public var unit: String
    public var birthYear: Int
    public var count: Int
    public init(unit: String, birthYear: Int, count: Int) { (self.unit, self.birthYear, self.count) = (unit, birthYear, count) }
}

/// Dwellings under construction in a unit: how many, the year they are delivered, the housing type (a key of the yield table).
public struct HousingProject: Sendable, Equatable {
    public var unit: String
    public var dwellings: Int
    public var deliveryYear: Int
    public var type: String
    public init(unit: String, dwellings: Int, deliveryYear: Int, type: String) {
        (self.unit, self.dwellings, self.deliveryYear, self.type) = (unit, dwellings, deliveryYear, type)
    }
}

/// A school section's seats: location, approved classes per grade (核定班额 intake plan) and the class-size limit.
public struct SeatSchool: Sendable, Equatable {
    public var code: String
    public var section: SeatSection
    public var point: GeoPoint
    /// Classes approved per grade: the normal intake is `approvedClasses × classLimit` pupils a year.
    public var approvedClasses: Int
    public var classLimit: Int

    public init(code: String, section: SeatSection, point: GeoPoint, approvedClasses: Int, classLimit: Int) {
        (self.code, self.section, self.point, self.approvedClasses, self.classLimit) = (code, section, point, approvedClasses, classLimit)
    }

    /// 核定招生数: the approved intake of the entry grade.
    public var approvedIntake: Int { approvedClasses * classLimit }
    /// Seats over all grades of the section.
    public var capacity: Int { approvedIntake * section.grades.count }
}

/// Past enrolment of one grade of one school (in-school records), used to fit entry and progression ratios.
public struct EnrolmentRecord: Sendable, Equatable {
    public var school: String
    public var year: Int
    public var grade: Int
    public var pupils: Int
    public init(school: String, year: Int, grade: Int, pupils: Int) {
        (self.school, self.year, self.grade, self.pupils) = (school, year, grade, pupils)
    }
}

/// Everything the seats capability reads for one county: units, children, housing, schools, optional adjacency and travel.
public struct SeatsCounty: Sendable {
    /// The year of the children records' as-of date; forecasts start with the school year beginning that autumn.
    public var asOfYear: Int
    public var units: [PlanningUnit]
    public var children: [ChildCohort]
    public var housing: [HousingProject]
    public var schools: [SeatSchool]
    public var enrolment: [EnrolmentRecord]
    /// Neighbour pairs from an adjacency file (nil: derive from geometry or a Delaunay graph).
    public var adjacency: [(String, String)]?
    /// Road metres unit → school from a travel file (nil: great-circle metres).
    public var travel: [String: [String: Double]]?

    public init(asOfYear: Int, units: [PlanningUnit], children: [ChildCohort], housing: [HousingProject] = [], schools: [SeatSchool],
                enrolment: [EnrolmentRecord] = [], adjacency: [(String, String)]? = nil, travel: [String: [String: Double]]? = nil) {
        self.asOfYear = asOfYear
        self.units = units
        self.children = children
        self.housing = housing
        self.schools = schools
        self.enrolment = enrolment
        self.adjacency = adjacency
        self.travel = travel
    }

    /// The schools of one section.
    public func schools(of section: SeatSection) -> [SeatSchool] { schools.filter { $0.section == section } }
}
