namespace Engine.Journal.Reading;

/// <summary>What reading one segment ended with: set while its records are enumerated.</summary>
public sealed class SegmentReadState
{
    /// <summary>True when damage stopped the reading and later segments should not be read.</summary>
    public bool Stopped { get; set; }
}
