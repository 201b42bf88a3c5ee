namespace Engine.Journal.Verification;

/// <summary>What checking a journal against its digest found: errors (the journal is not the one vouched for), warnings, and the heads checked.</summary>
public sealed record DigestCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, int Entries, DigestEntry? Last)
{
    /// <summary>True when every signature holds and every vouched-for segment is as it was.</summary>
    public bool Ok => Errors.Count == 0 && Entries > 0;
}
