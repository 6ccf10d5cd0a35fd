import Foundation
import Testing
@testable import Accreditation

/// The 县 → 市 → 省 chain: only valid transitions, frozen versions, every step in the history.
@Suite struct ReviewChainTests {
    typealias Chain = ReviewChain<String>

    @Test func fullChainWithReturnAndResubmission() throws {
        var c = Chain(draft: "v1 data")
        try c.submit(level: .county, actor: "县统计员", at: 1)
        #expect(c.stage == .submittedToCity && c.versions.count == 1 && c.versions[0].payload == "v1 data")
        try c.review(ItemReview(key: "G1", passed: false, comment: "规划未批复", level: .city, reviewer: "市督导"), at: 2)
        try c.returnSubmission(level: .city, actor: "市督导", comment: "请补充布局规划批复", at: 3)
        #expect(c.stage == .returnedByCity)
        try c.edit("v2 data", level: .county, actor: "县统计员", at: 4)
        // The first version stays as it was sent.
        #expect(c.versions[0].payload == "v1 data" && c.versions[0].reviews.count == 1)
        try c.submit(level: .county, actor: "县统计员", at: 5)
        #expect(c.versions.map(\.number) == [1, 2] && c.current?.payload == "v2 data")
        try c.passOn(level: .city, actor: "市督导", at: 6)
        #expect(c.stage == .passedToProvince)
        try c.returnSubmission(level: .province, actor: "省督导", comment: "数据与国家统计不一致", at: 7)
        #expect(c.stage == .returnedByProvince)
        try c.edit("v3 data", level: .county, actor: "县统计员", at: 8)
        try c.submit(level: .county, actor: "县统计员", at: 9)
        try c.passOn(level: .city, actor: "市督导", at: 10)
        try c.passOn(level: .province, actor: "省督导", at: 11)
        #expect(c.stage == .passedToNation)
        #expect(c.history.map(\.action) == [.submit, .itemVerdict, .returnSubmission, .edit, .submit, .passOn, .returnSubmission,
                                            .edit, .submit, .passOn, .passOn])
        #expect(c.history.map(\.at) == Array(1...11))
        #expect(c.history[2].from == .submittedToCity && c.history[2].to == .returnedByCity && c.history[2].comment == "请补充布局规划批复")
    }

    @Test func noTransitionOutOfOrder() throws {
        var c = Chain(draft: "d")
        #expect(throws: ReviewError.notAllowed(action: .passOn, level: .city, stage: .draft)) { try c.passOn(level: .city, actor: "市", at: 1) }
        #expect(throws: ReviewError.notAllowed(action: .submit, level: .city, stage: .draft)) { try c.submit(level: .city, actor: "市", at: 1) }
        try c.submit(level: .county, actor: "县", at: 1)
        // The province cannot act before the city; the county cannot pass its own submission on.
        #expect(throws: ReviewError.notAllowed(action: .passOn, level: .province, stage: .submittedToCity)) {
            try c.passOn(level: .province, actor: "省", at: 2)
        }
        #expect(throws: ReviewError.notAllowed(action: .passOn, level: .county, stage: .submittedToCity)) {
            try c.passOn(level: .county, actor: "县", at: 2)
        }
        #expect(throws: ReviewError.notAllowed(action: .submit, level: .county, stage: .submittedToCity)) {
            try c.submit(level: .county, actor: "县", at: 2)
        }
        #expect(throws: ReviewError.commentRequired) { try c.returnSubmission(level: .city, actor: "市", comment: "  ", at: 2) }
        #expect(throws: ReviewError.commentRequired) {
            try c.review(ItemReview(key: "G1", passed: false, comment: "", level: .city, reviewer: "市"), at: 2)
        }
        try c.passOn(level: .city, actor: "市", at: 3)
        try c.passOn(level: .province, actor: "省", at: 4)
        #expect(throws: ReviewError.notAllowed(action: .returnSubmission, level: .province, stage: .passedToNation)) {
            try c.returnSubmission(level: .province, actor: "省", comment: "x", at: 5)
        }
        // Refused steps leave no trace.
        #expect(c.history.count == 3)
    }

    @Test func noEditAfterSubmission() throws {
        var c = Chain(draft: "d")
        try c.submit(level: .county, actor: "县", at: 1)
        #expect(throws: ReviewError.notAllowed(action: .edit, level: .county, stage: .submittedToCity)) {
            try c.edit("changed", level: .county, actor: "县", at: 2)
        }
        #expect(c.draft == "d" && c.current?.payload == "d")
        try c.returnSubmission(level: .city, actor: "市", comment: "补充", at: 3)
        // Resubmitting the same data is refused: a new version must differ.
        #expect(throws: ReviewError.unchanged) { try c.submit(level: .county, actor: "县", at: 4) }
        #expect(throws: ReviewError.noDraft) {
            var empty = Chain()
            try empty.submit(level: .county, actor: "县", at: 1)
        }
    }

    @Test func chainSurvivesEncoding() throws {
        var c = Chain(draft: "d")
        try c.submit(level: .county, actor: "县", at: 1)
        try c.review(ItemReview(key: "Q3", schoolCode: "P1", passed: true, comment: "", level: .city, reviewer: "市"), at: 2)
        let decoded = try JSONDecoder().decode(Chain.self, from: JSONEncoder().encode(c))
        #expect(decoded == c)
        var next = decoded
        #expect(throws: ReviewError.self) { try next.edit("x", level: .county, actor: "县", at: 3) }
    }
}
