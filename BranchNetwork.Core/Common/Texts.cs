namespace BranchNetwork.Core.Common;

/// <summary>The trimming and length rules every free-text field of an entity follows.</summary>
public static class Texts
{
    public static string Required(string? value, int maxLength, string field) =>
        Optional(value, maxLength, field) ?? throw new DomainException(ErrorCodes.Required, field);

    public static string? Optional(string? value, int maxLength, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw new DomainException(ErrorCodes.TooLong, field, maxLength) : trimmed;
    }
}
