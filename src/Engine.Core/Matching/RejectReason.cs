namespace Engine.Core.Matching;

/// <summary>Why an exchange (the simulator's, or the paper broker's) refuses an order.</summary>
public enum RejectReason : byte
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>A price not a multiple of the tick size.</summary>
    TickSize = 1,

    /// <summary>A quantity not a multiple of the lot size, or not positive.</summary>
    LotSize = 2,

    /// <summary>More than the freeze quantity.</summary>
    FreezeQuantity = 3,

    /// <summary>A price outside the day's circuit band.</summary>
    CircuitBand = 4,

    /// <summary>A MARKET or SL-M order with market protection 0 (refused since 1 April 2026).</summary>
    MarketProtection = 5,

    /// <summary>Not enough funds.</summary>
    Margin = 6,

    /// <summary>More than 25 modifications of one order.</summary>
    Modifications = 7,

    /// <summary>Missing or impossible fields (a limit order without a price, an SL without a trigger, ...).</summary>
    Input = 8,
}
