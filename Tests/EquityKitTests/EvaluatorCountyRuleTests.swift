import Testing
@testable import EquityKit

/// youzhi-2017 county rule: every indicator's weighted CV ≤ 0.50 (小学) / ≤ 0.45 (初中).
@Suite struct EvaluatorCountyRuleTests {
    /// Two schools of one section, 1000 students each; the second has `ratio` × the first's every quantity,
    /// so every indicator's CV is (ratio − 1)/(ratio + 1) by hand (equal weights, values r and ratio·r).
    static func pair(_ section: Section, ratio: Double, rows: Int) -> [StatisticsRecord] {
        let type: SchoolType = section == .primary ? .primary : .junior
        return [
            record(row: rows, code: "\(section.english)1", type: type, section: section, students: 1000,
                   youzhiAtRequirement(section)),
            record(row: rows + 1, code: "\(section.english)2", type: type, section: section, students: 1000,
                   youzhiAtRequirement(section, scale: ratio)),
        ]
    }

    @Test func limitsDifferBySection() throws {
        // ratio 2.8: CV = 1.8/3.8 = 0.47368… — within 0.50 for 小学, above 0.45 for 初中.
        let e = try Evaluator.evaluate(Self.pair(.primary, ratio: 2.8, rows: 2) + Self.pair(.junior, ratio: 2.8, rows: 4),
                                       standard: BuiltInStandards.youzhi2017)
        let primary = try #require(e.sections.first { $0.section == .primary })
        let junior = try #require(e.sections.first { $0.section == .junior })
        for ind in primary.indicators + junior.indicators {
            #expect(isClose(ind.cv.value, 1.8 / 3.8, relative: 1e-12), "\(ind.definition.key)")
            // Equal students: the unweighted CV is the same here.
            #expect(isClose(ind.cvUnweighted.value, 1.8 / 3.8, relative: 1e-12))
        }
        #expect(primary.indicators.allSatisfy { $0.passed && $0.cvLimit == 0.50 })
        #expect(junior.indicators.allSatisfy { !$0.passed && $0.cvLimit == 0.45 })
        #expect(primary.cvPassed && primary.passed && primary.schoolsFailing == 0)
        #expect(!junior.cvPassed && !junior.passed && junior.schoolsFailing == 0)
        #expect(!e.passed)
    }

    @Test func countyPassesWhenBothSectionsPass() throws {
        // 初中 ratio 2.6: CV = 1.6/3.6 = 0.444… ≤ 0.45.
        let e = try Evaluator.evaluate(Self.pair(.primary, ratio: 2.8, rows: 2) + Self.pair(.junior, ratio: 2.6, rows: 4),
                                       standard: BuiltInStandards.youzhi2017)
        let junior = try #require(e.sections.first { $0.section == .junior })
        #expect(junior.indicators.allSatisfy { isClose($0.cv.value, 1.6 / 3.6, relative: 1e-12) })
        #expect(junior.passed)
        #expect(e.passed)
    }

    @Test func primaryAboveLimitFails() throws {
        // ratio 3.1: CV = 2.1/4.1 = 0.512… > 0.50.
        let e = try Evaluator.evaluate(Self.pair(.primary, ratio: 3.1, rows: 2), standard: BuiltInStandards.youzhi2017)
        #expect(e.sections[0].indicators.allSatisfy { !$0.passed })
        #expect(!e.sections[0].cvPassed && !e.passed)
    }

