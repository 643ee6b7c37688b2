using BranchNetwork.Core.Scores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class ScoreComponentConfiguration : IEntityTypeConfiguration<ScoreComponent>
{
    public void Configure(EntityTypeBuilder<ScoreComponent> component)
    {
        component.HasIndex(c => c.Metric).IsUnique();
        component.Property(c => c.NameZh).HasMaxLength(ScoreComponent.NameMaxLength).IsRequired();
        component.Property(c => c.NameEn).HasMaxLength(ScoreComponent.NameMaxLength).IsRequired();
        component.Property(c => c.Version).IsConcurrencyToken();
    }
}
