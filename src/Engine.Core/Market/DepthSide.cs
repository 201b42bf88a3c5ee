using System.Runtime.CompilerServices;

namespace Engine.Core.Market;

/// <summary>Five depth levels stored inline in the tick (no array, no allocation); index 0 is the best.</summary>
[InlineArray(Levels)]
public struct DepthSide
{
    /// <summary>Levels per side in a Kite full packet.</summary>
    public const int Levels = 5;

    private DepthLevel _level;
}
