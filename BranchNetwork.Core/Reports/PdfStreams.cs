using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// Compresses the streams of a PDF that PDFsharp saved uncompressed, as complete zlib streams.
/// </summary>
/// <remarks>
/// PDFsharp 6.2's FlateDecode writes the zlib header and the deflate data but not the Adler-32 checksum that ends a
/// zlib stream, so <c>qpdf --check</c> warned on every compressed stream ("input stream is complete but output may
/// still be valid": 4 in the network monthly table, 32 in the year table) and a strict reader may refuse them. The
/// font subsets and ToUnicode maps only come into being while PDFsharp saves, so the streams are compressed after the
/// save, by copying the file object by object and writing a new cross-reference table. Opening the saved file again
/// with PdfReader and saving it a second time did the same but added ~8 ms of CPU and 3.5 MB of allocation to the
/// 20 ms network monthly report (the uncompressed file is 840 KB, the two font faces 420 KB each); this copy adds
/// about what PDFsharp's own compression cost.
/// It reads only the layout PDFsharp writes (<c>N 0 obj</c> … <c>endobj</c>, one classic xref table, a direct
/// <c>/Length</c>) and throws on anything else, so a PDFsharp upgrade that changes it fails the report tests, not a reader.
/// </remarks>
internal static class PdfStreams
{
    private static ReadOnlySpan<byte> StreamStart => ">>\nstream\n"u8;

    private static ReadOnlySpan<byte> StreamEnd => "\nendstream\nendobj\n"u8;

    /// <summary>The same PDF with every stream that has no filter Flate-encoded (the XMP metadata stays plain text, as PDF/A asks).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> pdf)
    {
        var xref = pdf.LastIndexOf("\nxref\n"u8) + 1;
        var trailer = pdf[xref..].IndexOf("trailer\n"u8) + xref;
        var startXref = pdf[trailer..].IndexOf("startxref\n"u8) + trailer;
        if (xref <= 0 || trailer < xref || startXref < trailer)
        {
            throw Unexpected("no cross-reference table");
        }

        var entries = Entries(Encoding.ASCII.GetString(pdf[xref..trailer]));
        var inUse = entries.Where(e => e.InUse).OrderBy(e => e.Offset).ToList();
        using var output = new PooledBuffer(pdf.Length / 4);
        output.Write(pdf[..(int)inUse[0].Offset]);
        using var scratch = new MemoryStream();
        var offsets = new Dictionary<int, long>();
        for (var i = 0; i < inUse.Count; i++)
        {
            var start = (int)inUse[i].Offset;
            var end = i + 1 < inUse.Count ? (int)inUse[i + 1].Offset : xref;
            offsets[inUse[i].Number] = output.Position;
            WriteObject(output, pdf[start..end], scratch);
        }

        var newXref = output.Position;
        var table = new StringBuilder("xref\n").Append(CultureInfo.InvariantCulture, $"0 {entries.Count}\n");
        foreach (var entry in entries.OrderBy(e => e.Number))
        {
            table.Append(entry.InUse
                ? string.Create(CultureInfo.InvariantCulture, $"{offsets[entry.Number]:D10} {entry.Generation:D5} n \n")
                : string.Create(CultureInfo.InvariantCulture, $"{entry.Offset:D10} {entry.Generation:D5} f \n"));
        }

        output.Write(Encoding.ASCII.GetBytes(table.ToString()));
        output.Write(pdf[trailer..startXref]);
        output.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{newXref}\n%%EOF\n")));
        return output.Written.ToArray();
    }

    private readonly record struct Entry(int Number, long Offset, int Generation, bool InUse);

