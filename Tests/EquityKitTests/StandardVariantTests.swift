import Foundation
import Testing
@testable import EquityKit

@Suite struct StandardVariantTests {
    static let youzhi = BuiltInStandards.youzhi2017

    static func resolveError(_ v: StandardVariant) -> StandardVariant.Problem? {
        do { _ = try v.resolved(); return nil } catch { return error }
    }

    @Test func strictLocalCVLimit() throws {
        var v = StandardVariant(base: "youzhi-2017", id: "zj-2025")
        v.cvLimit = PartialPerSection(primary: 0.30, junior: 0.30)
        v.strictlyBelow = true
        let s = try v.resolved()
        #expect(s.id == "zj-2025")
        #expect(s.derivedFrom == "youzhi-2017")
        #expect(s.countyRule.cvLimit == PerSection(primary: 0.30, junior: 0.30))
        #expect(s.countyRule.strictlyBelow)
        #expect(s.countyRule.kind == .everyIndicator)
        #expect(s.cvLimit(in: .primary) == 0.30 && s.cvLimit(in: .junior) == 0.30)
        #expect(!s.countyRule.accepts(0.30, in: .primary))
        #expect(s.countyRule.accepts(0.2999, in: .junior))
        // Everything else is the base's.
        #expect(s.indicators == Self.youzhi.indicators)
        #expect(s.schoolRule == Self.youzhi.schoolRule)
        #expect(s.scope == Self.youzhi.scope)
        #expect(s.splitWeights == Self.youzhi.splitWeights)
        #expect(s.nameZH == Self.youzhi.nameZH && s.basis == Self.youzhi.basis)
        // The built-in is untouched.
        #expect(BuiltInStandards.youzhi2017.countyRule.cvLimit == PerSection(primary: 0.50, junior: 0.45))
        #expect(!BuiltInStandards.youzhi2017.countyRule.strictlyBelow)
    }

    @Test func strictLimitChangesTheVerdict() throws {
        // Equipment 7000 and 13000 yuan per student (1000 students each): X̄ = 10000, S = 3000, CV = 0.3 exactly
        // (binary too). Passes youzhi-2017 (≤ 0.50), fails "< 0.30".
        var q2 = youzhiAtRequirement(.primary)
        q2[.equipmentValue] = 13_000_000
        var q1 = youzhiAtRequirement(.primary)
        q1[.equipmentValue] = 7_000_000
        let records = [record(row: 2, code: "A", section: .primary, students: 1000, q1),
                       record(row: 3, code: "B", section: .primary, students: 1000, q2)]
        var v = StandardVariant(base: "youzhi-2017", id: "zj-2025")
        v.cvLimit = PartialPerSection(primary: 0.30, junior: 0.30)
        v.strictlyBelow = true
        let strict = try Evaluator.evaluate(records, standard: try v.resolved())
        let base = try Evaluator.evaluate(records, standard: Self.youzhi)
        #expect(strict.sections[0].indicators[5].cv == .value(0.3))
        #expect(!strict.sections[0].indicators[5].passed && !strict.passed)
        #expect(base.passed)
        #expect(strict.standard.id == "zj-2025")
        // Not strict: 0.30 ≤ 0.30 passes.
        v.strictlyBelow = false
        #expect(try Evaluator.evaluate(records, standard: try v.resolved()).passed)
    }

    @Test func overrideOneRequirementForPrimaryOnly() throws {
        var v = StandardVariant(base: "youzhi-2017", id: "local-degree")
        v.requirements = ["degree_teachers_per100": PartialPerSection(primary: 4.5)]
        let s = try v.resolved()
        let degree = try #require(s.indicator("degree_teachers_per100"))
        #expect(degree.requirement == PerSection(primary: 4.5, junior: 5.3))
        // Other indicators and the CV rule unchanged.
        for (a, b) in zip(s.indicators, Self.youzhi.indicators) where a.key != "degree_teachers_per100" {
            #expect(a == b)
        }
        #expect(s.countyRule == Self.youzhi.countyRule)
        // Effect: 43 degree teachers / 1000 = 4.3 meets 4.2 but not 4.5.
        var q = youzhiAtRequirement(.primary)
        q[.degreeTeachers] = 43
        let records = [record(row: 2, code: "A", section: .primary, students: 1000, q)]
        #expect(try Evaluator.evaluate(records, standard: Self.youzhi).schools[0].met == 7)
        #expect(try Evaluator.evaluate(records, standard: s).schools[0].unmet == [0])
    }

