using BranchNetwork.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserName).HasMaxLength(256).IsRequired();
        entry.Property(e => e.UserId).HasMaxLength(450);
        entry.Property(e => e.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
        entry.Property(e => e.EntityKey).HasMaxLength(AuditEntry.EntityKeyMaxLength).IsRequired();
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        entry.HasIndex(e => new { e.EntityType, e.EntityKey });
        entry.HasIndex(e => e.AtUtc);
    }
}
