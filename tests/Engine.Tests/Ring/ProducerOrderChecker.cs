using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Checks that each producer's events arrive once each and in the order that producer published them.</summary>
internal sealed class ProducerOrderChecker : IEventHandler<TestEvent>
{
    private readonly long[] _next;
    private long _expectedSequence;

    public ProducerOrderChecker(int producers) => _next = new long[producers];

    public int Violations { get; private set; }

    public IReadOnlyList<long> Counts => _next;

    public void OnEvent(ref TestEvent data, long sequence, bool endOfBatch)
    {
        if (sequence != _expectedSequence++ || data.Sequence != sequence || data.Value != _next[data.ProducerId])
        {
            Violations++;
        }

        _next[data.ProducerId] = data.Value + 1;
    }
}
