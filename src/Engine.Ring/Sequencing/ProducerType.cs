namespace Engine.Ring;

/// <summary>How many threads publish into a ring: it decides which sequencer claims slots.</summary>
public enum ProducerType
{
    /// <summary>One publishing thread: claims are plain increments, no atomic operations.</summary>
    Single,

    /// <summary>Several publishing threads: claims are atomic and slots carry an availability flag.</summary>
    Multi,
}
