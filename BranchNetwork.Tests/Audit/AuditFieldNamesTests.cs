using System.Globalization;
using System.Resources;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
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

    // A report's fields are its indicators' codes, named by the catalogue, not by a resource.
    private static readonly HashSet<string> NamedElsewhere = [AuditEntities.Report];

    private static readonly Dictionary<Type, string> Voidable = new()
    {
        [typeof(Grant)] = AuditEntities.Grant,
        [typeof(ResourceItem)] = AuditEntities.Resource,
        [typeof(Delivery)] = AuditEntities.Delivery,
        [typeof(Closure)] = AuditEntities.Closure,
        [typeof(Activity)] = AuditEntities.Activity,
        [typeof(TrainingSession)] = AuditEntities.Training,
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
                     () => network.Services.GetRequiredService<ExampleAssessment>().SeedAsync(),
                     ScoreAndRemoveAnAssessmentItemAsync,
                 })
        {
            await seed();
        }

        await using var db = network.Database.CreateDbContext();
        var recorded = (await db.AuditEntries.AsNoTracking().Where(e => e.Changes != null).ToListAsync())
            .Where(e => !NamedElsewhere.Contains(e.EntityType))
            .SelectMany(e => System.Text.Json.JsonSerializer.Deserialize(e.Changes!, AuditJson.Default.ListFieldChange)!
                // A session's attendance changes are named by the person, not by a field.
                .Where(c => c.Field.All(char.IsAsciiLetterOrDigit))
                .Select(c => $"Field.{e.EntityType}.{c.Field}"))
            .Distinct()
            .ToList();
        var voids = Voidable.Values.SelectMany(type => new[] { "VoidReason", "VoidedBy", "VoidedAtUtc" }.Select(f => $"Field.{type}.{f}"));

        var missing = recorded.Concat(voids).Distinct()
            .Where(key => Resources.GetString(key, CultureInfo.InvariantCulture) is null || Resources.GetString(key, new CultureInfo("en")) is null)
            .Order().ToList();

        Assert.True(recorded.Count > 40, $"only {recorded.Count} fields recorded");
        Assert.True(missing.Count == 0, "No name for: " + string.Join(", ", missing));
    }
}
