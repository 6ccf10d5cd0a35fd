import Foundation
import JunhengPlanner
import Testing

/// Unit costs: the defaults, JSON overrides, and what a plan charges.
@Suite("Action costs")
struct CostsTests {
    static func decode(_ json: String) throws -> ActionCosts {
        try JSONDecoder().decode(ActionCosts.self, from: Data(json.utf8))
    }

    @Test("defaults are the issue's prices")
    func defaults() {
        let expected: [RemedyAction: Double] = [
            .hire: 120_000, .hirePEArt: 120_000, .trainBackbone: 30_000, .transferBackbone: 20_000,
            .transferPEArt: 20_000, .transferTeacher: 20_000, .buildTeachingArea: 3_000, .buildSportsArea: 800,
            .buyEquipment: 1, .equipMultimediaRoom: 50_000,
        ]
        for action in RemedyAction.allCases { #expect(ActionCosts.defaults[action] == expected[action], "\(action.rawValue)") }
    }

    @Test("`transfer` overrides all three transfer kinds; the rest keep their defaults")
    func overrides() throws {
        let costs = try Self.decode(#"{"hire": 150000, "transfer": 15000}"#)
        #expect(costs[.hire] == 150_000)
        for t in RemedyAction.transfers { #expect(costs[t] == 15_000, "\(t.rawValue)") }
        for action in RemedyAction.allCases where action != .hire && !action.isTransfer {
            #expect(costs[action] == ActionCosts.defaults[action], "\(action.rawValue)")
        }
        let one = try Self.decode(#"{"transfer_pe_art": 5000, "equip_multimedia_room": 0}"#)
        #expect(one[.transferPEArt] == 5000)
        #expect(one[.transferBackbone] == 20_000)
        #expect(one[.equipMultimediaRoom] == 0)
        #expect(try Self.decode("{}") == ActionCosts.defaults)
    }

    @Test("negative, unknown or non-numeric entries are rejected", arguments: [
        #"{"hire": -1}"#, #"{"transfer": -15000}"#, #"{"fly": 1}"#, #"{"Hire": 1}"#, #"{"hire": "cheap"}"#, #"[1, 2]"#,
    ])
    func rejected(json: String) {
        #expect(throws: (any Error).self) { try Self.decode(json) }
    }

    @Test("encoding lists every action and decodes to the same prices")
    func roundTrip() throws {
        let costs = try Self.decode(#"{"hire": 150000, "transfer": 15000}"#)
        let data = try JSONEncoder().encode(costs)
        let keys = try #require(JSONSerialization.jsonObject(with: data) as? [String: Double]).keys
        #expect(Set(keys) == Set(RemedyAction.allCases.map(\.rawValue)))
        #expect(try JSONDecoder().decode(ActionCosts.self, from: data) == costs)
    }

    @Test("documented effects of one unit of each action")
    func effects() {
        // Only the quantities the standards judge; a transfer also carries other attributes (certificates).
        for action in RemedyAction.allCases {
            let judged = action.effect.filter { $0.key != .certifiedTeachers }
            #expect(judged == documentedEffect[action], "\(action.rawValue): \(action.effect)")
        }
        #expect(RemedyAction.allCases.filter(\.isTransfer) == RemedyAction.transfers)
        #expect(RemedyAction.allCases.filter { !$0.isWhole } == [.buildTeachingArea, .buildSportsArea, .buyEquipment])
    }

    @Test("a plan is charged at the prices asked for")
    func customPrices() throws {
        let costs = try Self.decode(#"{"train_backbone": 90000, "transfer": 100000}"#)
        // B is below the backbone floor; at these prices training (90,000) beats a transfer (100,000).
        let records = EnumerationTests.transferCounty()
        let p = plan(PlanRequest(records: records, standard: youzhi, costs: costs, rules: [
            WhatIfRule(schoolCode: nil, action: .hire, maximum: 0), WhatIfRule(schoolCode: nil, action: .hirePEArt, maximum: 0),
        ]))
        #expect(p.status == .optimal)
        #expect(p.totalCost == 90_000)
        #expect(p.actions.map(\.action) == [.trainBackbone])
        #expect(isClose(p.totalCost, recomputedCost(p.actions, costs)))
        let cheap = plan(PlanRequest(records: records, standard: youzhi))
        #expect(cheap.totalCost == 20_000, "at default prices a transfer (20,000) is cheapest")
    }
}
