using BranchNetwork.Core.Common;
using BranchNetwork.Core.Resources;

namespace BranchNetwork.Core.Assessment;

/// <summary>
/// Whether an upload may be evidence: a PDF (by its header and its end-of-file marker, within <see cref="MaxPdfBytes"/>)
/// or a photo checked whole by the photo store (JPEG or PNG within the photo limit). Anything else is refused before
/// a byte is written.
/// </summary>
public static class EvidenceCheck
{
    /// <summary>A scanned ledger or certificate of some pages; larger files are scans at too high a resolution.</summary>
    public const long MaxPdfBytes = 10 * 1024 * 1024;

    /// <summary>Writers append after the marker (linearised or incrementally saved files): it need only be near the end.</summary>
    private const int EofWindow = 1024;

    /// <returns>The extension the file is stored with: pdf, jpg or png.</returns>
    public static string Extension(byte[] bytes, PhotoStore photos)
    {
        if (bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            if (bytes.Length > MaxPdfBytes)
            {
                throw new DomainException(ErrorCodes.EvidenceTooLarge, "Evidence", MaxPdfBytes / 1024 / 1024);
            }

            return IsPdf(bytes) ? "pdf" : throw new DomainException(ErrorCodes.EvidenceNotPdfOrImage, "Evidence");
        }

        try
        {
            return photos.Check(bytes);
        }
        catch (DomainException e) when (e.Code == ErrorCodes.PhotoNotAnImage)
        {
            throw new DomainException(ErrorCodes.EvidenceNotPdfOrImage, "Evidence");
        }
    }

    /// <summary>A version after the header (%PDF-1.x or 2.x) and %%EOF in the last kilobyte: a PDF, not a text file renamed.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 16 && bytes[5] is (byte)'1' or (byte)'2' && bytes[6] == (byte)'.'
        && bytes[Math.Max(0, bytes.Length - EofWindow)..].IndexOf("%%EOF"u8) >= 0;
}
