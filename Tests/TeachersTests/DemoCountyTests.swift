import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Testing
@testable import Teachers

@Suite("The demo county: register, derived figures, rotation")
struct DemoCountyTests {
    static func demo() throws -> (records: [StatisticsRecord], register: TeacherRegister, planted: [String]) {
        let records = DemoCounty.records(county: 1, schools: 60, seed: 2017)
        let demo = TeacherDemo.register(for: records, year: 2026, seed: 2017, planted: 3)
        var csv = CSVWriter()
        csv.append(demo.header)
        for r in demo.rows { csv.append(r) }
        // Through the CSV and both importers, as `junheng teachers derive` reads them.
        let register = try TeacherRegisterImporter.parse(data: Data(csv.text.utf8), file: "名册.csv", key: IDNumberKey(bytes: Array("demo-key-0123456789".utf8))!)
        let statistics = try StatisticsImporter.importData(Array(TemplateWriter.csv(records).utf8))
        return (statistics.records, register, demo.planted)
    }

    @Test("derived figures match the statistics except the three planted differences, each one fewer in the register")
    func plantedOnly() throws {
        let d = try Self.demo()
        #expect(d.planted.count == 3)
        let c = TeacherFigures.compare(d.register, with: d.records)
        #expect(c.differences.count == 3)
        #expect(c.differences.allSatisfy { $0.kind == .differs && $0.derived.map(Double.init) == $0.statistics.map { $0 - 1 } })
        #expect(Set(c.differences.map(\.field)) == ["backbone_teachers", "teachers_above_required_degree", "pe_art_teachers"])
        for diff in c.differences { #expect(d.planted.contains { $0.hasPrefix(diff.schoolCode) && $0.contains(diff.field) }) }
        // Without planted differences there are none.
        let records = DemoCounty.records(county: 1, schools: 60, seed: 2017)
        let clean = TeacherDemo.register(for: records, year: 2026, seed: 2017, planted: 0)
        var csv = CSVWriter()
        csv.append(clean.header)
        for r in clean.rows { csv.append(r) }
        let register = try TeacherRegisterImporter.parse(data: Data(csv.text.utf8), file: "r.csv", key: IDNumberKey.random())
        #expect(TeacherFigures.compare(register, with: d.records).differences.isEmpty)
    }

    @Test("the demo county's rotation meets 10% / 20%, is proven optimal, and no school is made to fail (independent check)")
    func rotation() throws {
        let d = try Self.demo()
        let problem = RotationProblem(register: d.register, records: d.records, standard: BuiltInStandards.youzhi2017, year: 2026)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal)
        #expect(plan.exchanged >= Int((Double(plan.eligible.count) * 0.1).rounded(.up)))
        #expect(Double(plan.backboneExchanged) >= 0.2 * Double(plan.exchanged))
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }
}
