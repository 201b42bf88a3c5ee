namespace Engine.Core.Charges;

/// <summary>The kinds of trade Zerodha's schedule prices differently.</summary>
public enum ChargeCategory : byte
{
    /// <summary>Equity bought and sold the same day (MIS).</summary>
    EquityIntraday = 0,

    /// <summary>Equity taken into or out of the demat account (CNC).</summary>
    EquityDelivery = 1,

    /// <summary>Futures (NFO, BFO, and the currency and commodity segments at the same rates).</summary>
    Futures = 2,

    /// <summary>Options; values are premium turnover.</summary>
    Options = 3,
}
