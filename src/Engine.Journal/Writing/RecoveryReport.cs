namespace Engine.Journal.Writing;

/// <summary>What opening a journal found and did: where writing continues, and anything repaired or cut.</summary>
/// <param name="CreatedNew">True when the folder held no journal.</param>
/// <param name="JournalId">The journal's id.</param>
/// <param name="ActiveSegment">The segment writing continues in.</param>
/// <param name="NextRecordNumber">The next record's number.</param>
/// <param name="LastSequence">The ring sequence of the last record kept, or -1.</param>
/// <param name="RecordsKept">Records found in the journal.</param>
/// <param name="TornTail">The incomplete record cut from the active segment, if any.</param>
/// <param name="Actions">Everything recovery did, one sentence each.</param>
public sealed record RecoveryReport(
    bool CreatedNew,
    Guid JournalId,
    ulong ActiveSegment,
    ulong NextRecordNumber,
    long LastSequence,
    long RecordsKept,
    TornTail? TornTail,
    IReadOnlyList<string> Actions);
