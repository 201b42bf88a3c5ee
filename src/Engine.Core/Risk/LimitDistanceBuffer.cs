using System.Runtime.CompilerServices;

namespace Engine.Core.Risk;

/// <summary>A snapshot's distances, one per <see cref="RiskLimit"/>, inline in the ring slot.</summary>
[InlineArray(Capacity)]
public struct LimitDistanceBuffer
{
    /// <summary>One entry per measured limit.</summary>
    public const int Capacity = 10;

    private LimitDistance _first;
}
