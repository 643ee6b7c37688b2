using BranchNetwork.Core.Assessment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class AssessmentSchemeConfiguration : IEntityTypeConfiguration<AssessmentScheme>
{
    public void Configure(EntityTypeBuilder<AssessmentScheme> scheme)
    {
        scheme.Property(s => s.NoteZh).HasMaxLength(AssessmentScheme.NoteMaxLength);
        scheme.Property(s => s.NoteEn).HasMaxLength(AssessmentScheme.NoteMaxLength);
    }
}

internal sealed class AssessmentSectionConfiguration : IEntityTypeConfiguration<AssessmentSection>
{
    public void Configure(EntityTypeBuilder<AssessmentSection> section)
    {
        section.Property(s => s.NameZh).HasMaxLength(AssessmentSection.NameMaxLength).IsRequired();
        section.Property(s => s.NameEn).HasMaxLength(AssessmentSection.NameMaxLength).IsRequired();
        section.HasMany(s => s.Items).WithOne(i => i.Section).HasForeignKey(i => i.SectionId).OnDelete(DeleteBehavior.Restrict);
        section.Navigation(s => s.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> item)
    {
        item.HasIndex(i => i.Code).IsUnique();
        item.Property(i => i.Code).HasMaxLength(AssessmentItem.CodeMaxLength).IsRequired();
        item.Property(i => i.NameZh).HasMaxLength(AssessmentItem.NameMaxLength).IsRequired();
        item.Property(i => i.NameEn).HasMaxLength(AssessmentItem.NameMaxLength).IsRequired();
        item.Property(i => i.MetricCode).HasMaxLength(40);
        item.Property(i => i.Thresholds).HasMaxLength(Thresholds.TextMaxLength);
        item.Property(i => i.Version).IsConcurrencyToken();
        item.Ignore(i => i.Steps);
        item.Ignore(i => i.Definition);
    }
}

internal sealed class AssessmentGradeConfiguration : IEntityTypeConfiguration<AssessmentGrade>
{
    public void Configure(EntityTypeBuilder<AssessmentGrade> grade)
    {
        grade.Property(g => g.NameZh).HasMaxLength(AssessmentGrade.NameMaxLength).IsRequired();
        grade.Property(g => g.NameEn).HasMaxLength(AssessmentGrade.NameMaxLength).IsRequired();
        grade.Ignore(g => g.Definition);
    }
}

internal sealed class ManualScoreConfiguration : IEntityTypeConfiguration<ManualScore>
{
    public void Configure(EntityTypeBuilder<ManualScore> score)
    {
        score.HasIndex(s => new { s.ItemId, s.Year }).IsUnique();
        score.HasOne(s => s.Item).WithMany().HasForeignKey(s => s.ItemId).OnDelete(DeleteBehavior.Cascade);
        score.Property(s => s.Note).HasMaxLength(ManualScore.NoteMaxLength);
        score.Property(s => s.Version).IsConcurrencyToken();
        score.HasMany(s => s.Evidence).WithOne().HasForeignKey(e => e.ScoreId).OnDelete(DeleteBehavior.Cascade);
        score.Navigation(s => s.Evidence).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssessmentEvidenceConfiguration : IEntityTypeConfiguration<AssessmentEvidence>
{
    public void Configure(EntityTypeBuilder<AssessmentEvidence> evidence)
    {
        evidence.Property(e => e.StoredName).HasMaxLength(80);
        evidence.Property(e => e.OriginalName).HasMaxLength(AssessmentEvidence.OriginalNameMaxLength).IsRequired();
    }
}
