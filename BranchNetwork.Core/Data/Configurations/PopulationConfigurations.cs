using BranchNetwork.Core.Network;
using BranchNetwork.Core.Population;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class TownshipPopulationConfiguration : IEntityTypeConfiguration<TownshipPopulation>
{
    public void Configure(EntityTypeBuilder<TownshipPopulation> population)
    {
        population.HasIndex(p => new { p.Year, p.Township }).IsUnique();
        population.Property(p => p.Township).HasMaxLength(Unit.TownshipMaxLength).IsRequired();
        population.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class VillagePopulationConfiguration : IEntityTypeConfiguration<VillagePopulation>
{
    public void Configure(EntityTypeBuilder<VillagePopulation> population)
    {
        population.HasIndex(p => new { p.Year, p.UnitId }).IsUnique();
        population.HasOne(p => p.Unit).WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        population.Property(p => p.Version).IsConcurrencyToken();
    }
}
