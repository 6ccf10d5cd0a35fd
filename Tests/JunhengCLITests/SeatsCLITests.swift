import Foundation
import Testing

@Suite("junheng seats", .serialized)
struct SeatsCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func demo() throws -> String {
        let out = dir.appendingPathComponent("county").path
        let r = try CLIRunner.run(["seats", "demo-data", "-o", out])
        #expect(r.status == 0)
        return out
    }

    @Test("forecast --format json: P001 green this year and red in two; every coefficient has a source and date")
    func forecast() throws {
        let folder = try demo()
        let r = try CLIRunner.run(["seats", "forecast", folder, "--years", "6", "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect((j["years"] as? [Int]) == Array(2026...2031))
        let rows = try #require(j["schools"] as? [[String: Any]])
        let p001 = rows.filter { $0["school_code"] as? String == "P001" }
        #expect(p001.first { $0["year"] as? Int == 2026 }?["band"] as? String == "green")
        #expect(p001.first { $0["year"] as? Int == 2028 }?["band"] as? String == "red")
        let coefficients = try #require(j["coefficients"] as? [[String: Any]])
        #expect(!coefficients.isEmpty && coefficients.allSatisfy { !(($0["source"] as? String) ?? "").isEmpty && $0["date"] is String })
        #expect((j["caveats"] as? [String])?.count == 6)
        let text = try CLIRunner.run(["seats", "forecast", folder, "--format", "text"])
        #expect(text.status == 0 && text.stdout.contains("P001"))
    }

    @Test("plan --format json: the interface keys, three checked plans, P001 within its seats")
    func plan() throws {
        let folder = try demo()
        let r = try CLIRunner.run(["seats", "plan", folder, "--year", "2028", "--plans", "3", "--time-limit", "60", "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let plans = try #require(j["plans"] as? [[String: Any]])
        #expect(plans.count == 3)
        for p in plans {
            for key in ["assignment", "objective", "best_bound", "gap", "moved_pupils", "max_trip_m", "fill"] { #expect(p[key] != nil, "\(key)") }
            #expect((p["check"] as? [String: Any])?["passed"] as? Bool == true)
            let fill = try #require(p["fill"] as? [String: Double])
            #expect((fill["P001"] ?? 2) <= 1 + 1e-9)
            let assignment = try #require(p["assignment"] as? [String: [String: String]])
            #expect(assignment["U0001"]?["primary"] != nil)
        }
        let bad = try CLIRunner.run(["seats", "plan", folder, "--year", "2028", "--pin", "NOPE"])
        #expect(bad.status == 64)
        let missing = try CLIRunner.run(["seats", "forecast", dir.appendingPathComponent("none").path])
        #expect(missing.status == 66)
    }
}
