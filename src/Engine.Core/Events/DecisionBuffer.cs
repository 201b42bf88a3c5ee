using System.Runtime.CompilerServices;
using Engine.Core.Risk;

namespace Engine.Core.Events;

/// <summary>The risk gate's decisions, one per intent in <see cref="RingEvent.Intents"/>, inline in the slot.</summary>
[InlineArray(IntentBuffer.Capacity)]
public struct DecisionBuffer
{
    private GateDecision _first;
}
