/// Place names for synthetic counties, towns and villages.
enum DemoNames {
    static let counties = ["青山县", "临溪县", "白沙县", "云岭县", "东湖区", "桃江县", "石门县", "清河县", "凤阳县", "龙泉县",
                           "安平县", "永宁县", "长乐县", "新丰县", "平川县", "武陵县"]
    static let towns = ["城关", "东关", "西河", "南坪", "北岭", "石桥", "柳湾", "李庄", "杨林", "桃源", "龙泉", "凤凰",
                        "新华", "红旗", "前进", "和平", "长安", "永兴", "太平", "清水", "白云", "金山", "黄土", "马头"]
    /// Towns other than the county seat (城关).
    static let ruralTowns = towns.filter { $0 != "城关" }
    static let villages = ["上坪", "下湾", "刘家", "陈庄", "王村", "张寨", "赵家岭", "高桥", "松树", "竹园", "梨树", "河口",
                           "沙坝", "岩头", "田心", "枫林", "茶园", "杏花", "水口", "羊角"]
    static let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// 第N as written in school names (第一…第十, then digits).
    static func ordinal(_ n: Int) -> String { n <= ordinals.count ? ordinals[n - 1] : String(n) }
}
