using System.Buffers;

namespace BranchNetwork.Core.Reports;

/// <summary>
/// A write-only stream into an array rented from <see cref="ArrayPool{T}.Shared"/>, given back when disposed.
/// </summary>
/// <remarks>
/// PDFsharp saves the network monthly table uncompressed (some 840 KB) before <see cref="PdfStreams"/> compresses it;
/// a <see cref="MemoryStream"/> doubled its way there through arrays of 128 KB to 1 MB, about 1.9 MB a report, all on
/// the large object heap, whose budget is what starts the costly full collections (one every four reports in the reports
/// bench). A rented array is allocated once and used again by the next report.
/// </remarks>
internal sealed class PooledBuffer(int capacity) : Stream
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int length;

    /// <summary>What was written so far; valid until the next write or the dispose.</summary>
    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        if (length + data.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            length = 0;
        }

        base.Dispose(disposing);
    }
}
