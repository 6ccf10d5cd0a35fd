@testable import Accreditation
import EquityKit

/// A school section whose seven resource indicators sit at 110% of the youzhi-2017 requirement (so it passes 资源配置).
func section(_ code: String, _ name: String = "", type: SchoolType = .primary, section: Section = .primary, location: Location = .urban,
             students: Int = 1000, classes: Double = 24, maxClass: Double? = 42, teachers: Double = 70, certified: Double? = 70,
             row: Int = 2) -> StatisticsRecord {
    let junior = section == .junior
    let n = Double(students) * 1.1
    var q = Quantities()
    q[.classes] = classes
    q[.maxClassSize] = maxClass
    q[.teachers] = teachers
    q[.certifiedTeachers] = certified
    q[.degreeTeachers] = (n * (junior ? 5.3 : 4.2) / 100).rounded(.up)
    q[.backboneTeachers] = (n * 1.0 / 100).rounded(.up)
    q[.peArtTeachers] = (n * 0.9 / 100).rounded(.up)
    q[.teachingAuxArea] = (n * (junior ? 5.8 : 4.5)).rounded(.up)
    q[.sportsArea] = (n * (junior ? 10.2 : 7.5)).rounded(.up)
    q[.equipmentValue] = (n * (junior ? 2500 : 2000)).rounded(.up)
    q[.multimediaClassrooms] = (n * (junior ? 2.4 : 2.3) / 100).rounded(.up)
    return StatisticsRecord(row: row, schoolCode: code, schoolName: name.isEmpty ? "学校" + code : name, schoolType: type,
                            section: .single(section), location: location, students: students, quantities: q)
}

/// Every county figure of a county that meets every county-level rule, as hand-checked in the comments.
let goodCounty: [CountyKey: Double] = [
    .applicationYear: 2026, .basicBalanceYear: 2020,                       // 6 years ≥ 3
    .baseFundsPrimary: 800, .baseFundsJunior: 1000, .provinceBaseFundsPrimary: 700, .provinceBaseFundsJunior: 900,
    .teacherAvgPay: 120_000, .civilServantAvgPay: 110_000, .performancePayFullyApproved: 1,
    .rotationEligible: 100, .rotationExchanged: 12, .rotationBackboneExchanged: 3,   // 12%, 25%
    .qualityHighSchoolPlan: 1000, .quotaPlaces: 600, .quotaPlacesRural: 300,          // 60%; rural 50% ≥ 40%
    .juniorGraduates: 1000, .juniorGraduatesRural: 400,
    .migrantChildrenEligible: 100, .migrantInPublic: 80, .migrantInPurchased: 10,     // 90%
    .cohortGrade7Enrolment: 500, .cohortGraduates: 490, .cohortTransfersIn: 5, .cohortTransfersOut: 5, .cohortDeaths: 0, // 98%
    .disabledChildren: 50, .disabledEnrolled: 49,                                       // 98%
    .recognitionOfficialPct: 90,
]

/// Verdicts 达标 on every item that takes one (county level).
let goodReviews = AssessmentItems.reviewableKeys.map { ReviewVerdict(key: $0, passed: true, reviewer: "市督导", comment: "符合") }
let noVetoes = AssessmentItems.vetoKeys.map { VetoDeclaration(key: $0, present: false) }
let goodMonitoring = [MonitoringResult(subject: "数学", level: 3, betweenSchoolRate: 0.12), MonitoringResult(subject: "语文", level: 4, betweenSchoolRate: 0.1)]

/// A complete, eligible county: two primary and two junior schools, all rules met.
func goodInput() -> AssessmentInput {
    let records = [section("P1", row: 2), section("P2", location: .town, students: 800, classes: 20, teachers: 55, certified: 55, row: 3),
                   section("J1", type: .junior, section: .junior, students: 900, classes: 20, maxClass: 48, teachers: 80, certified: 80, row: 4),
                   section("J2", type: .junior, section: .junior, location: .town, students: 700, classes: 16, maxClass: 46, teachers: 65, certified: 65, row: 5)]
    var facts: [String: SchoolFacts] = [:]
    var rooms: [SpecialRoom] = []
    var assessed: [AssessedRecord] = []
    for r in records {
        facts[r.schoolCode] = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .good)
        let entrants = r.students / 6
        assessed.append(AssessedRecord(r, newEntrants: entrants, newEntrantsInCatchment: entrants, teachers360h: Int(r.quantities[.teachers] ?? 0)))
        for _ in 0..<2 {
            rooms.append(SpecialRoom(schoolCode: r.schoolCode, kind: .music, areaM2: 100))
            rooms.append(SpecialRoom(schoolCode: r.schoolCode, kind: .art, areaM2: 95))
        }
    }
    return AssessmentInput(statistics: assessed, schools: facts, rooms: rooms, county: goodCounty, monitoring: goodMonitoring,
                           reviews: goodReviews, vetoes: noVetoes)
}

func assess(_ input: AssessmentInput, rules: AccreditationRules = .national) -> Assessment {
    Assessor.assess(input, rules: rules)
}

/// The status of item `key`.
func status(_ a: Assessment, _ key: String) -> ItemStatus? { a.item(key)?.status }

extension AssessmentInput {
    /// A copy with `figure` set (nil removes it).
    func with(_ key: CountyKey, _ value: Double?) -> AssessmentInput {
        var c = self
        c.county[key] = value
        return c
    }
}

/// `base` with one extra school (and optional facts), rooms for it, entrants as given.
func adding(_ r: StatisticsRecord, facts: SchoolFacts? = nil, entrants: (Int, Int)? = nil, trained: Int? = nil) -> AssessmentInput {
    var i = goodInput()
    i.statistics.append(AssessedRecord(r, newEntrants: entrants?.0 ?? 100, newEntrantsInCatchment: entrants?.1 ?? 100,
                                       teachers360h: trained ?? Int(r.quantities[.teachers] ?? 0)))
    i.schools[r.schoolCode] = facts ?? SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .good)
    for _ in 0..<3 {
        i.rooms?.append(SpecialRoom(schoolCode: r.schoolCode, kind: .music, areaM2: 96))
        i.rooms?.append(SpecialRoom(schoolCode: r.schoolCode, kind: .art, areaM2: 90))
    }
    return i
}

func school(_ a: Assessment, _ key: String, _ code: String) -> SchoolItemResult? {
    a.item(key)?.schools.first { $0.schoolCode == code }
}
