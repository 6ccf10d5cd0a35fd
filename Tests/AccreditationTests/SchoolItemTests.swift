import EquityKit
import Testing
@testable import Accreditation

/// Per-school items against hand-computed values at every boundary.
@Suite struct SchoolItemTests {
    @Test func classSizeAtExactly45And50() {
        #expect(status(assess(adding(section("X", maxClass: 45))), "G5") == .passed)
        let a = assess(adding(section("X", maxClass: 46)))
        #expect(a.item("G5")?.status == .failed)
        #expect(a.item("G5")?.failingSchools == ["X"])
        #expect(a.item("G5")?.value == 46 && a.item("G5")?.threshold == 45)
        #expect(status(assess(adding(section("X", type: .junior, section: .junior, maxClass: 50))), "G5") == .passed)
        #expect(status(assess(adding(section("X", type: .junior, section: .junior, maxClass: 51))), "G5") == .failed)
        // Missing: pending, never failed.
        let m = assess(adding(section("X", maxClass: nil)))
        #expect(m.item("G5")?.status == .pending)
        #expect(m.item("G5")?.missing.first?.field == "statistics.max_class_size")
    }

    @Test func combinedRowClassSizeIsPlacedOnlyWhenItCanBe() {
        func combined(_ largest: Double) -> StatisticsRecord {
            var r = section("N", type: .nineYear, students: 900, maxClass: largest)
            r.section = .combined
            r.sectionStudents = SectionStudents(primary: 500, junior: 400)
            return r
        }
        #expect(school(assess(adding(combined(45))), "G5", "N")?.status == .passed)
        #expect(school(assess(adding(combined(48))), "G5", "N")?.status == .pending)   // could be a 48-pupil junior class
        #expect(school(assess(adding(combined(51))), "G5", "N")?.status == .failed)
    }

    @Test func schoolSize() {
        #expect(school(assess(adding(section("X", students: 2000))), "G4", "X")?.status == .passed)
        #expect(school(assess(adding(section("X", students: 2001))), "G4", "X")?.status == .failed)
        var nine = section("N", type: .nineYear, students: 1300)
        var junior = section("N", type: .nineYear, section: .junior, students: 1200, row: 7)
        #expect(school(assess(adding(nine).appending(junior)), "G4", "N")?.status == .passed)      // 2500
        junior.students = 1201
        nine.row = 6
        #expect(school(assess(adding(nine).appending(junior)), "G4", "N")?.value == 2501)
        #expect(school(assess(adding(nine).appending(junior)), "G4", "N")?.status == .failed)
    }

    @Test func specialSchoolFundsAtExactly6000() {
        let special = section("SE", type: .specialEducation, students: 100, classes: 10, maxClass: 12, teachers: 30, certified: 30)
        let exact = adding(special, facts: SchoolFacts(approvedPublicFunds: 600_000, publicFundsBudget: 600_000, trainingBudget: 40_000, moralRating: .good))
        let a = assess(exact)
        #expect(school(a, "G7", "SE")?.value == 6000)
        #expect(a.item("G7")?.status == .passed)
        var below = exact
        below.schools["SE"]?.approvedPublicFunds = 599_999
        #expect(status(assess(below), "G7") == .failed)
        var rules = AccreditationRules.national
        rules.parameters["G7"]?["min_funds_per_student_yuan"] = .number(8000)
        #expect(status(assess(exact, rules: rules), "G7") == .failed)
        // Listed for G7, left out of G4/G5 and of the 资源配置 CV.
        #expect(school(a, "G5", "SE") == nil && school(a, "G4", "SE") == nil)
        #expect(a.resources?.schools.first { $0.school.schoolCode == "SE" }?.included == false)
        // No special school at all: G7 has nothing to judge.
        #expect(assess(goodInput()).item("G7")?.schools.isEmpty == true)
    }

    @Test func musicAndArtRooms() {
        // 24 classes → 2 rooms of each kind; 89.9 m² is not an art room of standard size.
        var i = goodInput()
        i.rooms?.removeAll { $0.schoolCode == "P1" }
        i.rooms? += [SpecialRoom(schoolCode: "P1", kind: .music, areaM2: 96), SpecialRoom(schoolCode: "P1", kind: .music, areaM2: 96),
                     SpecialRoom(schoolCode: "P1", kind: .art, areaM2: 90), SpecialRoom(schoolCode: "P1", kind: .art, areaM2: 89.9)]
        let a = assess(i)
        #expect(school(a, "G3", "P1")?.status == .failed)
        #expect(school(a, "G3", "P1")?.value == 1 && school(a, "G3", "P1")?.threshold == 2)
        i.rooms?.append(SpecialRoom(schoolCode: "P1", kind: .art, areaM2: 91))
        #expect(school(assess(i), "G3", "P1")?.status == .passed)
        // 25 classes need 3.
        i.statistics[0].record.quantities[.classes] = 25
        #expect(school(assess(i), "G3", "P1")?.threshold == 3)
        #expect(school(assess(i), "G3", "P1")?.status == .failed)
        i.rooms = nil
        #expect(status(assess(i), "G3") == .pending)
        #expect(assess(i).item("G3")?.missing.contains { $0.field == "rooms" } == true)
    }

