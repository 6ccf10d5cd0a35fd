import Accreditation
import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Testing

/// The assessment package importer: folder or workbook, all or nothing, every error located.
@Suite struct AssessmentImportTests {
    let dir: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-assess-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let statisticsHeader = Fixture.header + ",最大班额,是否寄宿制,招生数,划片内招生数,核定公用经费,完成5年360学时培训教师数,公用经费预算总额,教师培训经费预算,德育与校园文化评定"

    /// A folder with the given files (name → text); `gb18030` names files written in GB18030.
    func folder(_ files: [String: String], gb18030: Set<String> = []) throws -> String {
        let path = dir.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        for (name, text) in files {
            let bytes = gb18030.contains(name) ? (TextDecoding.gb18030(from: text) ?? []) : Array(text.utf8)
            try Data(bytes).write(to: path.appendingPathComponent(name))
        }
        return path.path
    }

    func statistics(_ rows: [String]) -> String { ([Self.statisticsHeader] + rows).joined(separator: "\n") + "\n" }

    static let p1 = Fixture.primaryRow("P1", name: "城关小学") + ",40,否,100,100,500000,30,500000,30000,良好"
    static let special = "SE,县特殊教育学校,特殊教育学校,特教,城区,100,10,30,29,5,4,3000,5000,1500000,12,12,否,20,20,650000,30,650000,40000,良好"

    func issues(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ImportIssue] {
        do {
            _ = try AssessmentImporter.importPackage(atPath: path)
            Issue.record("expected a rejection", sourceLocation: sourceLocation)
            return []
        } catch {
            guard case .invalid(let list) = error else { Issue.record("got \(error)", sourceLocation: sourceLocation); return [] }
            return list
        }
    }

