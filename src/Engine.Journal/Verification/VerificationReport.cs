namespace Engine.Journal.Verification;

/// <summary>The outcome of verifying a journal: errors make it fail; warnings (such as a torn tail a restart would cut) do not.</summary>
public sealed class VerificationReport
{
    /// <summary>Damage, breaks in the chain or the sequence.</summary>
    public List<VerificationIssue> Errors { get; } = [];

    /// <summary>Things worth knowing that do not make the journal wrong.</summary>
    public List<VerificationIssue> Warnings { get; } = [];

    /// <summary>Segments checked.</summary>
    public int Segments { get; set; }

    /// <summary>Records checked.</summary>
    public long Records { get; set; }

    /// <summary>Records by type name.</summary>
    public SortedDictionary<string, long> RecordsByType { get; } = [];

    /// <summary>The journal id.</summary>
    public Guid? JournalId { get; set; }

    /// <summary>True when nothing is wrong.</summary>
    public bool Ok => Errors.Count == 0;
}
