namespace BranchNetwork.Core.Resources;

/// <summary>
/// An uploaded file (a checklist photo, an activity photo, an assessment evidence file) kept in the database, so
/// that it is in every backup and every portal instance serves it. <see cref="Path"/> is the place the file had in the
/// photo folder before files moved into the database (<c>{record folder}/{generated name}</c>).
/// </summary>
public sealed class StoredFile
{
    public const int PathMaxLength = 200;

    private StoredFile()
    {
    }

    internal StoredFile(string path, byte[] content, DateTime storedAtUtc)
    {
        Path = path;
        Content = content;
        Bytes = content.LongLength;
        StoredAtUtc = storedAtUtc;
    }

    public string Path { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public long Bytes { get; private set; }

    public DateTime StoredAtUtc { get; private set; }
}
