/// Masks personal data for roles that do not need it: names keep their first character, ID numbers their ends.
public enum Masking {
    /// 张三丰 → 张**; "wang.li" → w******.
    public static func name(_ s: String) -> String {
        guard let first = s.first else { return s }
        return String(first) + String(repeating: "*", count: max(1, s.count - 1))
    }

    /// 18-digit 身份证号 or phone number: first 3 and last 4 kept.
    public static func idNumber(_ s: String) -> String {
        guard s.count > 7 else { return String(repeating: "*", count: s.count) }
        return String(s.prefix(3)) + String(repeating: "*", count: s.count - 7) + String(s.suffix(4))
    }

    /// Whether a role sees people's names unmasked (administrators manage accounts; statisticians their county's staff).
    static func seesNames(_ role: Role) -> Bool { role == .admin || role == .statistician }
}
