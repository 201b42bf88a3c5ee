namespace Engine.Host.Gateways;

/// <summary>What a slippage amount counts.</summary>
public enum SlippageUnit
{
    /// <summary>Whole price ticks of the instrument.</summary>
    Ticks = 0,

    /// <summary>Hundredths of a percent of the fill price.</summary>
    BasisPoints = 1,
}