    @Test func schoolRuleAndScopeOverrides() throws {
        var v = StandardVariant(base: "youzhi-2017", id: "strict-schools")
        v.minimumMet = 7
        v.floorRatio = 0.9
        v.teachingPointMinimumStudents = 30
        v.splitWeights = SplitWeights(nineYear: .init(primary: 1, junior: 1.2, senior: 0),
                                      completeSecondary: .init(primary: 0, junior: 1, senior: 1.3),
                                      twelveYear: .init(primary: 1, junior: 1.2, senior: 1.5))
        let s = try v.resolved()
        #expect(s.schoolRule == SchoolRule(minimumMet: 7, floorRatio: 0.9))
        #expect(s.scope.teachingPointMinimumStudents == 30)
        #expect(s.scope.excludedTypes == Self.youzhi.scope.excludedTypes)
        #expect(s.splitWeights.nineYear.junior == 1.2)
    }

    @Test func problems() {
        var unknownBase = StandardVariant(base: "youzhi-2099", id: "x")
        unknownBase.cvLimit = PartialPerSection(primary: 0.3)
        #expect(Self.resolveError(unknownBase) == .unknownBase("youzhi-2099"))

        var unknownIndicator = StandardVariant(base: "youzhi-2017", id: "x")
        unknownIndicator.requirements = ["books_per_student": PartialPerSection(primary: 30)] // a 2012 indicator
        #expect(Self.resolveError(unknownIndicator) == .unknownIndicator("books_per_student"))

        #expect(Self.resolveError(StandardVariant(base: "youzhi-2017", id: "")) == .invalidValue(field: "id", value: ""))

        var zeroLimit = StandardVariant(base: "youzhi-2017", id: "x")
        zeroLimit.cvLimit = PartialPerSection(junior: 0)
        #expect(Self.resolveError(zeroLimit) == .invalidValue(field: "cv_limit", value: "0.0"))
        zeroLimit.cvLimit = PartialPerSection(primary: -0.3)
        #expect(Self.resolveError(zeroLimit) == .invalidValue(field: "cv_limit", value: "-0.3"))
        zeroLimit.cvLimit = PartialPerSection(primary: .nan)
        #expect(Self.resolveError(zeroLimit) == .invalidValue(field: "cv_limit", value: "nan"))

        var minMet = StandardVariant(base: "youzhi-2017", id: "x")
        minMet.minimumMet = 8 // only 7 indicators
        #expect(Self.resolveError(minMet) == .invalidValue(field: "minimum_met", value: "8"))
        minMet.minimumMet = -1
        #expect(Self.resolveError(minMet) == .invalidValue(field: "minimum_met", value: "-1"))

        var floor = StandardVariant(base: "youzhi-2017", id: "x")
        floor.floorRatio = 1.5
        #expect(Self.resolveError(floor) == .invalidValue(field: "floor_ratio", value: "1.5"))

        var negative = StandardVariant(base: "youzhi-2017", id: "x")
        negative.requirements = ["sports_area_per_student": PartialPerSection(junior: -1)]
        #expect(Self.resolveError(negative) == .invalidValue(field: "requirements.sports_area_per_student", value: "-1.0"))

        var tp = StandardVariant(base: "youzhi-2017", id: "x")
        tp.teachingPointMinimumStudents = -5
        #expect(Self.resolveError(tp) == .invalidValue(field: "teaching_point_minimum_students", value: "-5"))

        // jiben-2012 has no school rule.
        var noRule = StandardVariant(base: "jiben-2012", id: "x")
        noRule.minimumMet = 6
        #expect(Self.resolveError(noRule) == .noSchoolRule)

        // A requirement added where the base has none needs both sections.
        var half = StandardVariant(base: "jiben-2012", id: "x")
        half.requirements = ["books_per_student": PartialPerSection(primary: 30)]
        #expect(Self.resolveError(half) == .invalidValue(field: "requirements.books_per_student", value: "needs 小学 and 初中"))
    }

    @Test func addRequirementToJiben() throws {
        var v = StandardVariant(base: "jiben-2012", id: "jiben-books")
        v.requirements = ["books_per_student": PartialPerSection(primary: 30, junior: 40)]
        let s = try v.resolved()
        #expect(s.indicator("books_per_student")?.requirement == PerSection(primary: 30, junior: 40))
        #expect(s.countyRule.kind == .compositeMean)
        #expect(s.schoolRule == nil)
    }

    @Test func resolvesAmongCustomStandards() throws {
        var custom = Self.youzhi
        custom.id = "my-base"
        let v = StandardVariant(base: "my-base", id: "derived")
        #expect(try v.resolved(among: [custom]).derivedFrom == "my-base")
        #expect(throws: StandardVariant.Problem.unknownBase("my-base")) { try v.resolved() }
    }

