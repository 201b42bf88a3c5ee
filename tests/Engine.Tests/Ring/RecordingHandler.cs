using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Records the sequence and value of every event it sees, in order.</summary>
internal sealed class RecordingHandler : IEventHandler<TestEvent>
{
    private readonly long[] _sequences;
    private readonly long[] _values;
    private int _count;

    public RecordingHandler(string name, int capacity)
    {
        Name = name;
        _sequences = new long[capacity];
        _values = new long[capacity];
    }

    public string Name { get; }

    public int Count => Volatile.Read(ref _count);

    public int Overflow { get; private set; }

    public ReadOnlySpan<long> Sequences => _sequences.AsSpan(0, Count);

    public ReadOnlySpan<long> Values => _values.AsSpan(0, Count);

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        int index = _count;
        if (index >= _sequences.Length)
        {
            Overflow++;
            return;
        }

        _sequences[index] = sequence;
        _values[index] = data.Value;
        Volatile.Write(ref _count, index + 1);
    }
}
