import Foundation
import Testing

@Suite("junheng credits", .serialized)
struct CreditsCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    /// The JSON contract: learners[].{id, credited_total, decisions[].{outcome_id, credited, credits, rule, reason}};
    /// ACBS by hand: 21 + 3 in term 1 (24, the cap), the 1-credit course after them refused by acbs.term; 79% attendance refused.
    @Test func applyJSONContract() throws {
        let csv = """
        learner_id,outcome_id,institution,kind,title,credits,hours,end_date,attendance_pct,score
        L1,a,U1,学历,课程A,21,,2024-06-30,100,90
        L1,b,U2,学历,课程B,3,,2024-08-31,100,90
        L1,c,U3,学历,课程C,1,,2024-08-31,100,90
        L1,d,U3,学历,课程D,2,,2024-10-01,79,90
        L2,e,U1,非学历,证书E,2,,2024-10-01,80,60
        """
        let path = dir.appendingPathComponent("ledger.csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["credits", "apply", path, "--rules", "acbs", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let learners = try #require(j["learners"] as? [[String: Any]])
        #expect(learners.map { $0["id"] as? String } == ["L1", "L2"])
        #expect(learners[0]["credited_total"] as? Double == 24 && learners[1]["credited_total"] as? Double == 2)
        let d = try #require(learners[0]["decisions"] as? [[String: Any]])
        #expect(d.map { $0["outcome_id"] as? String } == ["a", "b", "c", "d"])
        #expect(d.map { $0["credited"] as? Bool } == [true, true, false, false])
        #expect(d.map { $0["rule"] as? String } == ["acbs.stated", "acbs.stated", "acbs.term", "acbs.min_attendance"])
        #expect(d.map { $0["credits"] as? Double } == [21, 3, 0, 0])
        #expect(d.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
        let text = try CLIRunner.run(["credits", "apply", path, "--rules", "acbs", "--format", "text"])
        #expect(text.status == 0 && text.stdout.contains("acbs.term"))
        #expect(try CLIRunner.run(["credits", "apply", path, "--rules", "nope"]).status == 66)
    }

    @Test func demoAndVerifyExitCodes() throws {
        let out = dir.appendingPathComponent("demo").path
        #expect(try CLIRunner.run(["credits", "demo", "--out", out, "--seed", "7"]).status == 0)
        let list = ["--status-list", out + "/status-list.json"]
        #expect(try CLIRunner.run(["credits", "verify", out + "/transcript.json"] + list).status == 0)
        let revoked = try CLIRunner.run(["credits", "verify", out + "/revoked-credential.json"] + list)
        #expect(revoked.status == 1 && revoked.stdout.contains("revoked"))
        #expect(try CLIRunner.run(["credits", "verify", out + "/transcript.json"]).status == 2)
        let text = try String(contentsOfFile: out + "/transcript.json", encoding: .utf8)
        let changed = dir.appendingPathComponent("changed.json").path
        try text.replacingOccurrences(of: "计算机应用基础", with: "计算机应用基楚").write(toFile: changed, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["credits", "verify", changed] + list)
        #expect(bad.status == 1 && bad.stdout.contains("签名不符"))
        // The same seed gives the same issuer.
        let again = dir.appendingPathComponent("demo2").path
        #expect(try CLIRunner.run(["credits", "demo", "--out", again, "--seed", "7"]).status == 0)
        #expect(try String(contentsOfFile: again + "/issuer-did.json", encoding: .utf8) == String(contentsOfFile: out + "/issuer-did.json", encoding: .utf8))
    }
}
