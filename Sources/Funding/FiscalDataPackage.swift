import Foundation

/// Writes a county's published year as a Fiscal Data Package: a Tabular Data Package (Data Package v1) whose
/// `datapackage.json` describes CSV resources at relative paths, with the FDP `model` (the amount measure with its
/// currency CNY) and the FDP 1.0 budget taxonomy's `columnType` on each field. Amounts are yuan with two decimals
/// (exact, from 分) and also given as integer 分.
public enum FiscalDataPackage {
    /// The files of the package: `datapackage.json`, `budget-lines.csv`, `projects.csv`, keyed by relative path.
    public static func files(_ data: FundingDataset, year: Int, catalog: ClassificationCatalog?) -> [(path: String, bytes: [UInt8])] {
        let names = Dictionary(data.schools.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines = "fiscal_year,county_code,school_code,school_name,phase,phase_label,functional_code,functional_label,economic_code,economic_label,fund_source,programme,amount,amount_fen,currency\r\n"
        let sorted = data.lines.filter { $0.fiscalYear == year }.sorted {
            ($0.schoolCode, $0.phase, $0.functionalCode, $0.economicCode, $0.source.key, $0.source.programme)
                < ($1.schoolCode, $1.phase, $1.functionalCode, $1.economicCode, $1.source.key, $1.source.programme)
        }
        for l in sorted {
            lines += row(["\(l.fiscalYear)", data.countyCode, l.schoolCode, names[l.schoolCode] ?? "", l.phase.key, l.phase.rawValue,
                          l.functionalCode, catalog?.functionalName(l.functionalCode) ?? "", l.economicCode,
                          catalog?.economicName(l.economicCode) ?? "", l.source.key, l.source.programme, l.amount.yuanString,
                          "\(l.amount.fen)", "CNY"])
        }
        var projects = "fiscal_year,county_code,project_code,project_name,school_code,indicator,budget,budget_fen,currency,stage,stage_label,intent_date,tender_date,award_date,contract_date,acceptance_date,payment_date,execution_percent\r\n"
        for p in data.projects.filter({ $0.fiscalYear == year }).sorted(by: { $0.code < $1.code }) {
            let dates = [ProcurementStage.intent, .tender, .award, .contract, .acceptance, .payment].map { p.stages[$0]?.description ?? "" }
            projects += row(["\(p.fiscalYear)", data.countyCode, p.code, p.name, p.schoolCode, p.indicatorKey, p.budget.yuanString,
                             "\(p.budget.fen)", "CNY", p.stage?.key ?? "", p.stage?.rawValue ?? ""] + dates + ["\(p.executionPercent)"])
        }
        let json = descriptor(countyCode: data.countyCode, countyName: data.countyName, year: year)
        return [("datapackage.json", Array(json.utf8)), ("budget-lines.csv", Array(lines.utf8)), ("projects.csv", Array(projects.utf8))]
    }

    /// A package name: lower-case letters, digits and `-` only.
    public static func packageName(countyCode: String, year: Int) -> String {
        "junheng-education-funding-" + String(countyCode.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init)) + "-\(year)"
    }

    static func field(_ name: String, _ type: String, _ title: String, _ columnType: String? = nil, extra: [String: Any] = [:]) -> [String: Any] {
        var f: [String: Any] = ["name": name, "type": type, "title": title]
        if let columnType { f["columnType"] = columnType }
        for (k, v) in extra { f[k] = v }
        return f
    }

