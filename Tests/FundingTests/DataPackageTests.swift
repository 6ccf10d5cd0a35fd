import Foundation
import Testing
@testable import Funding

/// The Fiscal Data Package, validated by the reference validator (`frictionless` from PyPI) when it is installed.
@Suite struct DataPackageTests {
    static func demo() -> FundingDataset {
        let schools = (1...8).map { FundingSchool(code: "33010000\($0)", name: $0 == 3 ? "=HYPERLINK(\"x\"),第\($0)小学" : "第\($0)小学",
                                                   kind: $0 == 8 ? .special : .primary, location: $0 % 2 == 0 ? .rural : .urban,
                                                   primaryPupils: 30 * $0, juniorPupils: 0) }
        return FundingDemo.dataset(countyCode: "330101", countyName: "演示县", schools: schools, years: [2025, 2026])
    }

    static let frictionless: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import frictionless"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    @Test func theCSVResourcesHoldEveryLineOfTheYearExactly() throws {
        let d = Self.demo()
        let files = FiscalDataPackage.files(d, year: 2026, catalog: ClassificationCatalog.builtIn(year: 2026))
        #expect(files.map(\.path) == ["datapackage.json", "budget-lines.csv", "projects.csv"])
        let csv = String(decoding: files[1].bytes, as: UTF8.self)
        let rows = csv.split(separator: "\r\n").dropFirst()
        let lines2026 = d.lines.filter { $0.fiscalYear == 2026 }
        #expect(rows.count == lines2026.count)
        // amount_fen is the 14th column; the sum equals the exact total of the year's lines (no quoted commas there).
        let total = rows.compactMap { r -> Int? in
            let cells = r.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count >= 14 ? Int(cells[cells.count - 2]) : nil
        }.reduce(0, +)
        #expect(total == lines2026.reduce(0) { $0 + $1.amount.fen })
        #expect(!csv.contains(",=HYPERLINK"))                                 // the formula-looking name is neutralised
        let json = try JSONSerialization.jsonObject(with: Data(files[0].bytes)) as? [String: Any]
        #expect(json?["profile"] as? String == "tabular-data-package")
        let measures = (json?["model"] as? [String: Any])?["measures"] as? [String: Any]
        #expect((measures?["amount"] as? [String: Any])?["currency"] as? String == "CNY")
    }

    @Test(.enabled(if: DataPackageTests.frictionless, "skipped: python3 -m frictionless is not installed (pip install frictionless)"))
    func thePackageValidatesWithFrictionless() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in FiscalDataPackage.files(Self.demo(), year: 2026, catalog: ClassificationCatalog.builtIn(year: 2026)) {
            try Data(f.bytes).write(to: dir.appendingPathComponent(f.path))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-m", "frictionless", "validate", "--json", dir.appendingPathComponent("datapackage.json").path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(report?["valid"] as? Bool == true, "\(String(decoding: data.prefix(4000), as: UTF8.self))")
        #expect(p.terminationStatus == 0)
        let tasks = report?["tasks"] as? [[String: Any]] ?? []
        #expect(tasks.count == 2)   // both resources were checked
    }

    @Test(.enabled(if: DataPackageTests.frictionless, "skipped: python3 -m frictionless is not installed (pip install frictionless)"))
    func aBrokenPackageIsRejectedByTheValidator() throws {
        // The same validator catches a wrong amount: the check above is not vacuous.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in FiscalDataPackage.files(Self.demo(), year: 2026, catalog: nil) {
            var text = String(decoding: f.bytes, as: UTF8.self)
            if f.path == "budget-lines.csv" { text = text.replacingOccurrences(of: ",CNY\r\n", with: ",RMB\r\n") }
            try Data(text.utf8).write(to: dir.appendingPathComponent(f.path))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-m", "frictionless", "validate", dir.appendingPathComponent("datapackage.json").path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus != 0)
    }
}
