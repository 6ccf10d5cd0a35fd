import EquityKit
import Foundation
import JunhengImport
import Testing

/// "Validation is all-or-nothing: a file with any error imports nothing, and every error names its row."
@Suite struct AllOrNothingTests {
    /// Row 2 good; 3: negative students + unknown location; 4 good; 5: repeats row 2; 6: backbone > teachers;
    /// 7: "12人" classes + blank name. Six problems.
    static let csv = """
    \(Fixture.header)
    \(Fixture.primaryRow())
    3301020002,乙小学,小学,小学,郊区,-1,10,20,20,3,3,2500,4000,1000000,10
    \(Fixture.primaryRow("3301020003", name: "丙小学"))
    \(Fixture.primaryRow())
    3301020005,戊小学,小学,小学,城区,500,10,20,20,21,3,2500,4000,1000000,10
    3301020006,,小学,小学,城区,500,12人,20,20,3,3,2500,4000,1000000,10

    """

    @Test func everyProblemIsListedSortedByRow() {
        let issues = Fixture.issues(Self.csv)
        #expect(issues.count == 6)
        #expect(issues.map(\.row) == [3, 3, 5, 6, 7, 7])
        #expect(Set(issues.on(row: 3).map(\.column)) == ["在校生数", "城乡类型"])
        Fixture.expect(issues.at(row: 3, column: "在校生数"), row: 3, column: "在校生数", value: "-1", zh: "不小于0的整数", en: "whole number")
        Fixture.expect(issues.at(row: 3, column: "城乡类型"), row: 3, column: "城乡类型", value: "郊区", zh: "城区/镇区/乡村", en: "城区/镇区/乡村")
        Fixture.expect(issues.at(row: 5, column: "学段"), row: 5, column: "学段", value: "小学", zh: "第2行", en: "row 2")
        Fixture.expect(issues.at(row: 6, column: "县级及以上骨干教师数"), row: 6, column: "县级及以上骨干教师数", value: "21",
                       zh: "不大于专任教师数（20）", en: "at most the number of teachers (20)")
        Fixture.expect(issues.at(row: 7, column: "学校名称"), row: 7, column: "学校名称", value: "", zh: "必填", en: "required")
        Fixture.expect(issues.at(row: 7, column: "班级数"), row: 7, column: "班级数", value: "12人", zh: "整数", en: "whole number")
    }

    @Test func theErrorListsEveryProblemInItsLines() {
        do {
            _ = try Fixture.importCSV(Self.csv)
            Issue.record("a file with errors was imported")
        } catch {
            #expect(error.exitCode == 65)
            let lines = error.lines(english: false)
            #expect(lines.count == 7)
            #expect(lines[0] == "发现 6 处错误，未导入任何数据：")
            #expect(lines[1].hasPrefix("第3行 列「"))
            #expect(lines[6].hasPrefix("第7行 列「"))
        }
    }

    @Test func fromAFileNothingIsReturnedEither() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("统计.csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ImportError.self) { try StatisticsImporter.importFile(atPath: path) }
        do {
            _ = try StatisticsImporter.importFile(atPath: path)
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            #expect(issues.count == 6)
        }
    }

    @Test func missingFileAndDirectoryAreUnreadable() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in [dir.appendingPathComponent("没有.csv").path, dir.path] {
            do {
                _ = try StatisticsImporter.importFile(atPath: path)
                Issue.record("imported \(path)")
            } catch {
                guard case .unreadable(let p, _) = error else { Issue.record("\(error)"); continue }
                #expect(p == path)
                #expect(error.exitCode == 66)
            }
        }
    }
}
