namespace Engine.Host.Rebalancing;

/// <summary>The limits a plan keeps.</summary>
public sealed record RebalancePlanOptions
{
    /// <summary>A delta worth less than this (rupees) is not traded.</summary>
    public decimal MinTradeValue { get; init; } = 1_000m;

    /// <summary>Percent of the equity kept in cash: weights are of the rest, and buys stop where they would eat into it.</summary>
    public decimal CashBufferPercent { get; init; } = 2m;
}
