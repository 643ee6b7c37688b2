using System.Linq.Expressions;
using BranchNetwork.Core.Accounts;
using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Assessment;
using BranchNetwork.Core.Audit;
using BranchNetwork.Core.Common;
using BranchNetwork.Core.Figures;
using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using BranchNetwork.Core.Resources;
using BranchNetwork.Core.Statistics;
using BranchNetwork.Core.Training;
using BranchNetwork.Core.Operations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BranchNetwork.Core.Data;

/// <summary>
/// The one database of the portal: the network, its figures, the audit trail, the Identity tables and what several
/// portal instances share (data-protection keys, uploaded files, leases). Every save writes the audit entries of what
/// it changes in the same transaction.
/// </summary>
/// <remarks>
/// Each database has its own set of migrations, generated from this one model (docs/decisions/0008). After a model
/// change, add a migration to both from the repository root:
/// <code>dotnet tool restore
/// dotnet ef migrations add &lt;Name&gt; --project BranchNetwork.Core --startup-project BranchNetwork.Core --context BranchNetworkDbContext --output-dir Data/Migrations
/// dotnet ef migrations add &lt;Name&gt; --project BranchNetwork.Core --startup-project BranchNetwork.Core --context PostgreSqlBranchNetworkDbContext --output-dir Data/Migrations/PostgreSql</code>
/// and check both with <c>dotnet ef migrations has-pending-model-changes --context …</c> (neither needs a running server).
/// Migrations are applied at start-up by <see cref="DatabaseInitializer"/>.
/// </remarks>
public class BranchNetworkDbContext(
    DbContextOptions<BranchNetworkDbContext> options,
    ICurrentUser currentUser,
    TimeProvider time)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitStatusChange> UnitStatusChanges => Set<UnitStatusChange>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Closure> Closures => Set<Closure>();

    public DbSet<MonthlyReport> MonthlyReports => Set<MonthlyReport>();

    public DbSet<ReportValue> ReportValues => Set<ReportValue>();

    public DbSet<ReportRevision> ReportRevisions => Set<ReportRevision>();

    public DbSet<ReportReturn> ReportReturns => Set<ReportReturn>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();

    public DbSet<Attendance> Attendances => Set<Attendance>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ResourceItem> ResourceItems => Set<ResourceItem>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<StandardItem> StandardItems => Set<StandardItem>();

    public DbSet<UnitStandard> UnitStandards => Set<UnitStandard>();

    public DbSet<TownshipPopulation> TownshipPopulations => Set<TownshipPopulation>();

    public DbSet<VillagePopulation> VillagePopulations => Set<VillagePopulation>();
    public DbSet<StatisticsOverride> StatisticsOverrides => Set<StatisticsOverride>();

    public DbSet<AssessmentScheme> AssessmentSchemes => Set<AssessmentScheme>();

    public DbSet<AssessmentSection> AssessmentSections => Set<AssessmentSection>();

    public DbSet<AssessmentItem> AssessmentItems => Set<AssessmentItem>();

    public DbSet<AssessmentGrade> AssessmentGrades => Set<AssessmentGrade>();

    public DbSet<ManualScore> ManualScores => Set<ManualScore>();

    public DbSet<AssessmentEvidence> AssessmentEvidence => Set<AssessmentEvidence>();

    public DbSet<Scores.ScoreComponent> ScoreComponents => Set<Scores.ScoreComponent>();

    /// <summary>The keys that protect the cookies, shared by every instance (ASP.NET Core data protection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<Lease> Leases => Set<Lease>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (AuditTrail.HasAuditedChanges(ChangeTracker))
        {
            var actor = await currentUser.GetActorAsync();
            AuditEntries.AddRange(await AuditTrail.CollectAsync(this, actor, time.GetUtcNow().UtcDateTime, cancellationToken));
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Every audited change goes through the asynchronous save, which writes the audit trail. Data protection stores
    /// its keys with the synchronous save; they are not audited.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => AuditTrail.HasAuditedChanges(ChangeTracker)
        ? throw new NotSupportedException("Use SaveChangesAsync: it records the audit trail.")
        : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BranchNetworkDbContext).Assembly);
        LeaveVoidedOut(builder);
        DatabaseProvider.AdaptModel(builder, Database);
    }

    /// <summary>
    /// Every voidable record gets its reason's length and a query filter: voided records are in no list and no total
    /// unless a query asks for them with <c>IgnoreQueryFilters()</c> (the lists that show them struck through).
    /// </summary>
    private static void LeaveVoidedOut(ModelBuilder builder)
    {
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(VoidableRecord).IsAssignableFrom(t.ClrType)).ToList())
        {
            var entity = builder.Entity(type.ClrType);
            entity.Property(nameof(VoidableRecord.VoidReason)).HasMaxLength(VoidableRecord.VoidReasonMaxLength);
            entity.Property(nameof(VoidableRecord.VoidedBy)).HasMaxLength(300);
            entity.Ignore(nameof(VoidableRecord.IsVoided));
            var record = Expression.Parameter(type.ClrType, "record");
            entity.HasQueryFilter(Expression.Lambda(
                Expression.Equal(Expression.Property(record, nameof(VoidableRecord.VoidedAtUtc)), Expression.Constant(null, typeof(DateTime?))), record));
        }
    }
}
