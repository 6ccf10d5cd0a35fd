import Foundation

/// The steps a catchment plan goes through before it changes the catchments of record (seats.md: 论证, a hearing,
/// one month of 公示, approval): 草案 → 论证 → 征求意见 → 公示 → 生效.
public enum AdoptionStage: String, Sendable, Codable, CaseIterable, Comparable {
    case draft, review, consultation, publicity, effective

    public var zh: String {
        switch self { case .draft: "草案"; case .review: "论证"; case .consultation: "征求意见"; case .publicity: "公示"; case .effective: "生效" }
    }
    public var en: String {
        switch self {
        case .draft: "draft"; case .review: "expert review"; case .consultation: "public consultation"
        case .publicity: "public notice"; case .effective: "in effect"
        }
    }

    /// The stage after this one (nil once in effect).
    public var next: AdoptionStage? {
        guard let k = Self.allCases.firstIndex(of: self), k + 1 < Self.allCases.count else { return nil }
        return Self.allCases[k + 1]
    }

    public static func < (a: AdoptionStage, b: AdoptionStage) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// A calendar day (proleptic Gregorian), parsed from `YYYY-MM-DD` with every field checked.
public struct PlanDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// nil unless a valid date between 2000-01-01 and 2100-12-31.
    public init?(year: Int, month: Int, day: Int) {
        guard (2000...2100).contains(year), (1...12).contains(month), day >= 1, day <= PlanDay.days(year, month) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The same day `months` later, clamped to the end of a shorter month (01-31 + 1 month = 02-28/29).
    public func adding(months: Int) -> PlanDay? {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return PlanDay(year: y, month: m, day: min(day, PlanDay.days(y, m)))
    }

    static func days(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: PlanDay, b: PlanDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// Adoption rules as data (`adoption` in the presets): how long the 公示 lasts at least, and how long evidence may be.
public struct AdoptionRules: Sendable, Codable, Equatable {
    /// Calendar months between the start of 公示 and the day the plan takes effect, at least.
    public var publicityMonths: Int
    /// Where the rule comes from.
    public var source: String

    enum CodingKeys: String, CodingKey { case publicityMonths = "publicity_months", source }

    public init(publicityMonths: Int, source: String) { (self.publicityMonths, self.source) = (publicityMonths, source) }
}

/// One recorded step: the stage reached, the day it happened and what proves it.
public struct AdoptionStep: Sendable, Equatable {
    public var stage: AdoptionStage
    public var day: PlanDay
    /// A note naming the evidence (meeting minutes, notice number); required.
    public var evidence: String
    public init(stage: AdoptionStage, day: PlanDay, evidence: String) { (self.stage, self.day, self.evidence) = (stage, day, evidence) }
}

/// Checks a plan's next adoption step against its history (pure; the web app records only steps this accepts).
public enum CatchmentAdoption {
    /// The longest evidence note, in characters.
    public static let maximumEvidence = 2_000

    /// Why a step was refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// Steps go in order; `expected` is the only stage allowed now (nil: already in effect).
        case outOfOrder(expected: AdoptionStage?)
        /// A step cannot be dated before the one it follows.
        case beforePrevious(PlanDay)
        /// A step records what happened: not after today.
        case inFuture(today: PlanDay)
        /// 生效 needs the full 公示 period: not before `earliest`.
        case publicityTooShort(earliest: PlanDay)
        case evidenceMissing
        case evidenceTooLong

        public var description: String {
            switch self {
            case .outOfOrder(let e): e.map { "下一步只能是「\($0.zh)」/ the next step must be \($0.en)" } ?? "方案已生效 / the plan is already in effect"
            case .beforePrevious(let d): "日期不能早于上一步（\(d)）/ the date cannot precede the previous step (\(d))"
            case .inFuture(let t): "日期不能晚于今天（\(t)）/ the date cannot be after today (\(t))"
            case .publicityTooShort(let d): "公示期不足：最早 \(d) 生效 / public notice too short: effective on \(d) at the earliest"
            case .evidenceMissing: "请填写依据（会议纪要、公告文号等）/ name the evidence (minutes, notice number)"
            case .evidenceTooLong: "依据最多 \(CatchmentAdoption.maximumEvidence) 字 / evidence is at most \(CatchmentAdoption.maximumEvidence) characters"
            }
        }
    }

    /// The stage a plan is in: its last step's, or 草案 with no steps.
    public static func stage(_ history: [AdoptionStep]) -> AdoptionStage { history.last?.stage ?? .draft }

    /// nil when `step` may follow `history` (steps in order, dated in order and not after today, evidence named, and
    /// 生效 at least `rules.publicityMonths` after 公示 began).
    public static func refusal(_ step: AdoptionStep, after history: [AdoptionStep], today: PlanDay, rules: AdoptionRules) -> Refusal? {
        let current = stage(history)
        guard step.stage == current.next else { return .outOfOrder(expected: current.next) }
        let note = step.evidence.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty { return .evidenceMissing }
        if note.count > maximumEvidence { return .evidenceTooLong }
        if step.day > today { return .inFuture(today: today) }
        if let last = history.last, step.day < last.day { return .beforePrevious(last.day) }
        if step.stage == .effective, let notice = history.last(where: { $0.stage == .publicity }) {
            guard let earliest = notice.day.adding(months: max(0, rules.publicityMonths)) else { return .publicityTooShort(earliest: notice.day) }
            if step.day < earliest { return .publicityTooShort(earliest: earliest) }
        }
        return nil
    }
}
