namespace Engine.Ring;

/// <summary>A consumer thread's allocation count at its last sample.</summary>
/// <param name="Name">The consumer.</param>
/// <param name="AllocatedBytes">Bytes its thread had allocated since it started, at the sample; -1 before the first.</param>
/// <param name="Samples">Samples taken so far: a caller that asked for one waits for this to grow.</param>
public sealed record ConsumerAllocation(string Name, long AllocatedBytes, long Samples);
