using System.Runtime.CompilerServices;
using Engine.Core.Orders;

namespace Engine.Core.Events;

/// <summary>The engine's own order requests one event produced (square-off, flatten: cancels and closing orders), inline in its slot.</summary>
[InlineArray(Capacity)]
public struct ActionBuffer
{
    /// <summary>Requests one event can carry; a longer flatten continues on the next events.</summary>
    public const int Capacity = 8;

    private OrderRequest _first;
}
