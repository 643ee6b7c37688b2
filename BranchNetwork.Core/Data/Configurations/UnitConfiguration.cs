using BranchNetwork.Core.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.HasIndex(u => u.Code).IsUnique();
        // The database itself refuses a second head library.
        unit.HasIndex(u => u.Kind).IsUnique().HasFilter($"\"Kind\" = {(int)UnitKind.HeadLibrary}")
            .HasDatabaseName("IX_Units_SingleHeadLibrary");
        unit.HasIndex(u => u.ParentId);

        unit.Property(u => u.Code).HasMaxLength(Unit.CodeMaxLength).IsRequired();
        unit.Property(u => u.Name).HasMaxLength(Unit.NameMaxLength).IsRequired();
        unit.Property(u => u.Township).HasMaxLength(Unit.TownshipMaxLength);
        unit.Property(u => u.Address).HasMaxLength(Unit.AddressMaxLength);
        unit.Property(u => u.ContactPerson).HasMaxLength(Unit.ContactPersonMaxLength);
        unit.Property(u => u.Phone).HasMaxLength(Unit.PhoneMaxLength);
        unit.Property(u => u.PlaqueNote).HasMaxLength(Unit.PlaqueNoteMaxLength);
        unit.Property(u => u.Version).IsConcurrencyToken();

        unit.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.Navigation(u => u.Children).HasField("_children");
        unit.HasMany(u => u.StatusHistory).WithOne().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        unit.Navigation(u => u.StatusHistory).HasField("_statusHistory");
    }
}
