/// County-grain items of 政府保障程度 and 教育质量.
extension Context {
    func governmentCounty(_ d: ItemDefinition) -> ItemResult {
        var m: [Missing] = []
        let k = d.key
        switch k {
        case "G2":
            let ratio = rules.number(k, "min_ratio_to_province")
            let p = figure(.baseFundsPrimary, &m), pp = figure(.provinceBaseFundsPrimary, &m)
            let j = figure(.baseFundsJunior, &m), pj = figure(.provinceBaseFundsJunior, &m)
            return countyItem(d, [
                measure("base_funds_primary_yuan", "小学生均公用经费基准定额（元）", "primary per-student base funds (yuan)", pp == nil ? nil : p,
                        .atLeast, (pp ?? 0) * ratio),
                measure("base_funds_junior_yuan", "初中生均公用经费基准定额（元）", "junior per-student base funds (yuan)", pj == nil ? nil : j,
                        .atLeast, (pj ?? 0) * ratio),
            ], missing: m)
        case "G8":
            let pay = figure(.teacherAvgPay, &m), civil = figure(.civilServantAvgPay, &m)
            let approved = figure(.performancePayFullyApproved, &m)
            return countyItem(d, [
                measure("teacher_avg_pay_yuan", "教师年平均工资（元）", "teachers' average annual pay (yuan)", civil == nil ? nil : pay,
                        .atLeast, (civil ?? 0) * rules.number(k, "min_pay_ratio")),
                measure("performance_pay_fully_approved", "绩效工资足额核定（是=1）", "performance pay fully approved (yes = 1)",
                        approved, .atLeast, 1),
            ], missing: m)
        case "G11":
            let eligible = figure(.rotationEligible, &m), exchanged = figure(.rotationExchanged, &m)
            let backbone = figure(.rotationBackboneExchanged, &m)
            let ofEligible = rules.flag(k, "backbone_share_of_eligible")
            let rate = ratio(exchanged, eligible, &m, zeroZH: "符合交流条件教师数大于0", zeroEN: "eligible teachers > 0",
                             field: "county.rotation_eligible")
            let share = ratio(backbone, ofEligible ? eligible : exchanged, &m,
                              zeroZH: ofEligible ? "符合交流条件教师数大于0" : "交流轮岗教师数大于0（无人交流时骨干比例无从计算）",
                              zeroEN: ofEligible ? "eligible teachers > 0" : "exchanged teachers > 0",
                              field: ofEligible ? "county.rotation_eligible" : "county.rotation_exchanged")
            return countyItem(d, [
                measure("exchange_rate", "交流轮岗比例", "exchange rate", rate, .atLeast, rules.number(k, "min_exchange_rate")),
                measure("backbone_share", ofEligible ? "骨干教师交流人数 ÷ 符合条件人数" : "骨干教师占交流人数比例",
                        ofEligible ? "backbone exchanged ÷ eligible" : "backbone share of those exchanged",
                        share, .atLeast, rules.number(k, "min_backbone_share")),
            ], missing: m)
        case "G14":
            let plan = figure(.qualityHighSchoolPlan, &m), quota = figure(.quotaPlaces, &m)
            var measures = [measure("quota_share", "名额分配比例", "share of places allocated",
                                    ratio(quota, plan, &m, zeroZH: "优质高中招生计划大于0", zeroEN: "a plan > 0",
                                          field: "county.quality_high_school_plan"),
                                    .atLeast, rules.number(k, "min_quota_share"))]
            if rules.flag(k, "rural_tilt") {
                let rural = figure(.quotaPlacesRural, &m), grads = figure(.juniorGraduates, &m)
                let ruralGrads = figure(.juniorGraduatesRural, &m)
                let ruralShare = ratio(rural, quota, &m, zeroZH: "分配名额大于0", zeroEN: "quota places > 0", field: "county.quota_places")
                let gradShare = ratio(ruralGrads, grads, &m, zeroZH: "初中毕业生数大于0", zeroEN: "junior graduates > 0",
                                      field: "county.junior_graduates")
                measures.append(measure("rural_quota_share", "农村初中名额占比（应不低于农村初中毕业生占比）",
                                        "rural share of the quota (≥ the rural share of graduates)",
                                        gradShare == nil ? nil : ruralShare, .atLeast, gradShare ?? 0))
            }
            return countyItem(d, measures, missing: m)
        case "G15":
            let eligible = figure(.migrantChildrenEligible, &m)
            let pub = figure(.migrantInPublic, &m), bought = figure(.migrantInPurchased, &m)
            let placed = pub.flatMap { a in bought.map { a + $0 } }
            return countyItem(d, [
                measure("migrant_public_rate", "随迁子女公办及政府购买学位就读比例", "migrant children in public or purchased places",
                        ratio(placed, eligible, &m, zeroZH: "符合条件随迁子女数大于0", zeroEN: "eligible migrant children > 0",
                              field: "county.migrant_children_eligible"),
                        .atLeast, rules.number(k, "min_migrant_public_rate")),
            ], missing: m)
        default:
            // G1, G10: the reviewer's verdict alone.
            return countyItem(d, [], missing: [])
        }
    }

