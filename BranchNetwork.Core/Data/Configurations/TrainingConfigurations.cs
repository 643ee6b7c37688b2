using BranchNetwork.Core.Activities;
using BranchNetwork.Core.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchNetwork.Core.Data.Configurations;

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.Property(s => s.Name).HasMaxLength(StaffMember.NameMaxLength).IsRequired();
        staff.Property(s => s.Position).HasMaxLength(StaffMember.PositionMaxLength);
        staff.Property(s => s.Phone).HasMaxLength(StaffMember.PhoneMaxLength);
        staff.Property(s => s.Version).IsConcurrencyToken();
        staff.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> session)
    {
        session.Property(s => s.Title).HasMaxLength(TrainingSession.TitleMaxLength).IsRequired();
        session.Property(s => s.Organiser).HasMaxLength(TrainingSession.OrganiserMaxLength).IsRequired();
        session.Property(s => s.Place).HasMaxLength(TrainingSession.PlaceMaxLength);
        session.Property(s => s.Description).HasMaxLength(TrainingSession.DescriptionMaxLength);
        session.Property(s => s.Hours).HasConversion<double>();
        session.Property(s => s.Version).IsConcurrencyToken();
        session.HasIndex(s => s.StartsOn);
        session.HasMany(s => s.Attendances).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        session.Navigation(s => s.Attendances).HasField("_attendances");
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> attendance)
    {
        // One row per person and session: the database refuses duplicates too.
        attendance.HasKey(a => new { a.SessionId, a.StaffMemberId });
        attendance.Property(a => a.CreditedHours).HasConversion<double>();
        attendance.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> activity)
    {
        activity.Property(a => a.Title).HasMaxLength(Activity.TitleMaxLength).IsRequired();
        activity.Property(a => a.Series).HasMaxLength(Activity.SeriesMaxLength);
        activity.Property(a => a.Partner).HasMaxLength(Activity.PartnerMaxLength);
        activity.Property(a => a.Note).HasMaxLength(Activity.NoteMaxLength);
        activity.Property(a => a.Version).IsConcurrencyToken();
        activity.Property(a => a.PhotoFiles).HasMaxLength(Activity.MaxPhotos * 40);
        activity.Ignore(a => a.Photos);
        activity.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        activity.HasIndex(a => new { a.UnitId, a.Date });
    }
}
