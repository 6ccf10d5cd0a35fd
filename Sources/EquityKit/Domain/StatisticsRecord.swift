/// Students of each section of a multi-section school, as stated on its 合计 row.
public struct SectionStudents: Sendable, Equatable {
    public var primary: Int
    public var junior: Int
    /// 高中: only used to split facilities; the senior part itself is out of scope.
    public var senior: Int

    public init(primary: Int, junior: Int, senior: Int = 0) {
        self.primary = primary
        self.junior = junior
        self.senior = senior
    }

    /// Students of a compulsory section.
    public subscript(section: Section) -> Int { section == .primary ? primary : junior }
}

/// One data row of a county's statistics: a school section, or a 合计 row of a multi-section school.
public struct StatisticsRecord: Sendable, Equatable {
    /// Row number as the spreadsheet numbers it (header = 1); 0 when not from a file.
    public var row: Int
    public var schoolCode: String
    public var schoolName: String
    public var schoolType: SchoolType
    public var section: RecordSection
    public var location: Location
    /// 所属学校标识码: for a 教学点, the school it belongs to.
    public var parentSchoolCode: String?
    /// 在校生数: students of this row (all compulsory sections on a 合计 row).
    public var students: Int
    /// Per-section students; required on 合计 rows.
    public var sectionStudents: SectionStudents?
    public var quantities: Quantities

    public init(row: Int = 0, schoolCode: String, schoolName: String, schoolType: SchoolType,
                section: RecordSection, location: Location, parentSchoolCode: String? = nil,
                students: Int, sectionStudents: SectionStudents? = nil, quantities: Quantities = Quantities()) {
        self.row = row
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.schoolType = schoolType
        self.section = section
        self.location = location
        self.parentSchoolCode = parentSchoolCode
        self.students = students
        self.sectionStudents = sectionStudents
        self.quantities = quantities
    }
}

/// One school's section as evaluated: a section row, or a share of a split 合计 row.
public struct SchoolSection: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String
    public var schoolType: SchoolType
    public var section: Section
    public var location: Location
    public var parentSchoolCode: String?
    public var students: Int
    public var quantities: Quantities
    /// Row of the file the values come from.
    public var sourceRow: Int
    /// True when the values were apportioned from a 合计 row.
    public var apportioned: Bool

    public init(schoolCode: String, schoolName: String, schoolType: SchoolType, section: Section,
                location: Location, parentSchoolCode: String? = nil, students: Int,
                quantities: Quantities, sourceRow: Int = 0, apportioned: Bool = false) {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.schoolType = schoolType
        self.section = section
        self.location = location
        self.parentSchoolCode = parentSchoolCode
        self.students = students
        self.quantities = quantities
        self.sourceRow = sourceRow
        self.apportioned = apportioned
    }
}
