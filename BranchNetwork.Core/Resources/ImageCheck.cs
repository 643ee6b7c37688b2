using System.Buffers.Binary;
using System.IO.Compression;

namespace BranchNetwork.Core.Resources;

/// <summary>
/// Whether an upload is a JPEG or PNG by its whole structure, not its first bytes (a JPEG header before garbage passed
/// the old check). No image library is referenced: PNG is checked in full (signature, every chunk's CRC, IHDR,
/// IDAT inflated to exactly the size its header implies, IEND last); JPEG by walking its markers (SOI, segments within
/// the file, a frame header with sane dimensions, at least one scan, EOI) without decoding the Huffman data.
/// </summary>
public static class ImageCheck
{
    /// <summary>Widths and heights beyond this are no photo of a plaque (and would take too much memory to show).</summary>
    public const int MaxDimension = 20_000;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>The file extension of a sound JPEG (<c>jpg</c>) or PNG (<c>png</c>); null for anything else.</summary>
    public static string? Extension(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => IsJpeg(bytes) ? "jpg" : null,
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => IsPng(bytes) ? "png" : null,
        _ => null,
    };

    private static bool IsPng(ReadOnlySpan<byte> bytes)
    {
        var (width, height, bitsPerPixel, interlaced) = (0L, 0L, 0, false);
        using var idat = new MemoryStream();
        var position = PngSignature.Length;
        for (var first = true; position + 12 <= bytes.Length; first = false)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
            if (length > int.MaxValue || position + 12 + (long)length > bytes.Length)
            {
                return false;
            }

            var type = bytes.Slice(position + 4, 4);
            var data = bytes.Slice(position + 8, (int)length);
            if (Crc(bytes.Slice(position + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 8 + (int)length)..]))
            {
                return false;
            }

            position += 12 + (int)length;
            if (first != type.SequenceEqual("IHDR"u8))
            {
                return false;
            }

            if (first)
            {
                if (length != 13 || data[10] != 0 || data[11] != 0 || data[12] > 1)
                {
                    return false;
                }

                (width, height, interlaced) = (BinaryPrimitives.ReadUInt32BigEndian(data), BinaryPrimitives.ReadUInt32BigEndian(data[4..]), data[12] == 1);
                bitsPerPixel = BitsPerPixel(data[9], data[8]);
                if (width is < 1 or > MaxDimension || height is < 1 or > MaxDimension || bitsPerPixel == 0)
                {
                    return false;
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return position == bytes.Length && Inflates(idat, ImageBytes(width, height, bitsPerPixel, interlaced));
            }
        }

        return false;
    }

    /// <summary>The pixel data inflates to exactly the size the header implies (a filter byte before each row), and no more.</summary>
    private static bool Inflates(MemoryStream idat, long expected)
    {
        idat.Position = 0;
        try
        {
            using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
            var chunk = new byte[81920];
            var total = 0L;
            int read;
            while ((read = inflater.Read(chunk)) > 0)
            {
                if ((total += read) > expected)
                {
                    return false;
                }
            }

            return total == expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Bits of a pixel for an allowed colour type and bit depth (PNG specification, table 11.1); 0 for any other.</summary>
    private static int BitsPerPixel(byte colourType, byte depth) => (colourType, depth) switch
    {
        (0, 1 or 2 or 4 or 8 or 16) => depth,
        (2, 8 or 16) => 3 * depth,
        (3, 1 or 2 or 4 or 8) => depth,
        (4, 8 or 16) => 2 * depth,
        (6, 8 or 16) => 4 * depth,
        _ => 0,
    };

    private static long ImageBytes(long width, long height, int bitsPerPixel, bool interlaced)
    {
        static long Pass(long w, long h, int bits) => w == 0 || h == 0 ? 0 : h * (1 + ((w * bits) + 7) / 8);
        if (!interlaced)
        {
            return Pass(width, height, bitsPerPixel);
        }

        // Adam7: seven passes over sub-images, each starting at (x, y) and stepping (dx, dy).
        (int X, int Y, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Sum(p => Pass((width - p.X + p.Dx - 1) / p.Dx, (height - p.Y + p.Dy - 1) / p.Dy, bitsPerPixel));
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static bool IsJpeg(ReadOnlySpan<byte> bytes)
    {
        var (frame, scan) = (false, false);
        var position = 2;
        while (position + 1 < bytes.Length)
        {
            if (bytes[position] != 0xFF)
            {
                return false;
            }

            var marker = bytes[position + 1];
            position += 2;
            switch (marker)
            {
                case 0xFF:
                    position--; // a fill byte
                    continue;
                case 0xD9:
                    return frame && scan;
                case 0x01 or (>= 0xD0 and <= 0xD7):
                    continue;
                case 0xD8 or 0x00:
                    return false;
            }

            if (position + 2 > bytes.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
            if (length < 2 || position + length > bytes.Length)
            {
                return false;
            }

            var segment = bytes.Slice(position + 2, length - 2);
            position += length;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (frame || !IsFrame(segment))
                {
                    return false;
                }

                frame = true;
            }
            else if (marker == 0xDA)
            {
                if (!frame || segment.Length < 1 || segment.Length != 4 + (2 * segment[0]))
                {
                    return false;
                }

                scan = true;
                // The entropy-coded data runs to the next marker: 0xFF followed by neither a stuffed 0x00 nor a restart.
                while (position + 1 < bytes.Length && !(bytes[position] == 0xFF && bytes[position + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
                {
                    position++;
                }
            }
        }

        return false;
    }

    /// <summary>A frame header: precision 8 or 12 bits, a height and width in range, 1 to 4 components described in full.</summary>
    private static bool IsFrame(ReadOnlySpan<byte> segment)
    {
        if (segment.Length < 6)
        {
            return false;
        }

        var (precision, height, width, components) = (segment[0], BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), segment[5]);
        return precision is 8 or 12 && height is >= 1 and <= MaxDimension && width is >= 1 and <= MaxDimension
            && components is >= 1 and <= 4 && segment.Length == 6 + (3 * components);
    }
}
