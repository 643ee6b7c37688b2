namespace BranchNetwork.Core.Network;

/// <summary>
/// The network of Yangshan County Library (阳山县图书馆) as of 2020: the head library, its 13 township branches and
/// 39 village service points. Township names, the 2019/2020 batches and 火岗村/三所村 under 七拱镇 are real; the
/// other village names, addresses, contacts, phones and coordinates are invented for the demo.
/// </summary>
public static class DemoNetwork
{
    public const string HeadLibraryCode = "YS";

    public sealed record Township(string Code, string Name, int BatchYear, double Latitude, double Longitude, string[] Villages);

    public static readonly IReadOnlyList<Township> Townships =
    [
        new("YC", "阳城镇", 2019, 24.470, 112.640, ["东山村", "南岗村", "石螺村"]),
        new("QG", "七拱镇", 2019, 24.560, 112.510, ["火岗村", "三所村", "新圩村"]),
        new("DB", "杜步镇", 2019, 24.330, 112.680, ["石角村", "龙坑村", "大塘村"]),
        new("LIB", "黎埠镇", 2019, 24.520, 112.330, ["大田村", "桥头村", "平洞村"]),
        new("QL", "青莲镇", 2019, 24.270, 112.820, ["大坪村", "龙井村", "江坑村"]),
        new("TP", "太平镇", 2020, 24.420, 112.780, ["龙塘村", "马山村", "西岸村"]),
        new("JY", "江英镇", 2020, 24.270, 112.560, ["水西村", "上坪村", "蕉园村"]),
        new("YM", "杨梅镇", 2020, 24.600, 112.920, ["岭头村", "石门村", "大岭村"]),
        new("DL", "大崀镇", 2020, 24.380, 112.450, ["塘坑村", "横山村", "白石村"]),
        new("XJ", "小江镇", 2020, 24.640, 112.680, ["江口村", "沙坪村", "水口村"]),
        new("LB", "岭背镇", 2020, 24.570, 112.790, ["南坑村", "朱岗村", "石坪村"]),
        new("HB", "黄坌镇", 2020, 24.340, 112.900, ["坪坑村", "中心村", "竹山村"]),
        new("CJ", "秤架瑶族乡", 2020, 24.780, 112.850, ["新洞村", "茶坑村", "瑶山村"]),
    ];

    private static readonly string[] Surnames = ["陈", "黄", "李", "梁", "欧阳", "邓", "冯", "刘", "罗", "谢", "何", "朱", "莫"];
    private static readonly string[] GivenNames = ["志明", "秀英", "建华", "丽娟", "国强", "晓燕", "伟", "海燕", "永红", "春梅", "文杰", "桂芳", "振东"];

    public sealed record DemoUnit(UnitKind Kind, string Code, string? ParentCode, UnitProfile Profile, DateOnly PlaquedOn);

    /// <summary>The 53 units in tree order (head library, then each branch followed by its service points).</summary>
    public static IEnumerable<DemoUnit> Units()
    {
        yield return new DemoUnit(
            UnitKind.HeadLibrary,
            HeadLibraryCode,
            null,
            new UnitProfile(
                "阳山县图书馆", "阳城镇", "阳山县阳城镇城南路文化中心", "欧阳晓红", "0763-6623001",
                OpeningHoursPerWeek: 63, FloorArea: 3600, Seats: 420, Latitude: 24.466, Longitude: 112.636, BatchYear: null,
                OpenedOn: new DateOnly(1985, 10, 1)),
            new DateOnly(2020, 6, 18));

        for (var t = 0; t < Townships.Count; t++)
        {
            var town = Townships[t];
            var branchCode = $"{HeadLibraryCode}-{town.Code}";
            yield return new DemoUnit(
                UnitKind.Branch,
                branchCode,
                HeadLibraryCode,
                new UnitProfile(
                    $"阳山县图书馆{town.Name}分馆", town.Name, $"阳山县{town.Name}文化站二楼",
                    Person(t), $"0763-67{t + 10:00}{200 + t * 7:000}",
                    OpeningHoursPerWeek: 40, FloorArea: 120 + t * 10, Seats: 30 + t % 4 * 5,
                    Latitude: town.Latitude, Longitude: town.Longitude, BatchYear: town.BatchYear, OpenedOn: OpeningOf(town.BatchYear)),
                PlaqueDate(town.BatchYear, t));

            for (var v = 0; v < town.Villages.Length; v++)
            {
                var village = town.Villages[v];
                yield return new DemoUnit(
                    UnitKind.ServicePoint,
                    $"{branchCode}-{v + 1:00}",
                    branchCode,
                    new UnitProfile(
                        $"{village}服务点", town.Name, $"阳山县{town.Name}{village}村委会一楼",
                        Person(t + v * 5 + 3), $"0763-68{t + 10:00}{310 + v * 11 + t:000}",
                        OpeningHoursPerWeek: 24 + v * 3, FloorArea: 40 + v * 10, Seats: 10 + v * 4,
                        Latitude: Math.Round(town.Latitude + (v - 1) * 0.021, 4),
                        Longitude: Math.Round(town.Longitude + (v % 2 == 0 ? 0.018 : -0.016), 4),
                        BatchYear: town.BatchYear, OpenedOn: OpeningOf(town.BatchYear)),
                    PlaqueDate(town.BatchYear, t).AddDays(v + 1));
            }
        }
    }

    /// <summary>The 2019 batch serves readers from 2019, the 2020 batch from 2020 (demo assumption).</summary>
    public static DateOnly OpeningOf(int batchYear) => new(batchYear, 1, 1);

    private static string Person(int i) => Surnames[i % Surnames.Length] + GivenNames[(i * 7 + 3) % GivenNames.Length];

    // The 2019 batch was plaqued in summer 2020, the 2020 batch towards the end of the year.
    private static DateOnly PlaqueDate(int batchYear, int index) =>
        batchYear == 2019 ? new DateOnly(2020, 7, 6).AddDays(index * 2) : new DateOnly(2020, 11, 9).AddDays(index * 2);
}
