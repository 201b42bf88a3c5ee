namespace Engine.Journal.Format;

/// <summary>What checking the bytes at a record position found.</summary>
public enum RecordCheck
{
    /// <summary>A whole record with a matching CRC.</summary>
    Valid,

    /// <summary>No bytes left: the clean end of the segment.</summary>
    End,

    /// <summary>The bytes end before the record does (a torn write, if it is at the end of the active segment).</summary>
    Truncated,

    /// <summary>The length field is impossible.</summary>
    BadLength,

    /// <summary>The CRC does not match the header and payload.</summary>
    BadCrc,
}
