namespace Engine.Host.Reports;

/// <summary>The account's equity (rupees) at a market time (Unix ns), from a journaled risk snapshot.</summary>
public readonly record struct EquityPoint(long AtNs, decimal Equity);