    func qualityCounty(_ d: ItemDefinition) -> ItemResult {
        var m: [Missing] = []
        let k = d.key
        switch k {
        case "Q1":
            let g7 = figure(.cohortGrade7Enrolment, &m), deaths = figure(.cohortDeaths, &m)
            let grads = figure(.cohortGraduates, &m), tin = figure(.cohortTransfersIn, &m), tout = figure(.cohortTransfersOut, &m)
            var numerator: Double?
            if let grads, let tin, let tout { numerator = grads - tin + tout }
            let denominator = g7.flatMap { a in deaths.map { a - $0 } }
            return countyItem(d, [
                measure("retention_rate", "初中三年巩固率", "three-year junior retention",
                        ratio(numerator, denominator, &m, zeroZH: "七年级入学人数 − 死亡人数 大于0", zeroEN: "grade-7 enrolment − deaths > 0",
                              field: "county.cohort_grade7_enrolment"),
                        .atLeast, rules.number(k, "min_retention_rate")),
            ], missing: m)
        case "Q2":
            let children = figure(.disabledChildren, &m), enrolled = figure(.disabledEnrolled, &m)
            let home = rules.flag(k, "count_home_tuition") ? (input.county[.disabledHomeTaught] ?? 0) : 0
            if children == 0 {
                return countyItem(d, [], missing: [], notesZH: ["无适龄残疾儿童少年"], notesEN: ["no school-age children with disabilities"],
                                  forceStatus: .passed)
            }
            return countyItem(d, [
                measure("disabled_enrolment_rate", "残疾儿童少年入学率", "enrolment of children with disabilities",
                        ratio(enrolled.map { $0 + home }, children, &m, zeroZH: "", zeroEN: "", field: "county.disabled_children"),
                        .atLeast, rules.number(k, "min_enrolment_rate")),
            ], missing: m)
        case "Q9":
            guard !input.monitoring.isEmpty else {
                return countyItem(d, [], missing: [Missing(field: "monitoring", zh: "质量监测结果（质量监测表）", en: "the monitoring results (monitoring sheet)")])
            }
            let minLevel = rules.number(k, "min_level"), maxRate = rules.number(k, "max_between_school_rate")
            var measures: [Measure] = []
            for r in input.monitoring {
                measures.append(measure("level:" + r.subject, "\(r.subject) 学业水平等级", "\(r.subject) level", Double(r.level), .atLeast, minLevel))
                measures.append(measure("between_school_rate:" + r.subject, "\(r.subject) 校际差异率", "\(r.subject) between-school rate",
                                        r.betweenSchoolRate, .below, maxRate))
            }
            return countyItem(d, measures, missing: [])
        default:
            // Q5, Q7, Q8: the reviewer's verdict.
            return countyItem(d, [], missing: [])
        }
    }
}
