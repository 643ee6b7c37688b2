namespace BranchNetwork.Web.Infrastructure;

/// <summary>
/// Where a redirect chosen by the request (a sign-in's return URL, the culture switch's) may go: a path on this
/// site, or the home page. Every redirect the request can steer goes through this one check.
/// </summary>
public static class LocalUrl
{
    /// <summary>
    /// The path itself when it is local: starts with one '/', no '//' or '/\' (a host to browsers), no backslash
    /// and no control character (browsers drop tabs and newlines, turning '/\t/evil' into '//evil').
    /// </summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not '/')
        && !url.Any(c => c == '\\' || char.IsControl(c));
}
