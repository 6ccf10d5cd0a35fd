import Foundation

/// The seats presets as data: forecast coefficients with source and date, 学位预警 bands, caveats and plan rules.
/// A county overrides any part with a JSON file of the same shape (`SeatsPresets.load(overrides:)`).
public enum SeatsPresets {
    /// The built-in presets. Values that are practice, not national rules, say so in their source.
    public static let json = #"""
    {
      "coefficients": {
        "entry_ratio": {
          "primary": {"value": 1.0, "source": "preset: every registered child enters (no enrolment history to fit)", "date": "2026-12-01"},
          "junior": {"value": 1.0, "source": "preset: every registered child enters (no enrolment history to fit)", "date": "2026-12-01"}
        },
        "entry_ratio_bounds": [0.3, 2.0],
        "progression": {"value": 1.0, "source": "preset: no loss between grades (no enrolment history to fit)", "date": "2026-12-01"},
        "progression_bounds": [0.5, 1.5],
        "migration": {
          "low": {"value": -0.02, "source": "preset: net outflow of 2% a year (shrinking county)", "date": "2026-12-01"},
          "base": {"value": 0.0, "source": "preset: no net migration", "date": "2026-12-01"},
          "high": {"value": 0.02, "source": "preset: net inflow of 2% a year", "date": "2026-12-01"}
        },
        "birth_trend": {
          "low": {"value": 0.92, "source": "preset: births fall 8% a year (national trend since 2017)", "date": "2026-12-01"},
          "base": {"value": 0.97, "source": "preset: births fall 3% a year", "date": "2026-12-01"},
          "high": {"value": 1.0, "source": "preset: births stay at the last three years' mean", "date": "2026-12-01"}
        },
        "yield_scale": {
          "low": {"value": 0.8, "source": "preset: yields 20% below the table", "date": "2026-12-01"},
          "base": {"value": 1.0, "source": "preset: the yield table as written", "date": "2026-12-01"},
          "high": {"value": 1.2, "source": "preset: yields 20% above the table", "date": "2026-12-01"}
        },
        "yield": {
          "商品房": {
            "primary": {"value": 0.12, "source": "preset: pupils per dwelling, county planners recalibrate yearly", "date": "2026-12-01"},
            "junior": {"value": 0.06, "source": "preset: pupils per dwelling, county planners recalibrate yearly", "date": "2026-12-01"}
          },
          "安置房": {
            "primary": {"value": 0.18, "source": "preset: resettlement housing houses younger families", "date": "2026-12-01"},
            "junior": {"value": 0.09, "source": "preset: resettlement housing houses younger families", "date": "2026-12-01"}
          },
          "保障房": {
            "primary": {"value": 0.15, "source": "preset: pupils per dwelling", "date": "2026-12-01"},
            "junior": {"value": 0.07, "source": "preset: pupils per dwelling", "date": "2026-12-01"}
          },
          "自建房": {
            "primary": {"value": 0.2, "source": "preset: rural self-built homes", "date": "2026-12-01"},
            "junior": {"value": 0.1, "source": "preset: rural self-built homes", "date": "2026-12-01"}
          }
        },
        "occupancy": [
          {"value": 0.3, "source": "preset: share of dwellings occupied in the delivery year", "date": "2026-12-01"},
          {"value": 0.6, "source": "preset: occupied one year after delivery", "date": "2026-12-01"},
          {"value": 0.8, "source": "preset: occupied two years after delivery", "date": "2026-12-01"},
          {"value": 0.9, "source": "preset: occupied three years after delivery", "date": "2026-12-01"}
        ]
      },
      "bands": {"red": 1.0, "yellow": 0.9, "surplus": 0.6},
      "caveats": [
        "政策调整 / policy changes",
        "学区重新划分 / re-drawn catchments",
        "学校规模调整 / school size changes",
        "新建住房交付 / new housing delivered",
        "户籍迁移 / 户籍 moves",
        "在外地就读的儿童 / children who study elsewhere"
      ],
      "plan": {
        "fill_band": [0.0, 1.0],
        "class_size_limit": {"primary": 45, "junior": 50},
        "school_size_limit": {"primary": 2000, "junior": 2500},
        "trip_growth": 0.5,
        "trip_floor_m": 1500,
        "absolute_trip_m": {"primary": 3000, "junior": 8000},
        "move_penalty_km": [1.0, 4.0, 0.25],
        "g13_target": {"primary": 1.0, "junior": 0.95}
      },
      "adoption": {"publicity_months": 1, "source": "seats.md: a catchment change goes through 论证, a hearing and one month of 公示"}
    }
    """#

    /// The presets with `overrides` (JSON of the same shape, any subset) merged in: objects merge key by key,
    /// anything else replaces the preset.
    public static func load(overrides: Data? = nil) throws(SeatsPresetError) -> SeatsSettings {
        guard let base = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw .invalid("built-in presets")
        }
        var merged = base
        if let overrides {
            guard overrides.count <= 1 << 20,
                  let o = try? JSONSerialization.jsonObject(with: overrides) as? [String: Any] else {
                throw .invalid("override file: a JSON object of at most 1 MiB")
            }
            merged = merge(base, o)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: merged) else { throw .invalid("override file") }
        do { return try JSONDecoder().decode(SeatsSettings.self, from: data) } catch {
            throw .invalid("override file: \(error)")
        }
    }

    static func merge(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
        var out = a
        for (k, v) in b {
            if let x = out[k] as? [String: Any], let y = v as? [String: Any] { out[k] = merge(x, y) } else { out[k] = v }
        }
        return out
    }
}

/// Why a presets override file was refused.
public enum SeatsPresetError: Error, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let what): "无效的学位参数文件 / invalid seats presets: \(what)" }
    }
}

/// One coefficient of the forecast with where it came from and when.
public struct Coefficient: Sendable, Codable, Equatable {
    public var value: Double
    public var source: String
    public var date: String
    public init(value: Double, source: String, date: String) { (self.value, self.source, self.date) = (value, source, date) }
}

/// low / base / high forecast scenarios.
public enum Scenario: String, Sendable, Codable, CaseIterable {
    case low, base, high
}

/// A value per section, decoded from {"primary": …, "junior": …}.
public struct BySection<T: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var primary: T
    public var junior: T
    public init(primary: T, junior: T) { (self.primary, self.junior) = (primary, junior) }
    public subscript(_ s: SeatSection) -> T { s == .primary ? primary : junior }
}

/// A value per scenario, decoded from {"low": …, "base": …, "high": …}.
public struct ByScenario<T: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public var low: T
    public var base: T
    public var high: T
    public subscript(_ s: Scenario) -> T {
        switch s {
        case .low: low
        case .base: base
        case .high: high
        }
    }
}

/// The forecast coefficients (presets; fitted ratios replace the entry and progression presets where history exists).
public struct ForecastCoefficients: Sendable, Codable, Equatable {
    public var entryRatio: BySection<Coefficient>
    public var entryRatioBounds: [Double]
    public var progression: Coefficient
    public var progressionBounds: [Double]
    /// Net migration per year (a fraction of the children counted).
    public var migration: ByScenario<Coefficient>
    /// Yearly factor on births not yet registered (cohorts born after the last birth year on record).
    public var birthTrend: ByScenario<Coefficient>
    /// Factor on every housing yield.
    public var yieldScale: ByScenario<Coefficient>
    /// Pupils of a section per dwelling, by housing type (the whole section, spread evenly over its grades).
    public var yield: [String: BySection<Coefficient>]
    /// Share of dwellings occupied by years since delivery (0 = the delivery year); the last value continues.
    public var occupancy: [Coefficient]

    enum CodingKeys: String, CodingKey {
        case entryRatio = "entry_ratio", entryRatioBounds = "entry_ratio_bounds", progression
        case progressionBounds = "progression_bounds", migration, birthTrend = "birth_trend", yieldScale = "yield_scale"
        case yield, occupancy
    }

    /// The occupancy share `years` after delivery (0 before delivery).
    public func occupancy(yearsAfterDelivery years: Int) -> Double {
        guard years >= 0, let last = occupancy.last else { return years >= 0 && occupancy.isEmpty ? 1 : 0 }
        return years < occupancy.count ? occupancy[years].value : last.value
    }
}

/// 学位预警 bands on demand ÷ approved intake: red ≥ `red`, yellow ≥ `yellow`, surplus < `surplus`, green between.
public struct WarningBands: Sendable, Codable, Equatable {
    public var red: Double
    public var yellow: Double
    public var surplus: Double
    public init(red: Double = 1.0, yellow: Double = 0.9, surplus: Double = 0.6) { (self.red, self.yellow, self.surplus) = (red, yellow, surplus) }
}

/// The catchment-plan rules: fill band, G5 class size, G4 school size, trip limits and the move penalties of the plans.
public struct PlanRules: Sendable, Codable, Equatable {
    /// Pupils ÷ seats of every school within [lower, upper].
    public var fillBand: [Double]
    /// G5: pupils per class of every grade at most this.
    public var classSizeLimit: BySection<Int>
    /// G4: pupils of a school section at most this.
    public var schoolSizeLimit: BySection<Int>
    /// A new trip may be at most today's × (1 + tripGrowth), or `tripFloorMetres` when that is longer.
    public var tripGrowth: Double
    public var tripFloorMetres: Double
    /// No new trip longer than this (today's school stays allowed whatever its distance).
    public var absoluteTripMetres: BySection<Double>
    /// Pupil-km charged per pupil moved from their school of record; one plan per entry.
    public var movePenaltyKm: [Double]
    /// G13: share of entry-grade pupils admitted by catchment (城区/镇区 100% 小学, ≥ 95% 初中).
    public var g13Target: BySection<Double>

    enum CodingKeys: String, CodingKey {
        case fillBand = "fill_band", classSizeLimit = "class_size_limit", schoolSizeLimit = "school_size_limit"
        case tripGrowth = "trip_growth", tripFloorMetres = "trip_floor_m", absoluteTripMetres = "absolute_trip_m"
        case movePenaltyKm = "move_penalty_km", g13Target = "g13_target"
    }

    /// Whether a unit whose school of record is `today` metres away may be sent `metres` to another school.
    public func allowsTrip(_ metres: Double, today: Double, section: SeatSection) -> Bool {
        metres <= max(today * (1 + tripGrowth), tripFloorMetres) && metres <= absoluteTripMetres[section]
    }

    public var fillLower: Double { fillBand.first ?? 0 }
    public var fillUpper: Double { fillBand.count > 1 ? fillBand[1] : 1 }
}

/// All presets of the seats capability after overrides.
public struct SeatsSettings: Sendable, Codable, Equatable {
    public var coefficients: ForecastCoefficients
    public var bands: WarningBands
    public var caveats: [String]
    public var plan: PlanRules
    /// The 草案 → 生效 workflow's rules (the minimum 公示 period).
    public var adoption: AdoptionRules
}
