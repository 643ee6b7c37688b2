using BranchNetwork.Core.Operations;
using BranchNetwork.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(Lease.NameMaxLength);
        lease.Property(l => l.Holder).HasMaxLength(Lease.HolderMaxLength).IsRequired();
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> file)
    {
        file.HasKey(f => f.Path);
        file.Property(f => f.Path).HasMaxLength(StoredFile.PathMaxLength);
        file.Property(f => f.Content).IsRequired();
    }
}
