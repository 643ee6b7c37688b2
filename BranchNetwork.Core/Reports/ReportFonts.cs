using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// The CJK font every report is set in. PDFsharp needs TrueType outlines and rejects font collections (.ttc), so
/// the face is cut out of the collection here; PDFsharp then embeds only the glyphs a document uses (a subset).
/// Looked up in order: <c>Reports:FontPath</c>, Debian's wqy-microhei and wqy-zenhei, Windows' msyh and simsun.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "PortalCjk";
    public const string DebianPackage = "fonts-wqy-microhei";

    private static readonly string[] KnownPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        @"C:\Windows\Fonts\msyh.ttc",
        @"C:\Windows\Fonts\simsun.ttc",
    ];

    private static readonly Lock Gate = new();
    private static ReportFonts? registered;

    private readonly byte[] face;

    private ReportFonts(string path, byte[] face)
    {
        Path = path;
        this.face = face;
    }

    /// <summary>The font file in use.</summary>
    public string Path { get; }

    /// <summary>
    /// Finds the font and registers it with PDFsharp (once per process: PDFsharp's resolver is global).
    /// Null when no usable font is installed; the portal then runs without PDFs and says why.
    /// </summary>
    public static ReportFonts? Register(string? configuredPath)
    {
        lock (Gate)
        {
            if (registered is not null)
            {
                return registered;
            }

            foreach (var path in new[] { configuredPath }.Concat(KnownPaths).Where(p => !string.IsNullOrWhiteSpace(p)))
            {
                if (!File.Exists(path) || ExtractFace(File.ReadAllBytes(path!), 0) is not { } face)
                {
                    continue;
                }

                registered = new ReportFonts(path!, face);
                GlobalFontSettings.FontResolver = registered;
                return registered;
            }

            return null;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(Family, mustSimulateBold: isBold, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => face;

    /// <summary>
    /// One face of a TrueType collection as a standalone font file (tables copied, offsets rewritten). A plain
    /// .ttf comes back as it is; anything else (CFF outlines, not a font) gives null.
    /// </summary>
    public static byte[]? ExtractFace(byte[] file, int index)
    {
        if (file.Length < 12)
        {
            return null;
        }

        var tag = BinaryPrimitives.ReadUInt32BigEndian(file);
        if (tag is 0x00010000 or 0x74727565)
        {
            return file;
        }

        if (tag != 0x74746366)
        {
            return null;
        }

        var fonts = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8));
        if (index >= fonts)
        {
            return null;
        }

        var start = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(12 + 4 * index));
        if (BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(start)) != 0x00010000)
        {
            return null;
        }

        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(start + 4));
        var headerLength = 12 + 16 * tables;
        var records = Enumerable.Range(0, tables).Select(i =>
        {
            var record = file.AsSpan(start + 12 + 16 * i);
            return (Record: record[..16].ToArray(), Offset: BinaryPrimitives.ReadInt32BigEndian(record[8..]), Length: BinaryPrimitives.ReadInt32BigEndian(record[12..]));
        }).ToList();

        var output = new MemoryStream();
        output.Write(file, start, 12);
        var position = headerLength;
        foreach (var (record, _, length) in records)
        {
            BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(8), position);
            output.Write(record);
            position += (length + 3) & ~3;
        }

        foreach (var (_, offset, length) in records)
        {
            output.Write(file, offset, length);
            output.Write(new byte[((length + 3) & ~3) - length]);
        }

        return output.ToArray();
    }
}