    @Test func readsAFolderWithChineseNamesAndGB18030() throws {
        let path = try folder([
            "学校统计.csv": statistics([Self.p1, Self.special]),
            "county.csv": "项目,数值\n申报年份,2026\nbasic_balance_year,2020\nperformance_pay_fully_approved,是\nrecognition_official_pct,88.5\n",
            "专用教室.csv": "学校标识码,类型,面积\nP1,音乐,96\nP1,美术,90\n",
            "monitoring.csv": "科目,等级,校际差异率\n数学,Ⅲ,0.12\n语文,4,0.10\n",
            "reviews.csv": "项目,学校标识码,结论,评审人,意见\nG1,,达标,市督导,规划已批复\nQ3,P1,不达标,市督导,章程缺失\n",
            "vetoes.csv": "项目,是否存在,说明\nV1,否,无\nV3,是,设有重点班\n",
        ], gb18030: ["county.csv"])
        let imported = try AssessmentImporter.importPackage(atPath: path)
        let i = imported.input
        #expect(i.statistics.count == 2)
        #expect(i.county[.applicationYear] == 2026 && i.county[.performancePayFullyApproved] == 1 && i.county[.recognitionOfficialPct] == 88.5)
        #expect(i.rooms == [SpecialRoom(schoolCode: "P1", kind: .music, areaM2: 96), SpecialRoom(schoolCode: "P1", kind: .art, areaM2: 90)])
        #expect(i.monitoring == [MonitoringResult(subject: "数学", level: 3, betweenSchoolRate: 0.12), MonitoringResult(subject: "语文", level: 4, betweenSchoolRate: 0.1)])
        #expect(i.reviews.count == 2 && i.reviews[1] == ReviewVerdict(key: "Q3", schoolCode: "P1", passed: false, reviewer: "市督导", comment: "章程缺失"))
        #expect(i.vetoes.map(\.present) == [false, true])
        #expect(i.facts("P1") == SchoolFacts(boarding: false, publicSchool: true, approvedPublicFunds: 500_000, publicFundsBudget: 500_000,
                                              trainingBudget: 30_000, moralRating: .good))
        #expect(i.statistics[0].newEntrants == 100 && i.statistics[0].teachers360h == 30)
        // 特教: listed, used by G7 (650,000 / 100 = 6,500 ≥ 6,000), left out of the 资源配置 CV.
        #expect(i.statistics[1].record.schoolType == .specialEducation && i.statistics[1].sectionLabel == "特教")
        let a = Assessor.assess(i)
        #expect(a.item("G7")?.schools.map(\.value) == [6500])
        #expect(a.item("G7")?.status == .passed)
        #expect(a.resources?.schools.first { $0.school.schoolCode == "SE" }?.included == false)
        #expect(a.status == .notEligible && a.vetoesPresent == ["V3"])
        #expect(imported.absentSheets.isEmpty)
    }

    @Test func onlyStatisticsLeavesTheRestPending() throws {
        let path = try folder(["statistics.csv": statistics([Self.p1])])
        let imported = try AssessmentImporter.importPackage(atPath: path)
        #expect(imported.absentSheets == ["rooms", "county", "monitoring", "reviews", "vetoes"])
        let a = Assessor.assess(imported.input)
        // Only 资源配置 is decidable from the statistics alone, and it fails: 5 backbone teachers for 600 students is
        // 0.83 per 100, below 85% of 1.0. Everything needing another sheet is pending, never failed.
        #expect(a.items.filter { $0.status == .failed }.map(\.key) == ["R"])
        for key in ["E", "G1", "G3", "G11", "G12", "Q9", "S", "V1"] { #expect(a.item(key)?.status == .pending, "\(key)") }
        #expect(a.item("G12")?.missing.first?.field == "statistics.certified_teachers")
    }

    @Test func rejectionsNameFileRowAndColumn() throws {
        let path = try folder([
            "statistics.csv": statistics([Self.p1, Fixture.primaryRow("P2", name: "二小") + ",40,否,100,101,1,30,1,1,很好"]),
            "county.csv": "key,value\napplication_year,2026\nunknown_key,1\napplication_year,2027\nquota_places,10\nquota_places_rural,11\nteacher_avg_pay_yuan,十万\n",
            "rooms.csv": "school_code,kind,area_m2\nNOPE,音乐,96\nP1,舞蹈,96\nP1,美术,-1\n",
            "monitoring.csv": "subject,level,between_school_rate\n数学,Ⅴ,0.1\n",
            "reviews.csv": "key,school_code,verdict\nG1,P1,达标\nG4,,达标\nQ3,P1,也许\n",
            "vetoes.csv": "key,value\nV8,否\nV1,maybe\n",
        ])
        let found = issues(path)
        func has(_ file: String, _ row: Int, _ column: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(found.contains { $0.file == file && $0.row == row && $0.column == column },
                    "\(file) row \(row) \(column) in \(found.map(\.zh))", sourceLocation: sourceLocation)
        }
        has("statistics.csv", 3, "划片内招生数")      // 101 > 100 entrants
        has("statistics.csv", 3, "德育与校园文化评定")
        has("county.csv", 3, "key")                   // unknown key
        has("county.csv", 4, "key")                   // duplicate
        has("county.csv", 6, "value")                 // rural > total
        has("county.csv", 7, "value")                 // words
        has("rooms.csv", 2, "school_code")
        has("rooms.csv", 3, "kind")
        has("rooms.csv", 4, "area_m2")
        has("monitoring.csv", 2, "level")
        has("reviews.csv", 2, "school_code")          // G1 is a county item
        has("reviews.csv", 3, "key")                  // G4 takes no verdict
        has("reviews.csv", 4, "verdict")
        has("vetoes.csv", 2, "key")
        has("vetoes.csv", 3, "value")
    }

    @Test func schoolLevelValuesMustAgreeAcrossSections() throws {
        let header = Fixture.header + ",核定公用经费,是否公办"
        let rows = [
            "N1,九年一贯制学校,九年一贯制,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12,500000,是",
            "N1,九年一贯制学校,九年一贯制,初中,城区,400,9,30,29,5,4,3000,5000,1500000,12,600000,",
        ]
        let path = try folder(["statistics.csv": ([header] + rows).joined(separator: "\n")])
        let found = issues(path)
        #expect(found.count == 1)
        #expect(found.first?.row == 3 && found.first?.column == "核定公用经费" && found.first?.file == "statistics.csv")
    }

    @Test func relaxationFlagsAreRead() throws {
        let header = Fixture.header + ",2016年前规划建设,built_by_2010"
        let path = try folder(["statistics.csv": header + "\n" + Fixture.primaryRow("P1") + ",是,\n" + Fixture.primaryRow("P2") + ",,yes\n"])
        let i = try AssessmentImporter.importPackage(atPath: path).input
        #expect(i.facts("P1").plannedBy2016 && !i.facts("P1").builtBy2010)
        #expect(!i.facts("P2").plannedBy2016 && i.facts("P2").builtBy2010)
    }

    @Test func statisticsErrorsCarryTheFileAndUnsectionedSpecialIsRejected() throws {
        // 特教 only for a 特殊教育学校; the statistics importer's own checks keep their row and column, with the file.
        let path = try folder(["statistics.csv": statistics([Fixture.primaryRow("P1").replacingOccurrences(of: ",小学,小学,", with: ",小学,特教,")
                                                              + ",40,否,100,100,1,30,1,1,良好"])])
        let found = issues(path)
        #expect(found.contains { $0.file == "statistics.csv" && $0.row == 2 && $0.column == "学段" && $0.value == "特教" })
        #expect(throws: ImportError.self) { try AssessmentImporter.importPackage(atPath: dir.appendingPathComponent("none").path) }
        let empty = try folder(["county.csv": "key,value\n"])
        #expect(issues(empty).contains { $0.expectedEN.contains("statistics.csv") })
    }

    @Test func demoPackageRoundTripsThroughBothFormats() throws {
        let input = DemoAssessment.input(county: 1, schools: 30, eligible: false)
        func normalised(_ i: AssessmentInput) -> AssessmentInput {
            var c = i
            for k in c.statistics.indices { c.statistics[k].record.row = 0 }
            return c
        }
        let folderPath = dir.appendingPathComponent("pkg").path
        try AssessmentPackageWriter.writeFolder(input, to: folderPath)
        let fromFolder = try AssessmentImporter.importPackage(atPath: folderPath).input
        #expect(normalised(fromFolder) == normalised(input))
        let book = dir.appendingPathComponent("pkg.xlsx")
        try AssessmentPackageWriter.xlsx(input).write(to: book)
        let fromBook = try AssessmentImporter.importPackage(atPath: book.path).input
        #expect(normalised(fromBook) == normalised(input))
        // The empty template is a valid header set: its statistics sheet has no rows, so it is rejected with that reason only.
        let template = dir.appendingPathComponent("template").path
        try AssessmentPackageWriter.writeFolder(nil, to: template)
        #expect(issues(template).map(\.expectedEN) == ["at least one school row"])
    }

    @Test func mutatedPackagesNeverCrash() throws {
        // Seeded random edits of the demo package's cells: every outcome is an import or a located rejection.
        let base = dir.appendingPathComponent("fuzz-base").path
        try AssessmentPackageWriter.writeFolder(DemoAssessment.input(county: 3, schools: 12, eligible: false), to: base)
        let names = ["statistics.csv", "rooms.csv", "county.csv", "monitoring.csv", "reviews.csv", "vetoes.csv"]
        let originals = try names.map { try String(contentsOfFile: base + "/" + $0, encoding: .utf8) }
        let junk = ["", "-1", "1e308", "nan", "１２", "1,000,000", "\"", "特教", "合计", "是", "Ⅴ", "9999999999999999999999", "0", "V9", "G99",
                    String(repeating: "长", count: 5000), "\u{0}", "=cmd()", "<script>"]
        var rng = SeededGenerator(seed: 99)
        var accepted = 0, rejected = 0
        for round in 0..<150 {
            let k = rng.int(0...(names.count - 1))
            var lines = originals[k].components(separatedBy: "\n")
            for _ in 0..<rng.int(1...3) {
                let row = rng.int(0...(lines.count - 1))
                var cells = lines[row].components(separatedBy: ",")
                cells[rng.int(0...(cells.count - 1))] = rng.pick(junk)
                if rng.chance(0.1) { cells.removeLast() }
                lines[row] = cells.joined(separator: ",")
            }
            let path = dir.appendingPathComponent("fuzz-\(round)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (j, name) in names.enumerated() {
                try (j == k ? lines.joined(separator: "\n") : originals[j]).write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
            }
            do {
                let imported = try AssessmentImporter.importPackage(atPath: path)
                _ = Assessor.assess(imported.input)
                accepted += 1
            } catch {
                if case .invalid(let issues) = error { #expect(!issues.isEmpty) }
                rejected += 1
            }
        }
        #expect(accepted + rejected == 150 && rejected > 0)
    }

    @Test func rulesOverrideFile() throws {
        let toml = """
        id = "zhejiang-2020"
        base = "youzhi-2017"
        [items.G7]
        min_funds_per_student_yuan = 8000
        [items.G11]
        backbone_share_of_eligible = true
        """
        let rules = try RulesLoader.variant(text: toml, isTOML: true)
        #expect(rules.number("G7", "min_funds_per_student_yuan") == 8000 && rules.flag("G11", "backbone_share_of_eligible"))
        #expect(rules.number("G5", "max_class_primary") == 45)
        let json = #"{"id": "x", "base": "youzhi-2017", "items": {"G5": {"max_class_junior": 48}}}"#
        #expect(try RulesLoader.variant(text: json, isTOML: false).number("G5", "max_class_junior") == 48)
        #expect(throws: StandardLoadError.self) { try RulesLoader.variant(text: #"{"id":"x","base":"youzhi-2017","items":{"G7":{"typo":1}}}"#, isTOML: false) }
        #expect(throws: StandardLoadError.self) { try RulesLoader.variant(text: "id = ", isTOML: true) }
        #expect(try RulesLoader.rules("youzhi-2017") == AccreditationRules.national)
    }
}
