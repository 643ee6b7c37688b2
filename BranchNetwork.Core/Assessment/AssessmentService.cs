using System.Globalization;
using BranchNetwork.Core.Analytics;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Data;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Assessment;

/// <summary>
/// The grading self-assessment (评估定级自评): the tree kept as data, its measured items computed from the portal's
/// official figures (approved only, design §8a) and other records, its manual items scored by head-library staff with
/// evidence. Whole-network readers see it; administrators and head-library staff change it.
/// </summary>
public sealed class AssessmentService(
    IDbContextFactory<BranchNetworkDbContext> dbFactory,
    ICurrentUser currentUser,
    FiguresService figures,
    PerCapitaService perCapita,
    TrainingService training,
    PhotoStore photos)
{
    /// <summary>The earliest year the page offers and the PDF answers for.</summary>
    public const int FirstYear = 2000;

    /// <summary>The ledgers (台账) a manual score can cite, as their paths under <c>/exports/ledgers/</c>; {0} is the year.</summary>
    public static readonly IReadOnlyList<string> Ledgers =
        ["figures/{0}", "activities/{0}", "training/{0}", "deliveries/{0}", "grants/{0}", "staff", "resources", "plaques"];

    /// <summary>The last year with a full month: the current year is assessed on the months it has so far.</summary>
    public int LastYear => figures.LastFullMonth.Year;

    /// <summary>The year the page opens on: the last year whose December has passed.</summary>
    public int DefaultYear => figures.LastFullMonth.Month == 12 ? LastYear : LastYear - 1;

    public async Task<AssessmentTreeInfo> TreeAsync(CancellationToken ct = default)
    {
        await ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TreeAsync(db, ct);
    }

    /// <summary>The score sheet of a year; null for a year out of range (before <see cref="FirstYear"/> or not begun).</summary>
    public async Task<AssessmentResult?> ScoreAsync(int year, CancellationToken ct = default)
    {
        await ReaderAsync();
        if (year < FirstYear || year > LastYear)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tree = await TreeAsync(db, ct);
        var items = tree.Sections.SelectMany(s => s.Items).ToList();
        var measured = items.Where(i => i.Definition.Kind == AssessmentKind.Measured).ToList();
        var years = measured.SelectMany(i => i.PeriodOf(year)).Distinct().Order().ToList();
        var values = await MetricYearsAsync(db, measured.Select(i => i.Metric!).Distinct().ToList(), years, ct);
        var manual = await ManualAsync(db, year, ct);
        var anyApproved = await db.MonthlyReports.AnyAsync(r => r.State == ReportState.Approved && r.PeriodKey >= year * 100 + 1 && r.PeriodKey <= year * 100 + 12, ct);
        return AssessmentScorer.Score(year, tree,
            i => i.PeriodOf(year).Select(y => values[(i.Metric!.Code, y)]).ToList(),
            i => manual.GetValueOrDefault(i.Id),
            noApprovedFigures: !anyApproved);
    }

    /// <summary>A manual item's score and evidence of a year (null: nothing recorded yet).</summary>
    public async Task<ManualInfo?> ManualScoreAsync(int itemId, int year, CancellationToken ct = default)
    {
        await ReaderAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ManualAsync(db, year, ct)).GetValueOrDefault(itemId);
    }

    public async Task UpdateItemAsync(int itemId, int expectedVersion, AssessmentItemDefinition changed, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemAsync(db, itemId, ct);
        Conflicts.ExpectVersion(item.Version, expectedVersion, item.NameZh);
        if (item.Update(changed))
        {
            await Conflicts.SaveAsync(db, item.NameZh, ct);
        }
    }

    public async Task<int> AddItemAsync(int sectionId, AssessmentItemDefinition definition, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var section = await db.AssessmentSections.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == sectionId, ct)
            ?? throw new DomainException(ErrorCodes.AssessmentItemNotFound);
        var item = section.Add(definition);
        if (await db.AssessmentItems.AnyAsync(i => i.Code == item.Code, ct))
        {
            throw new DomainException(ErrorCodes.AssessmentDuplicateCode, nameof(AssessmentItem.Code), item.Code);
        }

        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Removes an item with its manual scores and evidence (the page asks first); the evidence files go once the removal is saved.</summary>
    public async Task RemoveItemAsync(int itemId, int expectedVersion, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var item = await ItemAsync(db, itemId, ct);
        Conflicts.ExpectVersion(item.Version, expectedVersion, item.NameZh);
        var scores = await db.ManualScores.Include(s => s.Evidence).Where(s => s.ItemId == itemId).ToListAsync(ct);
        var files = scores.SelectMany(s => s.Evidence.Where(e => e.Kind == EvidenceKind.File).Select(e => (Folder(s), e.StoredName!))).ToList();
        db.ManualScores.RemoveRange(scores);
        db.AssessmentItems.Remove(item);
        await Conflicts.SaveAsync(db, item.NameZh, ct);
        foreach (var (folder, name) in files)
        {
            await photos.DeleteAsync(db, folder, name, ct);
        }
    }

    /// <summary>Replaces the grades, highest first; minimums must fall strictly.</summary>
    public async Task SetGradesAsync(IReadOnlyList<GradeDefinition> grades, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        AssessmentGrade.Check(grades);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.AssessmentGrades.OrderByDescending(g => g.MinimumTotal).ToListAsync(ct);
        for (var i = 0; i < grades.Count; i++)
        {
            if (i < stored.Count)
            {
                stored[i].Update(grades[i]);
            }
            else
            {
                db.AssessmentGrades.Add(AssessmentGrade.Create(grades[i]));
            }
        }

        db.AssessmentGrades.RemoveRange(stored.Skip(grades.Count));
        await db.SaveChangesAsync(ct);
    }

    /// <returns>The score's new version.</returns>
    public async Task<int> ScoreManualAsync(int itemId, int year, int expectedVersion, decimal points, string? note, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var score = await ScoreRowAsync(db, itemId, year, expectedVersion, ct);
        score.Score(points, note, score.Item!.MaxPoints);
        await Conflicts.SaveAsync(db, score.Item.NameZh, ct);
        return score.Version;
    }

    /// <summary>
    /// Attaches an uploaded file (PDF, JPEG or PNG) to a manual item's score of a year. The file is checked whole before
    /// anything is written and stored with the score's change, in one save: refused, nothing is stored.
    /// </summary>
    /// <returns>The score's new version.</returns>
    public async Task<int> AttachFileAsync(int itemId, int year, int expectedVersion, string fileName, byte[] bytes, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        var extension = EvidenceCheck.Extension(bytes, photos);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var score = await ScoreRowAsync(db, itemId, year, expectedVersion, ct);
        var folder = Folder(score.Item!.Id, year);
        var stored = photos.Add(db, folder, bytes, extension);
        score.Attach(AssessmentEvidence.Upload(stored, fileName, bytes.Length));
        await Conflicts.SaveAsync(db, score.Item.NameZh, ct);

        return score.Version;
    }

    /// <summary>Cites one of the portal's ledgers (<see cref="Ledgers"/>) as evidence; a yearly ledger of the assessment year.</summary>
    /// <returns>The score's new version.</returns>
    public async Task<int> AttachLedgerAsync(int itemId, int year, int expectedVersion, string ledger, string name, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        if (!Ledgers.Contains(ledger))
        {
            throw new DomainException(ErrorCodes.EvidenceLedgerUnknown, "Ledger", ledger);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var score = await ScoreRowAsync(db, itemId, year, expectedVersion, ct);
        score.Attach(AssessmentEvidence.OfLedger(string.Format(CultureInfo.InvariantCulture, ledger, year), name));
        await Conflicts.SaveAsync(db, score.Item!.NameZh, ct);
        return score.Version;
    }

    /// <returns>The score's new version.</returns>
    public async Task<int> RemoveEvidenceAsync(int evidenceId, int expectedVersion, CancellationToken ct = default)
    {
        await currentUser.NetworkEditorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var score = await db.ManualScores.Include(s => s.Item).Include(s => s.Evidence).FirstOrDefaultAsync(s => s.Evidence.Any(e => e.Id == evidenceId), ct)
            ?? throw new DomainException(ErrorCodes.EvidenceNotFound);
        Conflicts.ExpectVersion(score.Version, expectedVersion, score.Item!.NameZh);
        var evidence = score.Evidence.Single(e => e.Id == evidenceId);
        score.Detach(evidence);
        db.Remove(evidence);
        await Conflicts.SaveAsync(db, score.Item.NameZh, ct);
        if (evidence.Kind == EvidenceKind.File)
        {
            await photos.DeleteAsync(db, Folder(score), evidence.StoredName!, ct);
        }

        return score.Version;
    }

    /// <summary>An evidence file for a reader of the page; null for anyone else, any other name, or a file not there.</summary>
    public async Task<StoredPhoto?> EvidenceFileAsync(int evidenceId, string fileName, CancellationToken ct = default)
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.ReadsWholeNetwork || !PhotoStore.IsOurs(fileName))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (from e in db.AssessmentEvidence.AsNoTracking()
                         join s in db.ManualScores on e.ScoreId equals s.Id
                         where e.Id == evidenceId && e.Kind == EvidenceKind.File && e.StoredName == fileName
                         select new { s.ItemId, s.Year }).FirstOrDefaultAsync(ct);
        return row is null ? null : await photos.ServedAsync(db, Folder(row.ItemId, row.Year), fileName, ct);
    }

    private async Task ReaderAsync()
    {
        var actor = await currentUser.GetActorAsync();
        if (!actor.ReadsWholeNetwork)
        {
            throw new AccessDeniedException();
        }
    }

    private static async Task<AssessmentTreeInfo> TreeAsync(BranchNetworkDbContext db, CancellationToken ct)
    {
        var scheme = await db.AssessmentSchemes.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        var sections = await db.AssessmentSections.AsNoTracking().Include(s => s.Items).OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToListAsync(ct);
        var grades = await db.AssessmentGrades.AsNoTracking().ToListAsync(ct);
        return new AssessmentTreeInfo(scheme?.NoteZh, scheme?.NoteEn,
            sections.Select(s => new SectionInfo(s.Id, s.NameZh, s.NameEn,
                s.Items.OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => new ItemInfo(i.Id, i.Version, i.Definition)).ToList())).ToList(),
            grades.OrderByDescending(g => g.MinimumTotal).Select(g => g.Definition).ToList());
    }

    private static async Task<Dictionary<int, ManualInfo>> ManualAsync(BranchNetworkDbContext db, int year, CancellationToken ct) =>
        (await db.ManualScores.AsNoTracking().Include(s => s.Evidence).Where(s => s.Year == year).ToListAsync(ct))
        .ToDictionary(s => s.ItemId, s => new ManualInfo(s.Id, s.Version, s.Points, s.Note,
            s.Evidence.OrderBy(e => e.Id).Select(e => new EvidenceInfo(e.Id, e.Kind, e.OriginalName, e.StoredName, e.SizeBytes)).ToList()));

    /// <summary>Each metric's value in each year, from one query per kind of source (the per-capita and training figures one call per year).</summary>
    private async Task<Dictionary<(string Metric, int Year), MetricYear>> MetricYearsAsync(BranchNetworkDbContext db, IReadOnlyList<AssessmentMetric> metrics,
        IReadOnlyList<int> years, CancellationToken ct)
    {
        var result = new Dictionary<(string, int), MetricYear>();
        if (years.Count == 0)
        {
            return result;
        }

        var last = figures.LastFullMonth;
        var begun = years.Where(y => y <= last.Year).ToList();
        foreach (var metric in metrics)
        {
            foreach (var year in years.Except(begun))
            {
                result[(metric.Code, year)] = MetricYear.Missing(year, MetricGap.NotBegun);
            }
        }

        var counted = await CountedAsync(db, metrics, begun, ct);
        foreach (var metric in metrics)
        {
            foreach (var year in begun)
            {
                switch (metric.Source)
                {
                    case MetricSource.VisitsPerValidCard:
                    case MetricSource.CountedTotal:
                        result[(metric.Code, year)] = counted(metric, year);
                        break;
                }
            }
        }

        if (metrics.Any(m => m.Source == MetricSource.PerCapita))
        {
            foreach (var year in begun)
            {
                var area = await perCapita.AreaAsync(new TrendTarget(TrendTargetKind.Network), new AnalyticsPeriod(year), ct);
                foreach (var metric in metrics.Where(m => m.Source == MetricSource.PerCapita))
                {
                    var value = area.Values.Single(v => v.Code == metric.Argument);
                    result[(metric.Code, year)] = value.Gap switch
                    {
                        PerCapitaGap.None => new MetricYear(year, value.Value, MetricGap.None),
                        PerCapitaGap.NoFigures => MetricYear.Missing(year, MetricGap.NoFigures),
                        _ => MetricYear.Missing(year, MetricGap.NoPopulation),
                    };
                }
            }
        }

        if (metrics.FirstOrDefault(m => m.Source == MetricSource.TrainingHoursPerStaff) is { } hoursMetric)
        {
            foreach (var year in begun)
            {
                var hours = await training.HoursAsync(year, ct);
                var staff = hours.Titles.Values.Sum();
                result[(hoursMetric.Code, year)] = staff == 0 ? MetricYear.Missing(year, MetricGap.NoStaff) : new MetricYear(year, hours.Total / staff, MetricGap.None);
            }
        }

        foreach (var metric in metrics.Where(m => m.FromProfile))
        {
            var hours = await OpeningHoursAsync(db, metric.Source, ct);
            foreach (var year in begun)
            {
                result[(metric.Code, year)] = hours is null ? MetricYear.Missing(year, MetricGap.NoProfile) : new MetricYear(year, hours, MetricGap.None);
            }
        }

        return result;
    }

    /// <summary>
    /// The approved yearly totals of the counted indicators the metrics read, per unit (design §8a, official basis). Visits
    /// per valid card divides the visits of the units whose December cards are approved by those cards, like for like.
    /// </summary>
    private static async Task<Func<AssessmentMetric, int, MetricYear>> CountedAsync(BranchNetworkDbContext db, IReadOnlyList<AssessmentMetric> metrics,
        IReadOnlyList<int> years, CancellationToken ct)
    {
        var codes = metrics.Where(m => m.Source == MetricSource.CountedTotal).Select(m => m.Argument!)
            .Concat(metrics.Any(m => m.Source == MetricSource.VisitsPerValidCard) ? ["visits", "valid_cards"] : Array.Empty<string>())
            .Distinct().ToList();
        if (codes.Count == 0 || years.Count == 0)
        {
            return (_, year) => MetricYear.Missing(year, MetricGap.NoFigures);
        }

        var (from, to) = (years.Min() * 100 + 1, years.Max() * 100 + 12);
        var rows = (await CountedFigures.Values(db, db.Units, from, to, FigureBasis.Official)
                .Where(v => codes.Contains(v.IndicatorCode) && (v.IndicatorCode != "valid_cards" || v.PeriodKey % 100 == Indicator.AnnualMonth))
                .GroupBy(v => new { v.UnitId, Year = v.PeriodKey / 100, v.IndicatorCode })
                .Select(g => new { g.Key.UnitId, g.Key.Year, g.Key.IndicatorCode, Sum = g.Sum(v => (double)v.Value) })
                .ToListAsync(ct))
            .Select(r => (r.UnitId, r.Year, Code: r.IndicatorCode, Sum: (decimal)r.Sum)).ToList();
        return (metric, year) =>
        {
            var ofYear = rows.Where(r => r.Year == year).ToList();
            if (metric.Source == MetricSource.CountedTotal)
            {
                var values = ofYear.Where(r => r.Code == metric.Argument).ToList();
                return values.Count == 0 ? MetricYear.Missing(year, MetricGap.NoFigures) : new MetricYear(year, values.Sum(r => r.Sum), MetricGap.None);
            }

            var cards = ofYear.Where(r => r.Code == "valid_cards").ToDictionary(r => r.UnitId, r => r.Sum);
            var visits = ofYear.Where(r => r.Code == "visits" && cards.ContainsKey(r.UnitId)).ToList();
            var totalCards = cards.Values.Sum();
            return visits.Count == 0 || totalCards <= 0
                ? MetricYear.Missing(year, MetricGap.NoFigures)
                : new MetricYear(year, visits.Sum(r => r.Sum) / totalCards, MetricGap.None);
        };
    }

    private static async Task<decimal?> OpeningHoursAsync(BranchNetworkDbContext db, MetricSource source, CancellationToken ct)
    {
        if (source == MetricSource.HeadLibraryOpeningHours)
        {
            return await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.HeadLibrary).Select(u => u.OpeningHoursPerWeek).FirstOrDefaultAsync(ct);
        }

        var hours = await db.Units.AsNoTracking()
            .Where(u => u.Kind != UnitKind.HeadLibrary && u.Status == UnitStatus.Open && u.OpeningHoursPerWeek != null)
            .Select(u => u.OpeningHoursPerWeek!.Value).ToListAsync(ct);
        return hours.Count == 0 ? null : hours.Average();
    }

    private static async Task<AssessmentItem> ItemAsync(BranchNetworkDbContext db, int itemId, CancellationToken ct) =>
        await db.AssessmentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct) ?? throw new DomainException(ErrorCodes.AssessmentItemNotFound);

    /// <summary>The manual score row of an item and year, started when there is none (version 0).</summary>
    private async Task<ManualScore> ScoreRowAsync(BranchNetworkDbContext db, int itemId, int year, int expectedVersion, CancellationToken ct)
    {
        if (year < FirstYear || year > LastYear)
        {
            throw new DomainException(ErrorCodes.AssessmentYearOutOfRange, "Year", FirstYear, LastYear);
        }

        var item = await ItemAsync(db, itemId, ct);
        var score = await db.ManualScores.Include(s => s.Evidence).FirstOrDefaultAsync(s => s.ItemId == itemId && s.Year == year, ct);
        Conflicts.ExpectVersion(score?.Version ?? 0, expectedVersion, item.NameZh);
        if (score is null)
        {
            score = ManualScore.Start(item, year);
            db.ManualScores.Add(score);
        }

        return score;
    }

    private static string Folder(ManualScore score) => Folder(score.ItemId, score.Year);

    private static string Folder(int itemId, int year) => $"assessment/{itemId}/{year}";
}