    @Test func smallRuralSchoolFunds() {
        // 80 students, base 800 → at least 100 × 800 = 80,000.
        let small = section("V", location: .rural, students: 80, classes: 6, maxClass: 15, teachers: 10, certified: 10)
        let exact = adding(small, facts: SchoolFacts(approvedPublicFunds: 80_000, publicFundsBudget: 80_000, trainingBudget: 4_000, moralRating: .good))
        #expect(school(assess(exact), "G6", "V")?.threshold == 80_000)
        #expect(status(assess(exact), "G6") == .passed)
        var below = exact
        below.schools["V"]?.approvedPublicFunds = 79_999
        #expect(status(assess(below), "G6") == .failed)
        below.schools["V"]?.approvedPublicFunds = nil
        #expect(status(assess(below), "G6") == .pending)
        // 100 students is not "fewer than 100": not concerned.
        let hundred = adding(section("V", location: .rural, students: 100, classes: 6, maxClass: 17, teachers: 10, certified: 10))
        #expect(school(assess(hundred), "G6", "V") == nil)
    }

    @Test func trainingAndCertificationAtOneHundredPercent() {
        #expect(school(assess(adding(section("X", teachers: 50, certified: 50), trained: 50)), "G9", "X")?.status == .passed)
        #expect(school(assess(adding(section("X", teachers: 50, certified: 50), trained: 49)), "G9", "X")?.status == .failed)
        #expect(school(assess(adding(section("X", teachers: 50, certified: 49))), "G12", "X")?.value == 0.98)
        #expect(school(assess(adding(section("X", teachers: 50, certified: 49))), "G12", "X")?.status == .failed)
        #expect(school(assess(adding(section("X", teachers: 50, certified: nil))), "G12", "X")?.status == .pending)
    }

    @Test func catchmentAdmission() {
        #expect(school(assess(adding(section("X"), entrants: (120, 120))), "G13", "X")?.status == .passed)
        #expect(school(assess(adding(section("X"), entrants: (120, 119))), "G13", "X")?.status == .failed)
        let junior = section("Y", type: .junior, section: .junior, maxClass: 48)
        #expect(school(assess(adding(junior, entrants: (100, 95))), "G13", "Y")?.status == .passed)   // exactly 95%
        #expect(school(assess(adding(junior, entrants: (100, 94))), "G13", "Y")?.status == .failed)
        // Boarding, private and rural schools are outside the item.
        let boarding = SchoolFacts(boarding: true, publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .good)
        #expect(school(assess(adding(junior, facts: boarding, entrants: (100, 50))), "G13", "Y") == nil)
        let privateSchool = SchoolFacts(publicSchool: false, publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .good)
        #expect(school(assess(adding(junior, facts: privateSchool, entrants: (100, 50))), "G13", "Y") == nil)
        #expect(school(assess(adding(section("Z", location: .rural), entrants: (100, 50))), "G13", "Z") == nil)
    }

    @Test func trainingBudgetPerSchoolNotCountyAverage() {
        // Exactly 5% passes.
        let five = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 5_000, moralRating: .good)
        #expect(school(assess(adding(section("X"), facts: five)), "Q4", "X")?.status == .passed)
        // 4.999% fails although the county's total (6% elsewhere) is above 5%.
        let low = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 4_999, moralRating: .good)
        let a = assess(adding(section("X"), facts: low))
        #expect(a.item("Q4")?.status == .failed)
        #expect(a.item("Q4")?.failingSchools == ["X"])
        let missing = SchoolFacts(publicFundsBudget: 100_000, moralRating: .good)
        #expect(status(assess(adding(section("X"), facts: missing)), "Q4") == .pending)
    }

    @Test func moralRatingAndCharterVerdicts() {
        let adequate = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .adequate)
        #expect(school(assess(adding(section("X"), facts: adequate)), "Q6", "X")?.status == .failed)
        let excellent = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000, moralRating: .excellent)
        #expect(school(assess(adding(section("X"), facts: excellent)), "Q6", "X")?.status == .passed)
        let none = SchoolFacts(publicFundsBudget: 100_000, trainingBudget: 6_000)
        #expect(school(assess(adding(section("X"), facts: none)), "Q6", "X")?.status == .pending)
        // Q3: the county-level verdict covers every school; a school's own verdict overrides it.
        var i = goodInput()
        i.reviews.append(ReviewVerdict(key: "Q3", schoolCode: "P2", passed: false, reviewer: "市", comment: "章程未经审核"))
        let a = assess(i)
        #expect(a.item("Q3")?.failingSchools == ["P2"])
        #expect(school(a, "Q3", "P1")?.status == .passed)
        i.reviews.removeAll { $0.key == "Q3" && $0.schoolCode == nil }
        #expect(school(assess(i), "Q3", "P1")?.status == .pending)
    }

    @Test func resourcesItemUsesTheEvaluation() {
        // One school far below: 1 of 7 met → fails the school rule.
        var i = goodInput()
        var q = Quantities()
        q[.classes] = 20; q[.teachers] = 40; q[.degreeTeachers] = 1; q[.backboneTeachers] = 0; q[.peArtTeachers] = 0
        q[.teachingAuxArea] = 100; q[.sportsArea] = 100; q[.equipmentValue] = 1000; q[.multimediaClassrooms] = 1; q[.maxClassSize] = 40
        q[.certifiedTeachers] = 40
        i.statistics.append(AssessedRecord(StatisticsRecord(row: 9, schoolCode: "BAD", schoolName: "差校", schoolType: .primary,
                                                            section: .single(.primary), location: .rural, students: 800, quantities: q),
                                           newEntrants: 1, newEntrantsInCatchment: 1, teachers360h: 40))
        let a = assess(i)
        #expect(a.item("R")?.status == .failed)
        #expect(a.item("R")?.failingSchools == ["BAD"])
        #expect(a.resources?.passed == false)
        // A missing required quantity: pending with the rows.
        var j = goodInput()
        j.statistics[0].record.quantities[.sportsArea] = nil
        #expect(status(assess(j), "R") == .pending)
        #expect(assess(j).item("R")?.missing.first?.field == "statistics.sports_area_m2")
    }
}

