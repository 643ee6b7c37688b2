using BranchNetwork.Core.Common;
using BranchNetwork.Core.Network;

namespace BranchNetwork.Tests.Network;

public sealed class UnitTests
{
    private static readonly DateTime At = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    private static Unit Head() => Unit.Create(UnitKind.HeadLibrary, "YS", null, new UnitProfile("阳山县图书馆"), UnitStatus.Open, "t", At);

    private static Unit Branch(Unit head, string code = "YS-QG") =>
        Unit.Create(UnitKind.Branch, code, head, new UnitProfile("七拱镇分馆"), UnitStatus.Open, "t", At);

    private static Unit ServicePoint(Unit branch, string code = "YS-QG-01") =>
        Unit.Create(UnitKind.ServicePoint, code, branch, new UnitProfile("火岗村服务点"), UnitStatus.Open, "t", At);

    private static string Refusal(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void A_new_unit_starts_its_history_with_its_first_status()
    {
        var unit = ServicePoint(Branch(Head()));

        var first = Assert.Single(unit.StatusHistory);
        Assert.Null(first.FromStatus);
        Assert.Equal(UnitStatus.Open, first.ToStatus);
        Assert.Equal(At, first.ChangedAtUtc);
    }

    [Fact]
    public void Codes_are_trimmed_and_upper_cased() =>
        Assert.Equal("YS-QG-01", ServicePoint(Branch(Head()), "  ys-qg-01 ").Code);

    [Fact]
    public void A_service_point_under_a_service_point_is_refused()
    {
        var point = ServicePoint(Branch(Head()));
        Assert.Equal(ErrorCodes.ServicePointParentMustBeBranch, Refusal(() => ServicePoint(point, "YS-QG-01-01")));
    }

    [Fact]
    public void A_service_point_under_the_head_library_is_refused() =>
        Assert.Equal(ErrorCodes.ServicePointParentMustBeBranch, Refusal(() => ServicePoint(Head(), "YS-01")));

    [Fact]
    public void A_branch_under_a_branch_is_refused()
    {
        var branch = Branch(Head());
        Assert.Equal(ErrorCodes.BranchParentMustBeHeadLibrary, Refusal(() => Branch(branch, "YS-QG-XX")));
    }

    [Fact]
    public void A_head_library_with_a_parent_is_refused() =>
        Assert.Equal(ErrorCodes.HeadLibraryHasParent,
            Refusal(() => Unit.Create(UnitKind.HeadLibrary, "LZ", Head(), new UnitProfile("连州"), UnitStatus.Open, "t", At)));

    [Theory]
    [InlineData("QG")]          // not under its parent's code
    [InlineData("YS-QG-1")]     // one digit
    [InlineData("YS-QG-AB")]    // letters where digits belong
    [InlineData("")]
    public void A_service_point_code_outside_the_scheme_is_refused(string code)
    {
        var branch = Branch(Head());
        var error = Assert.Throws<DomainException>(() => ServicePoint(branch, code));
        Assert.Equal(nameof(Unit.Code), error.Field);
    }

    [Fact]
    public void A_new_unit_under_a_closed_branch_is_refused()
    {
        var branch = Branch(Head());
        branch.ChangeStatus(UnitStatus.Closed, "撤并", "t", At, openChildren: 0);

        Assert.Equal(ErrorCodes.ParentClosed, Refusal(() => ServicePoint(branch)));
    }

    [Fact]
    public void A_name_over_100_characters_is_refused_and_100_is_accepted()
    {
        var unit = ServicePoint(Branch(Head()));

        var error = Assert.Throws<DomainException>(() => unit.UpdateProfile(new UnitProfile(new string('馆', 101))));
        Assert.Equal((ErrorCodes.TooLong, nameof(Unit.Name)), (error.Code, error.Field));

        unit.UpdateProfile(new UnitProfile(new string('馆', 100)));
        Assert.Equal(100, unit.Name.Length);
    }

    [Theory]
    [InlineData(90.5, 112.6, ErrorCodes.LatitudeOutOfRange)]
    [InlineData(-91, 112.6, ErrorCodes.LatitudeOutOfRange)]
    [InlineData(24.5, 180.01, ErrorCodes.LongitudeOutOfRange)]
    [InlineData(24.5, -200, ErrorCodes.LongitudeOutOfRange)]
    [InlineData(double.NaN, 112.6, ErrorCodes.LatitudeOutOfRange)]
    public void Coordinates_out_of_range_are_refused(double latitude, double longitude, string expected)
    {
        var unit = ServicePoint(Branch(Head()));
        Assert.Equal(expected, Refusal(() => unit.UpdateProfile(new UnitProfile("火岗村服务点", Latitude: latitude, Longitude: longitude))));
    }

    [Fact]
    public void Half_a_coordinate_is_refused()
    {
        var unit = ServicePoint(Branch(Head()));
        Assert.Equal(ErrorCodes.CoordinatesIncomplete, Refusal(() => unit.UpdateProfile(new UnitProfile("火岗村服务点", Latitude: 24.5))));
    }

    [Theory]
    [InlineData("0763-6688123", true)]
    [InlineData("+86 (763) 668 8123", true)]
    [InlineData("=cmd|' /C calc'!A0", false)]
    [InlineData("<b>1</b>", false)]
    [InlineData("123", false)]
    public void Phones_hold_digits_and_separators_only(string phone, bool accepted)
    {
        var unit = ServicePoint(Branch(Head()));
        var change = () => unit.UpdateProfile(new UnitProfile("火岗村服务点", Phone: phone));
        if (accepted)
        {
            change();
            Assert.Equal(phone, unit.Phone);
        }
        else
        {
            Assert.Equal(ErrorCodes.InvalidPhone, Refusal(() => change()));
        }
    }

    [Fact]
    public void Negative_area_seats_and_impossible_hours_are_refused()
    {
        var unit = ServicePoint(Branch(Head()));
        Assert.Equal(ErrorCodes.NegativeNumber, Refusal(() => unit.UpdateProfile(new UnitProfile("x", FloorArea: -1))));
        Assert.Equal(ErrorCodes.NegativeNumber, Refusal(() => unit.UpdateProfile(new UnitProfile("x", Seats: -5))));
        Assert.Equal(ErrorCodes.OpeningHoursOutOfRange, Refusal(() => unit.UpdateProfile(new UnitProfile("x", OpeningHoursPerWeek: 169))));
    }

    [Fact]
    public void A_status_change_needs_a_reason_and_is_kept_in_the_history()
    {
        var unit = ServicePoint(Branch(Head()));

        Assert.Equal(ErrorCodes.Required, Refusal(() => unit.ChangeStatus(UnitStatus.Suspended, "  ", "t", At, 0)));

        unit.ChangeStatus(UnitStatus.Suspended, "村委会装修", "张敏", At.AddDays(1), 0);

        Assert.Equal(UnitStatus.Suspended, unit.Status);
        var last = unit.StatusHistory[^1];
        Assert.Equal((UnitStatus.Open, UnitStatus.Suspended, "村委会装修", "张敏"), (last.FromStatus!.Value, last.ToStatus, last.Reason, last.ChangedBy));
        Assert.Equal(2, unit.StatusHistory.Count);
    }

    [Fact]
    public void The_same_status_again_is_refused()
    {
        var unit = ServicePoint(Branch(Head()));
        Assert.Equal(ErrorCodes.StatusUnchanged, Refusal(() => unit.ChangeStatus(UnitStatus.Open, "again", "t", At, 0)));
    }

    [Fact]
    public void A_branch_with_open_service_points_cannot_close()
    {
        var branch = Branch(Head());
        Assert.Equal(ErrorCodes.ChildrenStillOpen, Refusal(() => branch.ChangeStatus(UnitStatus.Closed, "撤并", "t", At, openChildren: 2)));
        Assert.Equal(UnitStatus.Open, branch.Status);
    }

    [Fact]
    public void A_plaque_date_in_the_future_is_refused()
    {
        var unit = ServicePoint(Branch(Head()));
        var today = new DateOnly(2026, 3, 2);

        Assert.Equal(ErrorCodes.PlaqueDateInFuture, Refusal(() => unit.MarkPlaqued(today.AddDays(1), null, today)));

        unit.MarkPlaqued(today, "统一标识牌", today);
        Assert.Equal((today, "统一标识牌"), (unit.PlaquedOn!.Value, unit.PlaqueNote));
    }

    [Fact]
    public void Every_change_bumps_the_version()
    {
        var unit = ServicePoint(Branch(Head()));
        var before = unit.Version;

        unit.UpdateProfile(new UnitProfile("火岗村服务点", Phone: "0763-6688123"));
        unit.ChangeStatus(UnitStatus.Suspended, "装修", "t", At, 0);
        unit.MarkPlaqued(new DateOnly(2020, 7, 1), null, new DateOnly(2026, 1, 1));

        Assert.Equal(before + 3, unit.Version);
    }
}
