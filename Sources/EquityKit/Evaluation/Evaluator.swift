import Dispatch
import SafeNumbers

/// Settings of an evaluation beyond the standard itself.
public struct EvaluationOptions: Sendable {
    /// How many gap-driving schools to keep per indicator.
    public var driversPerIndicator: Int
    /// Whether to compute the Berne–Stiefel statistics.
    public var equityStatistics: Bool

    public init(driversPerIndicator: Int = 5, equityStatistics: Bool = true) {
        self.driversPerIndicator = driversPerIndicator
        self.equityStatistics = equityStatistics
    }
}

/// Evaluates a county's statistics against a standard, exactly as the standard prescribes.
public enum Evaluator {
    /// Relative tolerance when comparing a value with a requirement, so 4.2 computed as 4.1999999999 counts as met.
    public static let requirementTolerance = 1e-9

    /// Splits 合计 rows, decides who counts, applies the school and county rules.
    public static func evaluate(_ records: [StatisticsRecord], standard: Standard,
                                options: EvaluationOptions = EvaluationOptions()) throws(EvaluationError) -> Evaluation {
        let split = SectionSplitter.split(records, weights: standard.splitWeights)
        guard !split.sections.isEmpty else { throw .noSchools }
        var notes = split.superseded.map { EvaluationNote.supersededCombinedRow(row: $0.row, schoolCode: $0.schoolCode, section: $0.section) }
        // 小学 first, then 初中, each in file order.
        let order = Section.allCases.flatMap { section in split.sections.indices.filter { split.sections[$0].section == section } }
        let schools = Parallel.map(count: order.count) { schoolEvaluation(split.sections[order[$0]], standard: standard) }
        // Each judged section's counted schools, gathered once into one column per indicator.
        var gathered: [(section: Section, listed: Int, included: [Int], columns: SectionColumns)] = []
        var start = 0
        for section in Section.allCases {
            var end = start
            let included = schools.withUnsafeBufferPointer { all in
                while end < all.count && all[end].school.section == section { end += 1 }
                return (start..<end).filter { all[$0].included }
            }
            defer { start = end }
            guard end > start else { continue }
            guard !included.isEmpty else { notes.append(.noIncludedSchools(section)); continue }
            guard let columns = SectionColumns(schools, included: included, indicators: standard.indicators.count) else {
                try checkComplete(schools, included: included, standard: standard)
                continue  // not reached: a column lacks a value, so checkComplete throws
            }
            if included.count == 1 { notes.append(.singleSchool(section)) }
            gathered.append((section, end - start, included, columns))
        }
        let judged = gathered
        // Every (section, indicator) pair in one parallel round, so both cores stay busy across sections.
        let perSection = standard.indicators.count
        let indicators = Parallel.map(count: judged.count * perSection, chunk: 1) { n in
            let j = judged[n / perSection]
            return indicatorEvaluation(n % perSection, section: j.section, columns: j.columns, included: j.included,
                                       standard: standard, options: options)
        }
        let sections = judged.enumerated().map { t, j in
            sectionEvaluation(j.section, schools, listed: j.listed, included: j.included,
                              indicators: Array(indicators[(t * perSection)..<((t + 1) * perSection)]), standard: standard)
        }
        return Evaluation(standard: standard, sections: sections, schools: schools,
                          passed: !sections.isEmpty && sections.allSatisfy(\.passed), notes: notes)
    }

    /// Why `s` is left out of the CV under `scope`, or nil when it counts.
    public static func exclusion(of s: SchoolSection, scope: Scope) -> ExclusionReason? {
        if scope.excludedTypes.contains(s.schoolType) { return .excludedType(s.schoolType) }
        if s.students <= 0 { return .noStudents }
        if s.schoolType == .teachingPoint && s.students < scope.teachingPointMinimumStudents {
            return .smallTeachingPoint(students: s.students, minimum: scope.teachingPointMinimumStudents)
        }
        return nil
    }

    static func schoolEvaluation(_ s: SchoolSection, standard: Standard) -> SchoolEvaluation {
        let values = standard.indicators.map { $0.value(numerator: s.quantities[$0.numerator], students: s.students) }
        var met = 0
        var unmet: [Int] = [], belowFloor: [Int] = []
        let rule = standard.schoolRule
        for (k, indicator) in standard.indicators.enumerated() {
            guard let requirement = indicator.requirement?[s.section] else { continue }
            let tolerance = requirement * requirementTolerance
            if let v = values[k], v >= requirement - tolerance {
                met += 1
                continue
            }
            unmet.append(k)
            let floor = requirement * (rule?.floorRatio ?? 0)
            if values[k].map({ $0 < floor - tolerance }) ?? true { belowFloor.append(k) }
        }
        let passed = rule.map { met >= $0.minimumMet && belowFloor.isEmpty }
        let exclusion = exclusion(of: s, scope: standard.scope)
        return SchoolEvaluation(school: s, included: exclusion == nil, exclusion: exclusion, values: values,
                                met: met, unmet: unmet, belowFloor: belowFloor, passed: passed)
    }

