import Foundation

/// The built-in frameworks as JSON data (the same format as override files): `acbs`, `card`, `national`.
public enum RulePresets {
    /// Korea's Academic Credit Bank System toward a bachelor (credit-bank.md). 15 hours per credit is the usual Korean
    /// 1-credit = 15-hour convention, used only when an outcome states hours and no credits (a preset, not in the reference).
    public static let acbsJSON = """
    {
      "id": "acbs", "name": "韩国学分银行制 ACBS（学士）/ Korea Academic Credit Bank System (bachelor)",
      "unit": "credits", "hours_per_credit": 15, "year_start": "03-01",
      "terms": [{"name": "第1学期 / term 1", "start": "03-01"}, {"name": "第2学期 / term 2", "start": "09-01"}],
      "min_attendance_pct": 80, "min_score": 60,
      "programme": {"id": "bachelor", "name": "学士 / bachelor", "required_credits": 140,
                    "requirements": {"通识 / liberal arts": 30, "专业 / major": 60}},
      "caps": [
        {"id": "acbs.year", "scope": "year", "limit": 42},
        {"id": "acbs.term", "scope": "term", "limit": 24},
        {"id": "acbs.institution", "scope": "institution", "limit": 105}
      ],
      "conversions": [],
      "source": "credit-bank.md: bachelor 140; ≤ 42/year from 1 March; ≤ 24/term; ≤ 105 from one institution; attendance ≥ 80%, score ≥ 60"
    }
    """

    /// A Cixi-style 市民学习卡: 1 point per full hour of community learning, no caps.
    public static let cardJSON = """
    {
      "id": "card", "name": "市民终身学习卡（慈溪式）/ community learning card (Cixi style)",
      "unit": "points", "points_per_full_hour": 1, "year_start": "01-01",
      "terms": [{"name": "全年 / whole year", "start": "01-01"}],
      "caps": [], "conversions": [],
      "source": "credit-bank.md: Cixi 市民学习卡, 1 point per full hour of community learning"
    }
    """

    /// A national-style default: 16 学时 per credit, academic year from 1 September, pass mark 60, non-degree and
    /// informal learning at most half of the programme, and the conversion examples of credit-bank.md. The 50% share,
    /// the 10-credit informal cap and the programme size are presets a county changes (no national cap exists).
    public static let nationalJSON = """
    {
      "id": "national", "name": "国家学分银行式默认规则 / national-style default",
      "unit": "credits", "hours_per_credit": 16, "year_start": "09-01",
      "terms": [{"name": "秋季学期 / autumn", "start": "09-01"}, {"name": "春季学期 / spring", "start": "03-01"}],
      "min_score": 60,
      "programme": {"id": "associate", "name": "专科（高职）示例 / associate (example)", "required_credits": 120},
      "caps": [
        {"id": "national.converted_share", "scope": "programme_share", "percent": 50, "kinds": ["非学历", "无定式"]},
        {"id": "national.informal", "scope": "kind", "limit": 10, "kinds": ["无定式"]}
      ],
      "conversions": [
        {"id": "national.ncre1", "title_contains": "计算机等级考试一级", "credits": 4, "exempts": ["计算机应用基础"]},
        {"id": "national.pets2", "title_contains": "公共英语等级考试二级", "credits": 4, "exempts": ["大学英语（一）"]},
        {"id": "national.courier", "title_contains": "快递员", "credits": 8, "exempts": ["物流基础", "快递实务", "客户服务"]}
      ],
      "source": "credit-bank.md: 16 学时 per credit common; caps set by the receiving programme (50%/10 are presets); courier qualification exempts 3 courses worth 8 credits"
    }
    """

    /// Preset ids in order.
    public static let ids = ["acbs", "card", "national"]

    /// The preset with this id, decoded from its JSON.
    public static func rules(id: String) -> CreditRules? {
        let json: String
        switch id {
        case "acbs": json = acbsJSON
        case "card": json = cardJSON
        case "national": json = nationalJSON
        default: return nil
        }
        return try? JSONDecoder().decode(CreditRules.self, from: Data(json.utf8))
    }
}
