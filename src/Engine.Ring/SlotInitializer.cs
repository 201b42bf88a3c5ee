namespace Engine.Ring;

/// <summary>Prepares one ring slot when the ring is created, e.g. giving it a preallocated buffer.</summary>
public delegate void SlotInitializer<T>(ref T slot)
    where T : struct;
