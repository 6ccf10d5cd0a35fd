import Accreditation
import EquityKit

/// A complete synthetic assessment package for a demo county: not yet eligible (a few failed items), or eligible.
public enum DemoAssessment {
    /// The package for `county`. Not eligible: the demo statistics as they are (资源配置, school size, class size fail)
    /// plus a low teacher-exchange rate, two schools short of certified teachers and one short of training funds.
    /// Eligible: the same county's schools brought up to every standard.
    public static func input(county: Int, schools: Int = 60, seed: UInt64 = 2017, eligible: Bool) -> AssessmentInput {
        var rng = SeededGenerator(seed: seed &+ 11 &+ UInt64(truncatingIfNeeded: county))
        var records = DemoCounty.records(county: county, schools: schools, seed: seed)
        if eligible { records = upToStandard(records, rng: &rng) }
        var assessed: [AssessedRecord] = []
        var facts: [String: SchoolFacts] = [:]
        var rooms: [SpecialRoom] = []
        var seen = Set<String>()
        var regularIndex = 0
        for rec in records {
            var r = rec
            let first = seen.insert(rec.schoolCode).inserted
            let teachers = r.quantities[.teachers] ?? 0
            let regular = first && rec.schoolType != .teachingPoint && rec.schoolType != .specialEducation
            if regular { regularIndex += 1 }
            // Two schools short of certified teachers in the not-eligible county.
            let uncertified = !eligible && regular && (regularIndex == 2 || regularIndex == 5) ? 1.0 : 0
            r.quantities[.certifiedTeachers] = max(0, teachers - uncertified)
            // A 合计 row's largest class must be placeable in a section for G5 to judge it; keep the package complete.
            if rec.section == .combined, let largest = r.quantities[.maxClassSize] { r.quantities[.maxClassSize] = min(largest, 45) }
            let students = rec.section == .combined ? (rec.sectionStudents.map { $0.primary + $0.junior } ?? rec.students) : rec.students
            let juniorShare = rec.section == .single(.junior) ? 1.0 : rec.section == .combined ? 0.5 : 0
            let entrants = max(0, Int((Double(students) / (juniorShare == 1 ? 3 : 6)).rounded()))
            let inside = rec.section == .single(.junior) ? entrants - entrants / 40 : entrants
            assessed.append(AssessedRecord(r, newEntrants: entrants, newEntrantsInCatchment: inside, teachers360h: Int(teachers)))
            guard first else { continue }
            let budget = (Double(students) * rng.uniform(900...1300)).rounded()
            let shortOfTraining = !eligible && regular && regularIndex == 3
            facts[rec.schoolCode] = SchoolFacts(
                boarding: rec.location == .rural && rec.schoolType == .junior, publicSchool: true,
                approvedPublicFunds: rec.schoolType == .specialEducation ? Double(students) * 6500
                    : max(Double(students), 100) * (rec.section == .single(.junior) ? 1000 : 800),
                publicFundsBudget: budget, trainingBudget: (budget * (shortOfTraining ? 0.042 : rng.uniform(0.055...0.08))).rounded(),
                moralRating: rng.chance(0.4) ? .excellent : .good)
        }
        // Rooms: enough of each kind for every school, of standard size.
        var classes: [String: Double] = [:]
        for r in records { classes[r.schoolCode, default: 0] += r.quantities[.classes] ?? 0 }
        for code in records.map(\.schoolCode).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let needed = max(1, Int(((classes[code] ?? 0) / 12).rounded(.up)))
            for _ in 0..<needed {
                rooms.append(SpecialRoom(schoolCode: code, kind: .music, areaM2: rng.uniform(96...130).rounded()))
                rooms.append(SpecialRoom(schoolCode: code, kind: .art, areaM2: rng.uniform(90...120).rounded()))
            }
        }
        let juniorGraduates = 3200.0
        let county: [CountyKey: Double] = [
            .applicationYear: 2026, .basicBalanceYear: 2016, .baseFundsPrimary: 800, .baseFundsJunior: 1000,
            .provinceBaseFundsPrimary: 720, .provinceBaseFundsJunior: 940, .teacherAvgPay: 128_400, .civilServantAvgPay: 126_900,
            .performancePayFullyApproved: 1, .rotationEligible: 860, .rotationExchanged: eligible ? 103 : 75,
            .rotationBackboneExchanged: eligible ? 24 : 18, .qualityHighSchoolPlan: 2400, .quotaPlaces: 1320, .quotaPlacesRural: 560,
            .juniorGraduates: juniorGraduates, .juniorGraduatesRural: 1260, .migrantChildrenEligible: 5120, .migrantInPublic: 4310,
            .migrantInPurchased: 380, .cohortGrade7Enrolment: 3350, .cohortGraduates: 3230, .cohortTransfersIn: 96,
            .cohortTransfersOut: 112, .cohortDeaths: 3, .disabledChildren: 212, .disabledEnrolled: 178, .disabledHomeTaught: 28,
            .recognitionOfficialPct: eligible ? 91.4 : 86.2, .recognitionPresurveyPct: eligible ? 89.0 : 84.1,
        ]
        let monitoring = [("数学", 3, 0.11), ("语文", 3, 0.09), ("科学", 3, 0.13), ("体育与健康", 4, 0.08), ("艺术", 3, 0.12), ("德育", 3, 0.07)]
            .map { MonitoringResult(subject: $0.0, level: $0.1, betweenSchoolRate: $0.2) }
        let reviews = AssessmentItems.reviewableKeys.map {
            ReviewVerdict(key: $0, passed: true, reviewer: "县督导室", comment: "材料齐全，符合要求")
        }
        let vetoes = AssessmentItems.vetoKeys.map { VetoDeclaration(key: $0, present: false, explanation: "经自查，不存在该情形") }
        return AssessmentInput(statistics: assessed, schools: facts, rooms: rooms, county: county, monitoring: monitoring,
                               reviews: reviews, vetoes: vetoes)
    }

    /// Section rows (合计 rows split), school sizes within limits, classes of at most 42/48, and every resource
    /// indicator between 105% and 125% of its requirement.
    static func upToStandard(_ records: [StatisticsRecord], rng: inout SeededGenerator) -> [StatisticsRecord] {
        let standard = BuiltInStandards.youzhi2017
        let split = SectionSplitter.split(records, weights: standard.splitWeights)
        var out: [StatisticsRecord] = []
        for s in split.sections {
            let limit = s.schoolType == .nineYear || s.schoolType == .twelveYear ? 1200 : 1900
            let students = min(s.students, limit)
            var q = s.quantities
            // Apportioned shares of a 合计 row are fractional; the template takes whole counts.
            for k in Quantity.allCases { q[k] = q[k].map { $0.rounded() } }
            let size = s.section == .primary ? 42.0 : 48.0
            q[.classes] = max(q[.classes] ?? 1, (Double(students) / size).rounded(.up))
            q[.maxClassSize] = min(q[.maxClassSize] ?? size, size)
            for indicator in standard.indicators {
                guard let requirement = indicator.requirement?[s.section] else { continue }
                let amount = requirement * rng.uniform(1.05...1.25) * Double(students) / indicator.perStudents
                q[indicator.numerator] = amount.rounded(.up)
            }
            let subsets = Quantity.teacherSubsets.compactMap { q[$0] }.max() ?? 0
            q[.teachers] = max(q[.teachers] ?? 0, subsets, (Double(students) / 16).rounded(.up))
            q[.certifiedTeachers] = q[.teachers]
            out.append(StatisticsRecord(row: 0, schoolCode: s.schoolCode, schoolName: s.schoolName, schoolType: s.schoolType,
                                        section: .single(s.section), location: s.location, parentSchoolCode: s.parentSchoolCode,
                                        students: students, quantities: q))
        }
        return out
    }
}
