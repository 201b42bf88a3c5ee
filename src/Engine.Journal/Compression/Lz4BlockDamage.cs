using System.Globalization;

namespace Engine.Journal.Compression;

/// <summary>
/// A damaged stretch of an LZ4 frame: where it lies in the stored file and which bytes of the
/// content it held (left zeroed by the reader, so the records there fail their checks and the
/// reader resumes after them).
/// </summary>
/// <param name="Block">The first damaged block's index, or -1 for a check over the whole frame.</param>
/// <param name="StoredOffset">Where the damaged stretch starts in the frame (the file).</param>
/// <param name="StoredLength">Its length in the frame.</param>
/// <param name="ContentOffset">The first content byte it held.</param>
/// <param name="ContentLength">How many content bytes it held.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record Lz4BlockDamage(int Block, long StoredOffset, long StoredLength, long ContentOffset, long ContentLength, string Reason)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        string where = Block < 0 ? "the frame" : string.Create(inv, $"block {Block} (stored bytes {StoredOffset:N0}-{StoredOffset + Math.Max(0, StoredLength - 1):N0})");
        string lost = ContentLength > 0 ? string.Create(inv, $"; content bytes {ContentOffset:N0}-{ContentOffset + ContentLength - 1:N0} lost") : "";
        return $"{where}: {Reason}{lost}";
    }
}