    static func checkComplete(_ evaluated: [SchoolEvaluation], included: [Int], standard: Standard) throws(EvaluationError) {
        for (k, indicator) in standard.indicators.enumerated() {
            let rows = included.filter { evaluated[$0].values[k] == nil }.map { evaluated[$0].school.sourceRow }
            if !rows.isEmpty { throw .missingQuantity(indicator: indicator.key, quantity: indicator.numerator, rows: rows) }
        }
    }

    /// One indicator's county statistics over a section's counted schools (`included`, indices into the evaluation).
    static func indicatorEvaluation(_ k: Int, section: Section, columns: SectionColumns, included: [Int],
                                    standard: Standard, options: EvaluationOptions) -> IndicatorEvaluation {
        let values = columns.values(k), weights = columns.weights
        let weighted = DifferenceCoefficient.weighted(values: values, weights: weights)
        let cvOK = weighted.cv.value.map { standard.countyRule.accepts($0, in: section) } ?? false
        return IndicatorEvaluation(
            definition: standard.indicators[k], mean: weighted.mean, cv: weighted.cv,
            cvUnweighted: DifferenceCoefficient.unweighted(values: values).cv, cvLimit: standard.cvLimit(in: section),
            passed: cvOK,
            equity: options.equityStatistics
                ? EquityStatistics(values: values, weights: weights, groups: columns.groups,
                                   groupNames: Location.allCases.map(\.rawValue))
                : nil,
            drivers: GapDrivers.top(options.driversPerIndicator, values: values, weights: weights, schoolIndices: included))
    }

    /// The county rule for one section of `listed` schools; `included` are indices into `evaluated` of those counted.
    static func sectionEvaluation(_ section: Section, _ evaluated: [SchoolEvaluation], listed: Int, included: [Int],
                                  indicators: [IndicatorEvaluation], standard: Standard) -> SectionEvaluation {
        var composite: Statistic?
        let cvPassed: Bool
        switch standard.countyRule.kind {
        case .everyIndicator:
            cvPassed = indicators.allSatisfy(\.passed)
        case .compositeMean:
            let cvs = indicators.compactMap(\.cv.value)
            if cvs.count == indicators.count {
                var sum = CompensatedSum()
                cvs.forEach { sum.add($0) }
                composite = .value(sum.value / Double(cvs.count))
            } else {
                composite = .undefined(.zeroMean)
            }
            cvPassed = composite?.value.map { standard.countyRule.accepts($0, in: section) } ?? false
        }
        // Through a pointer: reading two fields must not copy (and retain) each school.
        let (failing, students) = evaluated.withUnsafeBufferPointer { all in
            (included.reduce(0) { $0 + (all[$1].passed == false ? 1 : 0) }, Checked.sum(included) { all[$0].school.students })
        }
        return SectionEvaluation(
            section: section, schools: included.count,
            students: students,
            excludedSchools: listed - included.count, indicators: indicators, compositeCV: composite,
            cvPassed: cvPassed, schoolsFailing: failing, passed: cvPassed && failing == 0)
    }
}

/// A section's counted schools as columns: student weights, 城乡 group and each indicator's values, gathered in one
/// pass over the schools (instead of one scattered pass per indicator).
struct SectionColumns: Sendable {
    let weights: [Double]
    let groups: [Int]
    /// Indicator-major: the values of indicator k are `flat[k·n ..< (k+1)·n]`.
    private let flat: [Double]
    private let count: Int

    /// nil when a counted school lacks a value of some indicator (the caller reports which).
    init?(_ evaluated: [SchoolEvaluation], included: [Int], indicators m: Int) {
        let n = included.count
        var weights = [Double](), groups = [Int]()
        weights.reserveCapacity(n)
        groups.reserveCapacity(n)
        var complete = true
        let flat = [Double](unsafeUninitializedCapacity: n * m) { buffer, initialized in
            // Through a pointer, so no school is copied (and retained) to read three of its fields.
            evaluated.withUnsafeBufferPointer { schools in
                for (j, i) in included.enumerated() {
                    weights.append(Double(schools[i].school.students))
                    groups.append(Location.allCases.firstIndex(of: schools[i].school.location) ?? 0)
                    schools[i].values.withUnsafeBufferPointer { values in
                        for k in 0..<m {
                            guard let v = values[k] else { complete = false; buffer[k * n + j] = 0; continue }
                            buffer[k * n + j] = v
                        }
                    }
                }
            }
            initialized = n * m
        }
        guard complete else { return nil }
        self.weights = weights
        self.groups = groups
        self.flat = flat
        count = n
    }

    /// The values of indicator `k`, in the order of the counted schools.
    func values(_ k: Int) -> [Double] { Array(flat[(k * count)..<((k + 1) * count)]) }
}
