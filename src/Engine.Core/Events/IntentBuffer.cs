using System.Runtime.CompilerServices;
using Engine.Core.Strategies;

namespace Engine.Core.Events;

/// <summary>The signal intents produced by one event, inline in its ring slot.</summary>
[InlineArray(Capacity)]
public struct IntentBuffer
{
    /// <summary>Intents one event can carry (all strategies together).</summary>
    public const int Capacity = 16;

    private SignalIntent _first;
}
