/// A set of weekly slots (days ≤ 7, periods ≤ 14) as 128 bits.
struct SlotSet: Equatable, Sendable {
    static let periodsPerDayLimit = 14
    static let daysLimit = 7
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The slot's bit number.
    static func index(_ s: Slot) -> Int { (s.day - 1) * periodsPerDayLimit + (s.period - 1) }
    static func slot(_ i: Int) -> Slot { Slot(day: i / periodsPerDayLimit + 1, period: i % periodsPerDayLimit + 1) }

    /// All slots of a bell schedule.
    init(days: Int, periodsPerDay: Int) {
        for d in 1...days { for p in 1...periodsPerDay { insert(Self.index(Slot(day: d, period: p))) } }
    }

    init() {}

    func contains(_ i: Int) -> Bool { i < 64 ? (low >> i) & 1 == 1 : (high >> (i - 64)) & 1 == 1 }
    mutating func insert(_ i: Int) { if i < 64 { low |= 1 << i } else { high |= 1 << (i - 64) } }
    mutating func remove(_ i: Int) { if i < 64 { low &= ~(1 << i) } else { high &= ~(1 << (i - 64)) } }
    var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }
    var isEmpty: Bool { low == 0 && high == 0 }
    func intersection(_ o: SlotSet) -> SlotSet { var r = SlotSet(); r.low = low & o.low; r.high = high & o.high; return r }
    func union(_ o: SlotSet) -> SlotSet { var r = SlotSet(); r.low = low | o.low; r.high = high | o.high; return r }

    /// Bit numbers in increasing order.
    var indices: [Int] {
        var out: [Int] = []
        var w = low
        while w != 0 { out.append(w.trailingZeroBitCount); w &= w - 1 }
        w = high
        while w != 0 { out.append(64 + w.trailingZeroBitCount); w &= w - 1 }
        return out
    }
}
