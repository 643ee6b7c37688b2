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
    private readonly HashSet<int> covered;

    private ReportFonts(string path, byte[] face)
    {
        Path = path;
        this.face = face;
        covered = CoveredCodePoints(face);
    }

    /// <summary>The font PDFsharp draws with, once <see cref="Register"/> found one.</summary>
    public static ReportFonts? Registered
    {
        get
        {
            lock (Gate)
            {
                return registered;
            }
        }
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

    /// <summary>Whether the font's character map gives <paramref name="codePoint"/> a glyph (see <see cref="ReportGlyphs"/>).</summary>
    public bool Covers(int codePoint) => covered.Contains(codePoint);

    /// <summary>Every code point the font's Unicode character map (format 4 or 12) gives a glyph.</summary>
    public static HashSet<int> CoveredCodePoints(byte[] font)
    {
        var covered = new HashSet<int>();
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var cmap = Enumerable.Range(0, tables).Select(i => 12 + 16 * i)
            .Where(r => BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(r)) == 0x636D6170)
            .Select(r => BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(r + 8))).FirstOrDefault(-1);
        if (cmap < 0)
        {
            return covered;
        }

        var subtables = Enumerable.Range(0, BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(cmap + 2)))
            .Select(i => cmap + 4 + 8 * i)
            .Where(r => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(r)) is 0 or 3)
            .Select(r => cmap + BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(r + 4)));
        foreach (var table in subtables)
        {
            switch (BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(table)))
            {
                case 4:
                    AddFormat4(font, table, covered);
                    break;
                case 12:
                    AddFormat12(font, table, covered);
                    break;
            }
        }

        return covered;
    }

    private static void AddFormat4(byte[] font, int table, HashSet<int> covered)
    {
        var segments = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(table + 6)) / 2;
        int Read(int array, int i) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(array + 2 * i));
        var ends = table + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            var (start, end, delta, rangeOffset) = (Read(starts, s), Read(ends, s), Read(deltas, s), Read(rangeOffsets, s));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0 ? (c + delta) & 0xFFFF : Read(rangeOffsets + 2 * s + rangeOffset, c - start);
                if (glyph != 0)
                {
                    covered.Add(c);
                }
            }
        }
    }

    private static void AddFormat12(byte[] font, int table, HashSet<int> covered)
    {
        var groups = BinaryPrimitives.ReadInt32BigEndian(font.AsSpan(table + 12));
        for (var g = 0; g < groups; g++)
        {
            var group = font.AsSpan(table + 16 + 12 * g);
            var (start, end) = (BinaryPrimitives.ReadInt32BigEndian(group), BinaryPrimitives.ReadInt32BigEndian(group[4..]));
            for (var c = start; c <= end; c++)
            {
                covered.Add(c);
            }
        }
    }

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
