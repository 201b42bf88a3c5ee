namespace Engine.Core.Indicators;

/// <summary>Which position a Chandelier exit protects.</summary>
public enum ChandelierDirection
{
    /// <summary>A long position: the stop hangs below the highest high.</summary>
    Long,

    /// <summary>A short position: the stop sits above the lowest low.</summary>
    Short,
}
