namespace Engine.Core.Risk;

/// <summary>How the risk gate decides an entry's quantity.</summary>
public enum SizingMethod : byte
{
    /// <summary>A fixed number of lots.</summary>
    Fixed = 0,

    /// <summary>A fixed fraction of equity at risk: the intent's stop distance sets the quantity.</summary>
    FixedFraction = 1,

    /// <summary>A fixed fraction of equity at risk over a multiple of the instrument's ATR.</summary>
    Atr = 2,

    /// <summary>Fractional Kelly from the closed round trips, with a cap.</summary>
    Kelly = 3,
}