extension AssessmentInput {
    func appending(_ r: StatisticsRecord) -> AssessmentInput {
        var c = self
        c.statistics.append(AssessedRecord(r, newEntrants: 100, newEntrantsInCatchment: 100, teachers360h: Int(r.quantities[.teachers] ?? 0)))
        return c
    }
}

/// Provincial relaxations of G3 and G4: off in the national default, each tied to a flag on the school.
@Suite struct RelaxationTests {
    func relaxed(_ item: String) -> AccreditationRules {
        var rules = AccreditationRules.national
        rules.parameters[item]?["relaxations"] = .flag(true)
        return rules
    }

    func roomsOnly(_ area: (Double, Double), facts: SchoolFacts = SchoolFacts(), location: Location = .urban, maxClass: Double = 42) -> AssessmentInput {
        // One 12-class school: one music and one art room needed.
        let r = section("X", location: location, classes: 12, maxClass: maxClass)
        return AssessmentInput(statistics: [AssessedRecord(r)], schools: ["X": facts],
                               rooms: [SpecialRoom(schoolCode: "X", kind: .music, areaM2: area.0), SpecialRoom(schoolCode: "X", kind: .art, areaM2: area.1)])
    }

    @Test func roomAreas() {
        let legacy = SchoolFacts(plannedBy2016: true)
        // 73 / 67 m²: enough only for a school planned by 2016, and only where the province relaxes.
        #expect(status(assess(roomsOnly((73, 67), facts: legacy)), "G3") == .failed)
        #expect(status(assess(roomsOnly((73, 67), facts: legacy), rules: relaxed("G3")), "G3") == .passed)
        #expect(status(assess(roomsOnly((73, 67)), rules: relaxed("G3")), "G3") == .failed)
        #expect(status(assess(roomsOnly((72.9, 67), facts: legacy), rules: relaxed("G3")), "G3") == .failed)
        // A rural primary school whose largest class is 29 (< 30): 54 m²; with a class of 30 it is not small.
        #expect(status(assess(roomsOnly((54, 54), location: .rural, maxClass: 29), rules: relaxed("G3")), "G3") == .passed)
        #expect(status(assess(roomsOnly((54, 54), location: .rural, maxClass: 30), rules: relaxed("G3")), "G3") == .failed)
    }

    @Test func schoolSizeLimits() {
        func one(_ students: Int, facts: SchoolFacts = SchoolFacts(), migrants: Double? = nil) -> AssessmentInput {
            var r = section("X", students: students)
            r.quantities[.migrantStudents] = migrants
            return AssessmentInput(statistics: [AssessedRecord(r)], schools: ["X": facts])
        }
        #expect(status(assess(one(2400, facts: SchoolFacts(builtBy2010: true))), "G4") == .failed)
        #expect(status(assess(one(2400, facts: SchoolFacts(builtBy2010: true)), rules: relaxed("G4")), "G4") == .passed)
        #expect(status(assess(one(2401, facts: SchoolFacts(builtBy2010: true)), rules: relaxed("G4")), "G4") == .failed)
        // More than half migrant children: 1201 of 2400 qualifies, exactly 1200 does not.
        #expect(status(assess(one(2400, migrants: 1201), rules: relaxed("G4")), "G4") == .passed)
        #expect(status(assess(one(2400, migrants: 1200), rules: relaxed("G4")), "G4") == .failed)
    }
}
