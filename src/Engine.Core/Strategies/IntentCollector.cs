namespace Engine.Core.Strategies;

/// <summary>Gathers the intents of one event from every strategy, in emission order, into a preallocated buffer.</summary>
internal sealed class IntentCollector
{
    private readonly SignalIntent[] _intents = new SignalIntent[Events.IntentBuffer.Capacity];

    public int Count { get; private set; }

    /// <summary>Intents that did not fit in one event's slot.</summary>
    public long Overflowed { get; private set; }

    public ReadOnlySpan<SignalIntent> Intents => _intents.AsSpan(0, Count);

    public void Add(in SignalIntent intent)
    {
        if (Count == _intents.Length)
        {
            Overflowed++;
            return;
        }

        _intents[Count++] = intent;
    }

    public void Clear() => Count = 0;
}
