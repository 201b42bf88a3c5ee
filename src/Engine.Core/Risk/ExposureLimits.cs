namespace Engine.Core.Risk;

/// <summary>Caps on what one order and the whole book may hold. Money in paise; 0 turns a cap off.</summary>
public sealed record ExposureLimits
{
    /// <summary>Units in one order (an order above it is cut down to it in lots).</summary>
    public long MaxOrderQuantity { get; init; }

    /// <summary>Value of one order (an order above it is cut down in lots).</summary>
    public long MaxOrderValue { get; init; }

    /// <summary>The value held in one instrument, every product together.</summary>
    public long MaxPositionValue { get; init; }

    /// <summary>The value held in one sector (from the sector file).</summary>
    public long MaxSectorValue { get; init; }

    /// <summary>Instruments with an open position.</summary>
    public int MaxOpenPositions { get; init; }

    /// <summary>The open positions' absolute value.</summary>
    public long MaxGrossExposure { get; init; }

    /// <summary>Long less short value, either way.</summary>
    public long MaxNetExposure { get; init; }

    /// <summary>Trading symbol to sector, from the sector file.</summary>
    public IReadOnlyDictionary<string, string> Sectors { get; init; } = new Dictionary<string, string>();
}
