namespace BranchNetwork.Core.Figures;

/// <summary>The standard catalogue of design §7, seeded on every start (missing ones only).</summary>
public static class StandardIndicators
{
    private const IndicatorScope Both = IndicatorScope.BranchesAndServicePoints;
    private const IndicatorFrequency Annual = IndicatorFrequency.Annual;

    public static readonly IReadOnlyList<(string Code, IndicatorDefinition Definition)> All =
    [
        ("visits", new("到馆人次", "Visits", "人次", false, 0, 500_000, Both, "A01", "VISITS")),
        ("loans", new("外借册次", "Items loaned", "册次", false, 0, 500_000, Both, "A02", "TOTCIR")),
        ("borrowers", new("外借人次", "Borrowing visits", "人次", false, 0, 200_000, Both, "A03")),
        ("new_cards", new("新办证数", "New library cards", "张", false, 0, 20_000, Both, "A04")),
        ("programs", new("读者活动场次", "Programmes held", "场", false, 0, 1_000, Both, "B01", "TOTPRO")),
        ("program_attendance", new("活动参与人次", "Programme attendance", "人次", false, 0, 200_000, Both, "B02", "TOTATTEN")),
        ("exhibitions", new("展览次数", "Exhibitions", "次", false, 0, 200, Both, "B03")),
        ("digital_uses", new("数字资源访问量", "Digital resource uses", "次", false, 0, 5_000_000, Both, "C01")),
        ("pc_uses", new("电子阅览使用人次", "Public computer uses", "人次", false, 0, 200_000, Both, "C02", "PITUSR")),
        ("open_hours", new("开放时长(小时)", "Open hours", "小时", true, 0, 744, Both, "D01", "HRS_OPEN")),
        ("volunteer_hours", new("志愿服务时长(小时)", "Volunteer hours", "小时", true, 0, 50_000, Both, "D02")),
        ("items_added", new("新增馆藏(册)", "Items added", "册", false, 0, 500_000, Both, "E01")),

        // Reported once a year, on the December report (design §7, annual figures).
        ("valid_cards", new("有效借书证数", "Valid library cards", "张", false, 0, 1_000_000, Both, "Y01", "REGBOR", Annual)),
        ("holdings", new("总藏量(册)", "Total holdings", "册", false, 0, 5_000_000, Both, "Y02", "BKVOL", Annual)),
        ("pc_terminals", new("电子阅览终端(台)", "Public computers", "台", false, 0, 1_000, Both, "Y03", "GPTERMS", Annual)),
        ("appropriation", new("财政拨款(元)", "Government funding", "元", true, 0, 100_000_000, Both, "Y04", "LOCGVT", Annual)),
        ("expenditure", new("总支出(元)", "Total expenditure", "元", true, 0, 100_000_000, Both, "Y05", "TOTOPEXP", Annual)),
    ];
}
