namespace Engine.Journal.Format;

/// <summary>Whether a record is an input (replayed into the ring), an output (re-derived and compared by replay), or about the run.</summary>
public enum RecordDirection
{
    /// <summary>Something that entered the engine; input sequences are contiguous.</summary>
    Input,

    /// <summary>A decision the engine made; replay must reproduce it.</summary>
    Output,

    /// <summary>Facts about the run (configuration, instruments).</summary>
    Meta,
}
