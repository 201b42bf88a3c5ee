using Engine.Core.Instruments;

namespace Engine.Host.Rebalancing;

/// <summary>One line of a targets file: an instrument and the quantity to hold, or the share of the investable equity to hold in it.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Quantity">Shares to hold (rounded down to lots), or null for a weight.</param>
/// <param name="WeightPercent">Percent of the investable equity, or null for a quantity.</param>
/// <param name="Line">Where it was written (for messages).</param>
public sealed record RebalanceTarget(Instrument Instrument, long? Quantity, decimal? WeightPercent, int Line);
