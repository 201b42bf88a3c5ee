using Engine.Ring;

namespace Engine.Tests.Ring;

internal delegate void Stamp(ref TestEvent e);

internal delegate void StampWithSequence(ref TestEvent e, long sequence);

/// <summary>A handler that runs a small test action on each event and counts them.</summary>
internal sealed class StampingHandler : IEventHandler<TestEvent>
{
    private readonly StampWithSequence _action;
    private int _count;

    public StampingHandler(string name, Stamp action)
        : this(name, (ref TestEvent e, long _) => action(ref e))
    {
    }

    public StampingHandler(string name, StampWithSequence action)
    {
        Name = name;
        _action = action;
    }

    public string Name { get; }

    public int Count => Volatile.Read(ref _count);

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        _action(ref data, sequence);
        Volatile.Write(ref _count, _count + 1);
    }
}
