using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class ResourceItemConfiguration : IEntityTypeConfiguration<ResourceItem>
{
    public void Configure(EntityTypeBuilder<ResourceItem> item)
    {
        item.Property(i => i.Name).HasMaxLength(ResourceItem.NameMaxLength).IsRequired();
        item.Property(i => i.MeasureUnit).HasMaxLength(ResourceItem.MeasureMaxLength).IsRequired();
        item.Property(i => i.Quantity).HasConversion<double>();
        item.HasOne(i => i.Unit).WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        item.HasOne(i => i.Grant).WithMany().HasForeignKey(i => i.GrantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.Property(d => d.Note).HasMaxLength(Delivery.NoteMaxLength);
        delivery.Property(d => d.Version).IsConcurrencyToken();
        delivery.HasOne(d => d.Unit).WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasIndex(d => new { d.UnitId, d.Date });
    }
}

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> grant)
    {
        grant.Property(g => g.Title).HasMaxLength(Grant.TitleMaxLength).IsRequired();
        grant.Property(g => g.Source).HasMaxLength(Grant.SourceMaxLength).IsRequired();
        grant.Property(g => g.Purpose).HasMaxLength(Grant.PurposeMaxLength);
        // Money stays exact: yuan with two decimals stored as text, summed in memory (a few grants a year).
        grant.Property(g => g.Amount).HasPrecision(18, 2);
        grant.Property(g => g.Version).IsConcurrencyToken();
        grant.HasMany(g => g.Units).WithMany().UsingEntity("GrantUnits");
        grant.Navigation(g => g.Units).HasField("_units");
    }
}

internal sealed class StandardItemConfiguration : IEntityTypeConfiguration<StandardItem>
{
    public void Configure(EntityTypeBuilder<StandardItem> item)
    {
        item.Property(i => i.Name).HasMaxLength(StandardItem.NameMaxLength).IsRequired();
        // Like resource quantities: a line of at most two decimals, compared in memory, never summed.
        item.Property(i => i.Threshold).HasConversion<double?>();
    }
}

internal sealed class UnitStandardConfiguration : IEntityTypeConfiguration<UnitStandard>
{
    public void Configure(EntityTypeBuilder<UnitStandard> standard)
    {
        standard.HasKey(s => new { s.UnitId, s.ItemId });
        standard.Property(s => s.Note).HasMaxLength(UnitStandard.NoteMaxLength);
        standard.Property(s => s.Photo).HasMaxLength(64);
        standard.Property(s => s.Version).IsConcurrencyToken();
        standard.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        standard.HasOne(s => s.Item).WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
