using System.Globalization;
using System.Resources;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Training;
using BranchNetwork.Tests.Infrastructure;
using BranchNetwork.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BranchNetwork.Tests.Audit;

/// <summary>
/// The audit page names every field in words, in both languages: whatever field the trail records for the demo's
/// records, and the void of every record that can be voided.
/// </summary>
public sealed class AuditFieldNamesTests : IDisposable
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    private readonly TestNetwork network = new(seedFigures: true);

    public void Dispose() => network.Dispose();

    // A report's values are its indicators' codes, named by the catalogue, not by a resource; what is said about a
    // value ({code}:{part}) and the report's own fields are named by resources.
    private static string? KeyOf(string entityType, string field, IReadOnlySet<string> indicatorCodes) => (entityType, field.Split(':')) switch
    {
        (AuditEntities.Report, [var code, var part]) when indicatorCodes.Contains(code) => $"Field.Report.{part}",
        (AuditEntities.Report, _) when indicatorCodes.Contains(field) => null,
        // A session's attendance changes are named by the person, not by a field.
        _ when !field.All(char.IsAsciiLetterOrDigit) => null,
        _ => $"Field.{entityType}.{field}",
    };

    private static readonly Dictionary<Type, string> Voidable = new()
    {
        [typeof(Grant)] = AuditEntities.Grant,
        [typeof(ResourceItem)] = AuditEntities.Resource,
        [typeof(Delivery)] = AuditEntities.Delivery,
        [typeof(Closure)] = AuditEntities.Closure,
        [typeof(Activity)] = AuditEntities.Activity,
        [typeof(TrainingSession)] = AuditEntities.Training,
        [typeof(StatisticsOverride)] = AuditEntities.Statistics,
    };

    /// <summary>A manual score with evidence, then the item removed: the trail records the score's, the evidence's and the removal's fields.</summary>
    private async Task ScoreAndRemoveAnAssessmentItemAsync()
    {
        var assessment = network.Services.GetRequiredService<AssessmentService>();
        var item = (await assessment.TreeAsync()).Sections.SelectMany(s => s.Items).First(i => i.Definition.Kind == AssessmentKind.Manual);
        var version = await assessment.AttachFileAsync(item.Id, 2025, 0, "photo.png", BranchNetwork.Tests.Resources.ResourcesTests.Png);
        version = await assessment.ScoreManualAsync(item.Id, 2025, version, 1, "note");
        await assessment.RemoveItemAsync(item.Id, item.Version);
    }

    [Fact]
    public async Task Every_field_the_trail_records_for_the_demo_has_a_name_in_both_languages()
    {
        network.User.Actor = Actor.System;
        foreach (var seed in new Func<Task>[]
                 {
                     () => network.Services.GetRequiredService<DemoTraining>().SeedAsync(),
                     () => network.Services.GetRequiredService<DemoActivities>().SeedAsync(),
                     () => network.Services.GetRequiredService<DemoResources>().SeedAsync(),
                     () => network.Services.GetRequiredService<DemoPopulation>().SeedAsync(),
                     () => network.Services.GetRequiredService<StatisticsReturnService>().SetOverrideAsync(2020, "11", 1200, "古籍普查", null),
                     () => network.Services.GetRequiredService<ExampleAssessment>().SeedAsync(),
                     ScoreAndRemoveAnAssessmentItemAsync,
                 })
        {
            await seed();
        }

        await ReviewTwoReportsAsync();

        await using var db = network.Database.CreateDbContext();
        var indicatorCodes = (await db.Indicators.Select(i => i.Code).ToListAsync()).ToHashSet();
        var recorded = (await db.AuditEntries.AsNoTracking().Where(e => e.Changes != null).ToListAsync())
            .SelectMany(e => System.Text.Json.JsonSerializer.Deserialize(e.Changes!, AuditJson.Default.ListFieldChange)!
                .Select(c => KeyOf(e.EntityType, c.Field, indicatorCodes))
                .OfType<string>())
            .Distinct()
            .ToList();
        var voids = Voidable.Values.SelectMany(type => new[] { "VoidReason", "VoidedBy", "VoidedAtUtc" }.Select(f => $"Field.{type}.{f}"));

        var missing = recorded.Concat(voids).Distinct()
            .Where(key => Resources.GetString(key, CultureInfo.InvariantCulture) is null || Resources.GetString(key, new CultureInfo("en")) is null)
            .Order().ToList();

        Assert.True(recorded.Count > 40, $"only {recorded.Count} fields recorded");
        Assert.Contains("Field.Report.returnComment", recorded);
        Assert.Contains("Field.Report.explanation", recorded);
        Assert.True(missing.Count == 0, "No name for: " + string.Join(", ", missing));
    }

    /// <summary>
    /// The reviews the demo's figures do not go through the trail for: 青莲镇's flagged report is returned with a
    /// comment on a value, another one approved.
    /// </summary>
    private async Task ReviewTwoReportsAsync()
    {
        var month = network.Figures.LastFullMonth;
        var queue = (await network.Figures.ReviewQueueAsync(new ReviewFilter("YS-QL", month), TestPaging.AllOfIt)).Page.Items;
        var flagged = queue.Single(i => i.UnitCode == "YS-QL-01");
        var version = await network.Figures.ReturnAsync(flagged.UnitCode, month, flagged.Version, "请核对到馆人次",
            new Dictionary<string, string?> { ["visits"] = "请附活动签到表" });
        await network.Figures.SaveValueAsync(flagged.UnitCode, month, "visits", flagged.Values.Single(v => v.IndicatorCode == "visits").Value, "乡村文化节 (已核对)", version);
        var other = queue.First(i => i.UnitCode != flagged.UnitCode);
        await network.Figures.ApproveAsync(other.UnitCode, month, other.Version);
    }
}
