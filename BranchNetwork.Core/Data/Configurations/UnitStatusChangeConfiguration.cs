using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class UnitStatusChangeConfiguration : IEntityTypeConfiguration<UnitStatusChange>
{
    public void Configure(EntityTypeBuilder<UnitStatusChange> change)
    {
        change.Property(c => c.Reason).HasMaxLength(Unit.ReasonMaxLength).IsRequired();
        change.Property(c => c.ChangedBy).HasMaxLength(256).IsRequired();
        change.HasIndex(c => new { c.UnitId, c.ChangedAtUtc });
    }
}