    static func descriptor(countyCode: String, countyName: String, year: Int) -> String {
        let amountExtra: [String: Any] = ["decimalChar": ".", "groupChar": "", "description": "元，两位小数 / yuan, two decimals", "unit": "CNY"]
        let required: [String: Any] = ["constraints": ["required": true]]
        let lineFields: [[String: Any]] = [
            field("fiscal_year", "integer", "财政年度 / fiscal year", "date:fiscal-year", extra: required),
            field("county_code", "string", "区县代码 / county code", "administrative-classification:generic:level1:code", extra: required),
            field("school_code", "string", "学校标识码 / school code", "administrative-classification:generic:level2:code", extra: required),
            field("school_name", "string", "学校名称 / school name", "administrative-classification:generic:level2:label"),
            field("phase", "string", "预算阶段 / phase", "value-kind:code",
                  extra: ["constraints": ["required": true, "enum": BudgetPhase.allCases.map(\.key)]]),
            field("phase_label", "string", "预算阶段名称 / phase label", "value-kind:label"),
            field("functional_code", "string", "支出功能分类科目编码 / functional classification", "functional-classification:generic:level1:code", extra: required),
            field("functional_label", "string", "功能分类名称 / functional label", "functional-classification:generic:level1:label"),
            field("economic_code", "string", "支出经济分类科目编码 / economic classification", "economic-classification:generic:level1:code", extra: required),
            field("economic_label", "string", "经济分类名称 / economic label", "economic-classification:generic:level1:label"),
            field("fund_source", "string", "资金来源 / fund source", nil,
                  extra: ["constraints": ["required": true, "enum": ["own", "transfer", "donation"]]]),
            field("programme", "string", "转移支付项目 / transfer programme"),
            field("amount", "number", "金额（元）/ amount (CNY)", "value", extra: amountExtra.merging(required) { a, _ in a }),
            field("amount_fen", "integer", "金额（分）/ amount in fen (0.01 CNY)"),
            field("currency", "string", "币种 / currency", "value-currency:code", extra: ["constraints": ["enum": ["CNY"]]]),
        ]
        let projectFields: [[String: Any]] = [
            field("fiscal_year", "integer", "财政年度 / fiscal year", "date:fiscal-year", extra: required),
            field("county_code", "string", "区县代码 / county code", "administrative-classification:generic:level1:code"),
            field("project_code", "string", "项目编码 / project code", "activity:generic:project:code", extra: required),
            field("project_name", "string", "项目名称 / project name", "activity:generic:project:label"),
            field("school_code", "string", "学校标识码 / school code", "administrative-classification:generic:level2:code"),
            field("indicator", "string", "关联优质均衡指标 / linked indicator"),
            field("budget", "number", "项目预算（元）/ budget (CNY)", "value", extra: amountExtra),
            field("budget_fen", "integer", "项目预算（分）/ budget in fen"),
            field("currency", "string", "币种 / currency", "value-currency:code", extra: ["constraints": ["enum": ["CNY"]]]),
            field("stage", "string", "采购阶段 / procurement stage", nil,
                  extra: ["constraints": ["enum": [""] + ProcurementStage.allCases.map(\.key)]]),
            field("stage_label", "string", "采购阶段名称 / stage label"),
        ] + ["intent", "tender", "award", "contract", "acceptance", "payment"].map {
            field("\($0)_date", "date", "\($0) date")
        } + [field("execution_percent", "integer", "执行进度（%）/ execution (%)", nil, extra: ["constraints": ["minimum": 0, "maximum": 100]])]
        func resource(_ name: String, _ title: String, _ fields: [[String: Any]]) -> [String: Any] {
            ["name": name, "title": title, "path": name + ".csv", "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8", "schema": ["fields": fields]]
        }
        let d: [String: Any] = [
            "profile": "tabular-data-package",
            "name": packageName(countyCode: countyCode, year: year),
            "title": "\(countyName) \(year) 年义务教育经费公开 / education funding \(year)",
            "description": "Published budget lines (年初预算/调整预算/执行/决算) and projects of the county's schools. Amounts in CNY.",
            "countryCode": "CN",
            "fiscalPeriod": ["start": "\(year)-01-01", "end": "\(year)-12-31"],
            "resources": [resource("budget-lines", "预算明细 / budget lines", lineFields), resource("projects", "项目 / projects", projectFields)],
            "model": [
                "measures": ["amount": ["source": "amount", "currency": "CNY", "factor": 1, "resource": "budget-lines"]],
                "dimensions": [
                    "date": ["dimensionType": "datetime", "primaryKey": ["fiscal_year"], "attributes": ["fiscal_year": ["source": "fiscal_year"]]],
                    "school": ["dimensionType": "entity", "primaryKey": ["school_code"],
                               "attributes": ["school_code": ["source": "school_code"], "school_name": ["source": "school_name", "labelfor": "school_code"]]],
                    "phase": ["dimensionType": "other", "primaryKey": ["phase"], "attributes": ["phase": ["source": "phase"]]],
                    "functional-classification": ["dimensionType": "classification", "classificationType": "functional", "primaryKey": ["functional_code"],
                                                  "attributes": ["functional_code": ["source": "functional_code"], "functional_label": ["source": "functional_label", "labelfor": "functional_code"]]],
                    "economic-classification": ["dimensionType": "classification", "classificationType": "economic", "primaryKey": ["economic_code"],
                                                "attributes": ["economic_code": ["source": "economic_code"], "economic_label": ["source": "economic_label", "labelfor": "economic_code"]]],
                    "fund-source": ["dimensionType": "other", "primaryKey": ["fund_source", "programme"],
                                    "attributes": ["fund_source": ["source": "fund_source"], "programme": ["source": "programme"]]],
                ],
            ],
        ]
        let bytes = (try? JSONSerialization.data(withJSONObject: d, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }

    /// One CSV record (RFC 4180 quoting; a text cell starting with `= + - @`, tab or CR that is not a plain number
    /// gets a leading `'` so no spreadsheet runs it as a formula, as everywhere in Junheng).
    static func row(_ cells: [String]) -> String {
        cells.map { c -> String in
            var v = c
            if let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), Decimal2.parse(v, scale: 6) == nil { v = "'" + v }
            if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            return v
        }.joined(separator: ",") + "\r\n"
    }
}