    /// <summary>The entries of the cross-reference table, from <c>xref</c> to <c>trailer</c> (subsections of "first count" and 20-byte lines).</summary>
    private static List<Entry> Entries(string table)
    {
        var entries = new List<Entry>();
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var number = 0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ');
            if (fields.Length == 2)
            {
                number = int.Parse(fields[0], CultureInfo.InvariantCulture);
                continue;
            }

            if (fields.Length != 3 || fields[2] is not ("n" or "f"))
            {
                throw Unexpected($"cross-reference line \"{line}\"");
            }

            entries.Add(new Entry(number++, long.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture), fields[2] == "n"));
        }

        if (entries.Count == 0 || entries.Select(e => e.Number).Distinct().Count() != entries.Count || entries.Max(e => e.Number) != entries.Count - 1)
        {
            throw Unexpected("cross-reference table");
        }

        return entries;
    }

    /// <summary>Copies one indirect object, its stream compressed unless it already has a filter or is the XMP metadata.</summary>
    private static void WriteObject(Stream output, ReadOnlySpan<byte> obj, MemoryStream scratch)
    {
        var dictionaryEnd = obj.IndexOf(StreamStart) + 2;
        if (dictionaryEnd < 2)
        {
            output.Write(obj);
            return;
        }

        var dictionary = Encoding.ASCII.GetString(obj[..dictionaryEnd]);
        var dataStart = dictionaryEnd + StreamStart.Length - 2;
        var length = Length(dictionary, out var lengthKey);
        if (!obj.EndsWith(StreamEnd) || dataStart + length + StreamEnd.Length != obj.Length)
        {
            throw Unexpected($"stream of {length} bytes in an object of {obj.Length}");
        }

        if (dictionary.Contains("/Filter", StringComparison.Ordinal) || dictionary.Contains("/Type/Metadata", StringComparison.Ordinal))
        {
            output.Write(obj);
            return;
        }

        var data = obj.Slice(dataStart, length);
        var compressed = Compressed.Find(data);
        if (compressed.IsEmpty)
        {
            scratch.SetLength(0);
            using (var zlib = new ZLibStream(scratch, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(data);
            }

            compressed = scratch.GetBuffer().AsSpan(0, (int)scratch.Length);
            Compressed.Keep(data, compressed);
        }

        output.Write(Encoding.ASCII.GetBytes(dictionary.Replace(lengthKey,
            string.Create(CultureInfo.InvariantCulture, $"/Filter/FlateDecode/Length {compressed.Length}"), StringComparison.Ordinal)));
        output.Write("\nstream\n"u8);
        output.Write(compressed);
        output.Write(StreamEnd);
    }

    /// <summary>
    /// The large streams compressed lately, by their exact bytes. The font subsets are most of a report (two faces of
    /// some 420 KB uncompressed in the network monthly table, for their metrics tables cover every glyph of the
    /// font) and come out byte for byte the same while a report's words do not change, so the same report asked
    /// again compresses only its pages. A stream is found by its length and then compared whole, never by a hash alone.
    /// </summary>
    private static class Compressed
    {
        private const int MinimumLength = 16 * 1024;
        private const long MaximumHeld = 32 * 1024 * 1024;

        private static readonly Lock Gate = new();
        private static readonly Dictionary<int, List<(byte[] Data, byte[] Compressed)>> ByLength = [];
        private static long held;

        public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> data)
        {
            if (data.Length < MinimumLength)
            {
                return default;
            }

            lock (Gate)
            {
                if (ByLength.TryGetValue(data.Length, out var entries))
                {
                    foreach (var entry in entries)
                    {
                        if (data.SequenceEqual(entry.Data))
                        {
                            return entry.Compressed;
                        }
                    }
                }
            }

            return default;
        }

        public static void Keep(ReadOnlySpan<byte> data, ReadOnlySpan<byte> compressed)
        {
            if (data.Length < MinimumLength)
            {
                return;
            }

            lock (Gate)
            {
                // Bounded: when full it starts again, and the streams of the reports asked for next fill it.
                if (held + data.Length + compressed.Length > MaximumHeld)
                {
                    ByLength.Clear();
                    held = 0;
                }

                if (!ByLength.TryGetValue(data.Length, out var entries))
                {
                    ByLength[data.Length] = entries = [];
                }

                entries.Add((data.ToArray(), compressed.ToArray()));
                held += data.Length + compressed.Length;
            }
        }
    }

    /// <summary>The direct <c>/Length</c> of a stream's dictionary (not <c>/Length1</c>, a font's own length), and the text that states it.</summary>
    private static int Length(string dictionary, out string key)
    {
        var at = dictionary.IndexOf("/Length ", StringComparison.Ordinal);
        var digits = at < 0 ? default : dictionary.AsSpan(at + 8);
        var count = digits.IndexOfAnyExceptInRange('0', '9');
        if (count <= 0 || digits[count..].StartsWith(" 0 R", StringComparison.Ordinal) || dictionary.IndexOf("/Length ", at + 1, StringComparison.Ordinal) >= 0)
        {
            throw Unexpected($"stream dictionary {dictionary}");
        }

        key = dictionary.Substring(at, 8 + count);
        return int.Parse(digits[..count], CultureInfo.InvariantCulture);
    }

    private static InvalidOperationException Unexpected(string what) =>
        new($"PdfStreams reads the layout PDFsharp 6.2 saves; it found an unexpected {what}.");
}
