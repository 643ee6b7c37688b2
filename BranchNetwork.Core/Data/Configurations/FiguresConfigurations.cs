using BranchNetwork.Core.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.HasIndex(i => i.Code).IsUnique();
        indicator.Property(i => i.Code).HasMaxLength(Indicator.CodeMaxLength).IsRequired();
        indicator.Property(i => i.NameZh).HasMaxLength(Indicator.NameMaxLength).IsRequired();
        indicator.Property(i => i.NameEn).HasMaxLength(Indicator.NameMaxLength).IsRequired();
        indicator.Property(i => i.MeasureUnit).HasMaxLength(Indicator.MeasureUnitMaxLength).IsRequired();
        indicator.Property(i => i.NationalCode).HasMaxLength(Indicator.MappingMaxLength);
        indicator.Property(i => i.PlsCode).HasMaxLength(Indicator.MappingMaxLength);
        indicator.Property(i => i.Version).IsConcurrencyToken();
        indicator.Ignore(i => i.Name);
    }
}

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> closure)
    {
        closure.Property(c => c.Reason).HasMaxLength(Closure.ReasonMaxLength).IsRequired();
        closure.Property(c => c.Version).IsConcurrencyToken();
        closure.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> report)
    {
        report.HasIndex(r => new { r.UnitId, r.PeriodKey }).IsUnique();
        // With the unit: the totals and the month's states find a month's reports from this index alone.
        report.HasIndex(r => new { r.PeriodKey, r.State, r.UnitId });
        report.Ignore(r => r.Period);
        report.Property(r => r.Comment).HasMaxLength(MonthlyReport.CommentMaxLength);
        report.Property(r => r.SubmittedBy).HasMaxLength(256);
        report.Property(r => r.ReviewedBy).HasMaxLength(256);
        report.Property(r => r.Version).IsConcurrencyToken();
        report.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        report.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        report.Navigation(r => r.Values).HasField("_values");
        report.HasMany(r => r.Revisions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Restrict);
        report.Navigation(r => r.Revisions).HasField("_revisions");
        report.HasMany(r => r.Returns).WithOne().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        report.Navigation(r => r.Returns).HasField("_returns");
    }
}

internal sealed class ReportValueConfiguration : IEntityTypeConfiguration<ReportValue>
{
    public void Configure(EntityTypeBuilder<ReportValue> value)
    {
        value.HasKey(v => new { v.ReportId, v.IndicatorId });
        // REAL, not SQLite's default TEXT for decimal: sums and comparisons run in SQL.
        value.Property(v => v.Value).HasConversion<double?>();
        value.Property(v => v.Explanation).HasMaxLength(MonthlyReport.ExplanationMaxLength);
        value.Property(v => v.SubmittedFlags).HasMaxLength(400);
        value.Ignore(v => v.FlagsAtSubmit);
        value.HasOne(v => v.Indicator).WithMany().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        value.HasIndex(v => v.IndicatorId);
        // Covering: the totals read a report's counted values from this index alone, without a lookup into the table
        // per value (the dashboard's year against the year before reads 6,240 of them).
        value.HasIndex(v => new { v.ReportId, v.IndicatorId, v.Value });
    }
}

internal sealed class ReportRevisionConfiguration : IEntityTypeConfiguration<ReportRevision>
{
    public void Configure(EntityTypeBuilder<ReportRevision> revision)
    {
        revision.Property(r => r.Reason).HasMaxLength(MonthlyReport.CommentMaxLength).IsRequired();
        revision.Property(r => r.SupersededBy).HasMaxLength(256).IsRequired();
        revision.Property(r => r.ApprovedBy).HasMaxLength(256);
        revision.HasIndex(r => new { r.ReportId, r.Revision }).IsUnique();
    }
}

internal sealed class ReportReturnConfiguration : IEntityTypeConfiguration<ReportReturn>
{
    public void Configure(EntityTypeBuilder<ReportReturn> returned)
    {
        returned.Property(r => r.Comment).HasMaxLength(MonthlyReport.CommentMaxLength).IsRequired();
        returned.Property(r => r.ReturnedBy).HasMaxLength(256).IsRequired();
        returned.HasIndex(r => new { r.ReportId, r.ReturnedAtUtc });
        returned.HasMany(r => r.Notes).WithOne().HasForeignKey(n => n.ReturnId).OnDelete(DeleteBehavior.Cascade);
        returned.Navigation(r => r.Notes).HasField("_notes");
    }
}

internal sealed class ReturnNoteConfiguration : IEntityTypeConfiguration<ReturnNote>
{
    public void Configure(EntityTypeBuilder<ReturnNote> note)
    {
        note.ToTable("ReturnNotes");
        note.HasKey(n => new { n.ReturnId, n.IndicatorId });
        note.Property(n => n.Text).HasMaxLength(MonthlyReport.ReturnNoteMaxLength).IsRequired();
        note.HasOne(n => n.Indicator).WithMany().HasForeignKey(n => n.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        note.HasIndex(n => n.IndicatorId);
    }
}