    @Test func weightedNotUnweightedCVIsJudged() throws {
        // Three 小学: 1000 students at 1×, 1000 at 1×, 100 at 4× the requirement r.
        // Weighted: X̄ = (1000 + 1000 + 400)/2100 · r = 8/7 r; d = −1/7, −1/7, 20/7 (× r);
        //   Σ P d² = 2000/49 + 100·400/49 = 42000/49; S² = 20/49; CV = (√20/7)/(8/7) = √20/8 = 0.5590…
        // Unweighted: mean 2, S² = (1 + 1 + 4)/3 = 2, CV = √2/2 = 0.7071…
        var records = Self.pair(.primary, ratio: 1, rows: 2)
        records.append(record(row: 4, code: "big", section: .primary, students: 100,
                              youzhiAtRequirement(.primary, scale: 0.4)))
        let e = try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
        for ind in e.sections[0].indicators {
            #expect(isClose(ind.cv.value, (20.0).squareRoot() / 8, relative: 1e-12), "\(ind.definition.key)")
            #expect(isClose(ind.cvUnweighted.value, (2.0).squareRoot() / 2, relative: 1e-12))
            #expect(!ind.passed) // 0.559 > 0.50
        }
        // Equity statistics and drivers are attached: the 4× school drives the variance.
        let ind = e.sections[0].indicators[0]
        #expect(ind.drivers.first?.school == 2)
        // Its share: 100·(20/7)² / (42000/49) = (40000/49)/(42000/49) = 20/21.
        #expect(isClose(ind.drivers.first?.varianceShare, 20.0 / 21, relative: 1e-12))
        #expect(ind.equity?.maximum.value.map { isClose($0, 4 * 4.2, relative: 1e-12) } == true)
    }

    /// A CV that equals the limit exactly (by exact arithmetic) must pass "≤ 0.50".
    /// PE/art teachers 9 and 27 for 1000 students each: values 0.9 and 2.7 per 100, X̄ = 1.8, S = 0.9,
    /// CV = 0.9/1.8 = 1/2 exactly (python Fraction). All other indicators identical (CV 0).
    @Test func cvExactlyAtTheLimitPasses() throws {
        var q2 = youzhiAtRequirement(.primary)
        q2[.peArtTeachers] = 27
        let e = try Evaluator.evaluate([
            record(row: 2, code: "E1", section: .primary, students: 1000, youzhiAtRequirement(.primary)),
            record(row: 3, code: "E2", section: .primary, students: 1000, q2),
        ], standard: BuiltInStandards.youzhi2017)
        let pe = e.sections[0].indicators[2]
        let cv = pe.cv, indicatorPassed = pe.passed, countyPassed = e.passed
        #expect(isClose(cv.value, 0.5, relative: 1e-12))
        #expect(indicatorPassed, "CV \(cv) at limit 0.50 should pass (≤)")
        #expect(countyPassed)
    }

    @Test func cvExactlyAtLimitWithExactBinaryValues() throws {
        // Equipment 2000 and 6000 yuan per student: X̄ = 4000, S = 2000, CV = 0.5 exactly in binary too.
        var q2 = youzhiAtRequirement(.primary)
        q2[.equipmentValue] = 6_000_000
        let e = try Evaluator.evaluate([
            record(row: 2, code: "E1", section: .primary, students: 1000, youzhiAtRequirement(.primary)),
            record(row: 3, code: "E2", section: .primary, students: 1000, q2),
        ], standard: BuiltInStandards.youzhi2017)
        #expect(e.sections[0].indicators[5].cv == .value(0.5))
        #expect(e.sections[0].indicators[5].passed)
    }

    @Test func undefinedCVFailsTheIndicator() throws {
        // jiben-style zero: a variant of youzhi with 0 requirements and all schools reporting 0 multimedia rooms.
        var v = StandardVariant(base: "youzhi-2017", id: "zero-ok")
        v.requirements = ["multimedia_rooms_per100": PartialPerSection(primary: 0, junior: 0)]
        let standard = try v.resolved()
        var q = youzhiAtRequirement(.primary)
        q[.multimediaClassrooms] = 0
        let e = try Evaluator.evaluate([
            record(row: 2, code: "A", section: .primary, students: 1000, q),
            record(row: 3, code: "B", section: .primary, students: 500, q.mapValues { $0 / 2 }),
        ], standard: standard)
        let mm = e.sections[0].indicators[6]
        #expect(mm.cv == .undefined(.zeroMean))
        #expect(!mm.passed)
        #expect(e.schools.allSatisfy { $0.passed == true })
        #expect(!e.passed)
    }
}
