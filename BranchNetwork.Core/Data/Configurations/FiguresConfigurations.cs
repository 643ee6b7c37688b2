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
        report.HasIndex(r => new { r.PeriodKey, r.State });
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
