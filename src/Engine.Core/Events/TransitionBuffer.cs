using System.Runtime.CompilerServices;
using Engine.Core.Orders;

namespace Engine.Core.Events;

/// <summary>The order transitions one event caused, inline in its slot.</summary>
[InlineArray(Capacity)]
public struct TransitionBuffer
{
    /// <summary>Transitions one event can carry: an answer moves one order; a flatten's cancels one each.</summary>
    public const int Capacity = 12;

    private OrderTransition _first;
}
