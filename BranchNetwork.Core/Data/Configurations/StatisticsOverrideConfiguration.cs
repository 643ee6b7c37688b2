using BranchNetwork.Core.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class StatisticsOverrideConfiguration : IEntityTypeConfiguration<StatisticsOverride>
{
    public void Configure(EntityTypeBuilder<StatisticsOverride> entry)
    {
        entry.Property(o => o.FieldCode).HasMaxLength(ReturnField.CodeMaxLength).IsRequired();
        entry.Property(o => o.Reason).HasMaxLength(StatisticsOverride.ReasonMaxLength).IsRequired();
        entry.Property(o => o.SetBy).HasMaxLength(StatisticsOverride.SetByMaxLength).IsRequired();
        // Exact, as money is elsewhere: stored as text, a few dozen rows a year.
        entry.Property(o => o.Value).HasPrecision(18, 2);
        entry.Property(o => o.Version).IsConcurrencyToken();
        entry.HasIndex(o => new { o.Year, o.FieldCode });
    }
}
