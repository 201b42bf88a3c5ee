namespace Engine.Core.Indicators;

/// <summary>Where a VWAP starts accumulating.</summary>
public enum VwapAnchor
{
    /// <summary>At the first bar of each trading day (IST date): the intraday convention.</summary>
    Session,

    /// <summary>From the first bar, never reset.</summary>
    Cumulative,
}