    @Test func problemDescriptionsAreBilingual() {
        let d = StandardVariant.Problem.unknownBase("abc").description
        #expect(d.contains("abc") && d.contains("youzhi-2017") && d.contains("jiben-2012"))
        #expect(StandardVariant.Problem.invalidValue(field: "cv_limit", value: "0.0").description.contains("cv_limit"))
    }

    // MARK: decoding

    @Test func decodeWithChineseSectionKeys() throws {
        let json = """
            {"base": "youzhi-2017", "id": "zj-2025", "name_zh": "浙江省标准",
             "cv_limit": {"小学": 0.30, "初中": 0.30}, "strictly_below": true,
             "requirements": {"degree_teachers_per100": {"小学": 4.5}},
             "minimum_met": 7, "floor_ratio": 0.9, "teaching_point_minimum_students": 40}
            """
        let v = try JSONDecoder().decode(StandardVariant.self, from: Data(json.utf8))
        #expect(v.base == "youzhi-2017" && v.id == "zj-2025" && v.nameZH == "浙江省标准")
        #expect(v.cvLimit == PartialPerSection(primary: 0.30, junior: 0.30))
        #expect(v.strictlyBelow == true)
        #expect(v.requirements?["degree_teachers_per100"] == PartialPerSection(primary: 4.5, junior: nil))
        #expect(v.minimumMet == 7 && v.floorRatio == 0.9 && v.teachingPointMinimumStudents == 40)
        let s = try v.resolved()
        #expect(s.countyRule == CountyRule(kind: .everyIndicator, cvLimit: PerSection(primary: 0.3, junior: 0.3), strictlyBelow: true))
        #expect(s.nameZH == "浙江省标准")
        #expect(s.indicator("degree_teachers_per100")?.requirement == PerSection(primary: 4.5, junior: 5.3))
    }

    @Test func decodeWithEnglishSectionKeys() throws {
        let json = #"{"base": "youzhi-2017", "id": "en", "cv_limit": {"primary": 0.4}}"#
        let v = try JSONDecoder().decode(StandardVariant.self, from: Data(json.utf8))
        #expect(v.cvLimit == PartialPerSection(primary: 0.4))
        let s = try v.resolved()
        #expect(s.countyRule.cvLimit == PerSection(primary: 0.4, junior: 0.45)) // junior keeps the base's 0.45
        // Mixed keys are fine too.
        let mixed = #"{"base": "youzhi-2017", "id": "m", "cv_limit": {"primary": 0.4, "初中": 0.35}}"#
        let m = try JSONDecoder().decode(StandardVariant.self, from: Data(mixed.utf8))
        #expect(m.cvLimit == PartialPerSection(primary: 0.4, junior: 0.35))
    }

    @Test func decodeRejectsUnknownSection() {
        let json = #"{"base": "youzhi-2017", "id": "x", "cv_limit": {"高中": 0.3}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StandardVariant.self, from: Data(json.utf8))
        }
        // base and id are required.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(StandardVariant.self, from: Data(#"{"id": "x"}"#.utf8))
        }
    }

    @Test func perSectionCodingRoundTrip() throws {
        // Full PerSection needs both sections; it encodes with the Chinese labels.
        let full = try JSONDecoder().decode(PerSection<Double>.self, from: Data(#"{"小学": 0.5, "junior": 0.45}"#.utf8))
        #expect(full == PerSection(primary: 0.5, junior: 0.45))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PerSection<Double>.self, from: Data(#"{"小学": 0.5}"#.utf8))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(full), as: UTF8.self)
        #expect(text.contains("\"小学\":0.5") && text.contains("\"初中\":0.45"))
        // A whole standard survives a JSON round trip.
        let data = try JSONEncoder().encode(BuiltInStandards.youzhi2017)
        #expect(try JSONDecoder().decode(Standard.self, from: data) == BuiltInStandards.youzhi2017)
    }

    @Test func splitWeightsUseSnakeCaseKeysLikeTheRestOfTheFile() throws {
        let json = #"{"base": "youzhi-2017", "id": "w", "split_weights": {"nine_year": {"primary": 1, "junior": 1.2, "senior": 0},"#
            + #" "complete_secondary": {"primary": 0, "junior": 1, "senior": 1.3}, "twelve_year": {"primary": 1, "junior": 1.2, "senior": 1.4}}}"#
        let s = try JSONDecoder().decode(StandardVariant.self, from: Data(json.utf8)).resolved()
        #expect(s.splitWeights.nineYear == StudentEquivalentWeights(primary: 1, junior: 1.2, senior: 0))
        #expect(s.splitWeights.twelveYear.senior == 1.4)
    }
}
