using System.Runtime.CompilerServices;

namespace Engine.Core.Risk;

/// <summary>The trading-state changes one input caused (a day's reset and a breach can share one), inline in the slot.</summary>
[InlineArray(Capacity)]
public struct RiskStateChangeBuffer
{
    /// <summary>Changes one input can carry.</summary>
    public const int Capacity = 4;

    private RiskStateChange _first;
}
