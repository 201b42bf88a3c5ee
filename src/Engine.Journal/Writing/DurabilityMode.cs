namespace Engine.Journal.Writing;

/// <summary>How far a record must get before the journal reports it journaled.</summary>
public enum DurabilityMode
{
    /// <summary>Into the writer's memory buffer; written when the buffer fills. A process crash can lose up to a buffer. For backtests.</summary>
    None,

    /// <summary>Written to the operating system (page cache) at the end of every batch: survives a process crash.</summary>
    Batch,

    /// <summary>Written and fsynced at the end of every batch: survives a power cut.</summary>
    Fsync,

    /// <summary>Written at the end of every batch and fsynced every interval: a power cut loses at most the interval.</summary>
    Interval,
}
