import EquityKit
import Testing
@testable import Accreditation

/// The overall rule, veto precedence, the item table and the province override.
@Suite struct OverallAndRulesTests {
    @Test func itemTableHasEveryItemInOrder() {
        let keys = AssessmentItems.all.map(\.key)
        #expect(keys == ["E", "R"] + (1...15).map { "G\($0)" } + (1...9).map { "Q\($0)" } + ["S"] + (1...7).map { "V\($0)" })
        #expect(AssessmentItems.all.filter { $0.part == .government }.count == 15)
        #expect(AssessmentItems.all.filter { $0.part == .quality }.count == 9)
        // Every parameter table belongs to an item.
        for item in AccreditationRules.national.parameters.keys { #expect(AssessmentItems.item(item) != nil, "\(item)") }
        #expect(AssessmentItems.item("G7")?.grain == .school && AssessmentItems.item("G5")?.grain == .schoolSection)
        #expect(AssessmentItems.item("G2")?.kind == .both && AssessmentItems.item("G1")?.kind == .evidence)
    }

    func result(_ key: String, _ s: ItemStatus) -> ItemResult {
        ItemResult(definition: AssessmentItems.item(key)!, status: s, value: nil, threshold: nil, measures: [], schools: [],
                   missing: [], verdicts: [], notesZH: [], notesEN: [])
    }

    @Test func overallRule() {
        #expect(Assessment.overall([result("G1", .passed), result("G2", .passed)]) == .eligible)
        #expect(Assessment.overall([result("G1", .passed), result("G2", .pending)]) == .pending)
        #expect(Assessment.overall([result("G1", .failed), result("G2", .pending)]) == .notEligible)
        #expect(Assessment.overall([]) == .eligible)
    }

    @Test func vetoTakesPrecedenceOverPendingItems() {
        var i = goodInput()
        i.county = [:]                       // nearly everything pending
        i.vetoes = noVetoes.map { $0.key == "V3" ? VetoDeclaration(key: "V3", present: true, explanation: "设有重点班") : $0 }
        let a = assess(i)
        #expect(a.status == .notEligible)
        #expect(a.vetoesPresent == ["V3"])
        #expect(a.item("V3")?.status == .failed)
        #expect(a.item("V1")?.status == .passed)
        // An undeclared veto is pending.
        var j = goodInput()
        j.vetoes.removeAll { $0.key == "V6" }
        #expect(assess(j).item("V6")?.status == .pending)
        #expect(assess(j).status == .pending)
    }

    @Test func provinceOverride() throws {
        let v = RulesVariant(id: "zj-2020", base: "youzhi-2017", items: ["G7": ["min_funds_per_student_yuan": .number(8000)],
                                                                         "Q6": ["accepted_ratings": .list(["优秀"])]])
        let rules = try v.resolved()
        #expect(rules.number("G7", "min_funds_per_student_yuan") == 8000)
        #expect(rules.number("G5", "max_class_primary") == 45)      // untouched values derive from the national default
        #expect(rules.list("Q6", "accepted_ratings") == ["优秀"])
        #expect(rules.id == "zj-2020")
        #expect(status(assess(goodInput(), rules: rules), "Q6") == .failed)   // 良好 no longer enough
        #expect(throws: RulesVariantError.unknownBase("x")) { try RulesVariant(id: "a", base: "x", items: [:]).resolved() }
        #expect(throws: RulesVariantError.self) { try RulesVariant(id: "a", base: "youzhi-2017", items: ["G99": [:]]).resolved() }
        #expect(throws: RulesVariantError.self) {
            try RulesVariant(id: "a", base: "youzhi-2017", items: ["G7": ["minimum": .number(1)]]).resolved()
        }
        #expect(throws: RulesVariantError.wrongKind(item: "G14", name: "rural_tilt")) {
            try RulesVariant(id: "a", base: "youzhi-2017", items: ["G14": ["rural_tilt": .number(1)]]).resolved()
        }
        #expect(throws: RulesVariantError.outOfRange(item: "G7", name: "min_funds_per_student_yuan")) {
            try RulesVariant(id: "a", base: "youzhi-2017", items: ["G7": ["min_funds_per_student_yuan": .number(-1)]]).resolved()
        }
    }

    @Test func comparisonTolerance() {
        #expect(Comparison.atLeast.holds(0.1, 0.1))
        #expect(Comparison.atLeast.holds(7.0 / 70.0, 0.1))
        #expect(!Comparison.atLeast.holds(0.0999, 0.1))
        #expect(Comparison.atMost.holds(45, 45) && !Comparison.atMost.holds(46, 45))
        #expect(!Comparison.below.holds(0.15, 0.15) && Comparison.below.holds(0.1499, 0.15))
    }
}
