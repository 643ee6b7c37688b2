namespace BranchNetwork.Core.Common;

/// <summary>
/// Every rule the domain can refuse with. Each code has a message in both languages in the Web project's
/// resources under the key <c>Error.{code}</c>; a test checks that none is missing.
/// </summary>
public static class ErrorCodes
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string DuplicateCode = "Unit.DuplicateCode";
    public const string InvalidCode = "Unit.InvalidCode";
    public const string SecondHeadLibrary = "Unit.SecondHeadLibrary";
    public const string HeadLibraryHasParent = "Unit.HeadLibraryHasParent";
    public const string BranchParentMustBeHeadLibrary = "Unit.BranchParentMustBeHeadLibrary";
    public const string ServicePointParentMustBeBranch = "Unit.ServicePointParentMustBeBranch";
    public const string ParentNotFound = "Unit.ParentNotFound";
    public const string ParentClosed = "Unit.ParentClosed";
    public const string LatitudeOutOfRange = "Unit.LatitudeOutOfRange";
    public const string LongitudeOutOfRange = "Unit.LongitudeOutOfRange";
    public const string CoordinatesIncomplete = "Unit.CoordinatesIncomplete";
    public const string NegativeNumber = "NegativeNumber";
    public const string OpeningHoursOutOfRange = "Unit.OpeningHoursOutOfRange";
    public const string InvalidPhone = "Unit.InvalidPhone";
    public const string BatchYearOutOfRange = "Unit.BatchYearOutOfRange";
    public const string OpenedOnOutOfRange = "Unit.OpenedOnOutOfRange";
    public const string StatusUnchanged = "Unit.StatusUnchanged";
    public const string ChildrenStillOpen = "Unit.ChildrenStillOpen";
    public const string PlaqueDateInFuture = "Unit.PlaqueDateInFuture";
    public const string UnitNotFound = "Unit.NotFound";
    public const string UnitChangedMeanwhile = "Unit.ChangedMeanwhile";
    public const string AccessDenied = "Access.Denied";
    public const string BranchWorkerFieldsOnly = "Unit.BranchWorkerFieldsOnly";
    public const string UserEmailTaken = "User.EmailTaken";
    public const string UserInvalidEmail = "User.InvalidEmail";
    public const string UserNotFound = "User.NotFound";
    public const string UserBranchRequired = "User.BranchRequired";
    public const string UserBranchNotABranch = "User.BranchNotABranch";
    public const string UserUnknownRole = "User.UnknownRole";
    public const string UserLastAdministrator = "User.LastAdministrator";
    public const string UserNotYourself = "User.NotYourself";
    public const string UserChangedMeanwhile = "User.ChangedMeanwhile";
    public const string UserRefused = "User.Refused";
    public const string IndicatorInvalidCode = "Indicator.InvalidCode";
    public const string IndicatorDuplicateCode = "Indicator.DuplicateCode";
    public const string IndicatorBadRange = "Indicator.BadRange";
    public const string IndicatorNoScope = "Indicator.NoScope";
    public const string IndicatorNotFound = "Indicator.NotFound";
    public const string ClosureEndsBeforeStart = "Closure.EndsBeforeStart";
    public const string FigureNotWhole = "Figure.NotWhole";
    public const string FigureBelowMinimum = "Figure.BelowMinimum";
    public const string FigureAboveMaximum = "Figure.AboveMaximum";
    public const string FigureTooPrecise = "Figure.TooPrecise";
    public const string FigureNotANumber = "Figure.NotANumber";
    public const string ReportNotEditable = "Report.NotEditable";
    public const string ReportWrongState = "Report.WrongState";
    public const string ReportAlreadyApproved = "Report.AlreadyApproved";
    public const string ReportIncomplete = "Report.Incomplete";
    public const string ReportNeedsExplanation = "Report.NeedsExplanation";
    public const string ReportFutureMonth = "Report.FutureMonth";
    public const string ReportBeforeOpening = "Report.BeforeOpening";
    public const string ReportChangedMeanwhile = "Report.ChangedMeanwhile";
    public const string ReportNotFound = "Report.NotFound";
    public const string ImportTooLarge = "Import.TooLarge";
    public const string ImportEmpty = "Import.Empty";
    public const string ImportWrongType = "Import.WrongType";
    public const string ImportOldExcel = "Import.OldExcel";
    public const string ImportEncoding = "Import.Encoding";
    public const string ImportUnreadable = "Import.Unreadable";
    public const string ImportMissingColumn = "Import.MissingColumn";
    public const string ImportUnknownIndicator = "Import.UnknownIndicator";
    public const string ImportUnknownUnit = "Import.UnknownUnit";
    public const string ImportBadMonth = "Import.BadMonth";
    public const string ImportDuplicateRow = "Import.DuplicateRow";
    public const string ImportMissingValue = "Import.MissingValue";
    public const string StaffNotFound = "Staff.NotFound";
    public const string TrainingEndsBeforeStart = "Training.EndsBeforeStart";
    public const string TrainingHoursOutOfRange = "Training.HoursOutOfRange";
    public const string TrainingHoursBelowCredited = "Training.HoursBelowCredited";
    public const string TrainingDuplicateAttendee = "Training.DuplicateAttendee";
    public const string TrainingNotEnrolled = "Training.NotEnrolled";
    public const string TrainingNotHeldYet = "Training.NotHeldYet";
    public const string TrainingCreditOutOfRange = "Training.CreditOutOfRange";
    public const string TrainingNotFound = "Training.NotFound";
    public const string ActivityInFuture = "Activity.InFuture";
    public const string ActivityBeforeOpening = "Activity.BeforeOpening";
    public const string ActivityParticipantsOutOfRange = "Activity.ParticipantsOutOfRange";
    public const string ActivityNotFound = "Activity.NotFound";
}
