using System.Globalization;

namespace Engine.Host.Rebalancing;

/// <summary>A rebalance's execution summary: what was planned, what was done, what failed and why.</summary>
public sealed record RebalanceSummary(RebalancePlan Plan, IReadOnlyList<RebalanceResult> Results, bool DryRun)
{
    /// <summary>Deltas done in full.</summary>
    public int Done => Results.Count(r => r.Done);

    /// <summary>Deltas not done in full.</summary>
    public int Failed => Results.Count(r => !r.Done);

    /// <summary>One line for the alert.</summary>
    public string Headline => DryRun
        ? string.Create(CultureInfo.InvariantCulture, $"rebalance (dry run): {Plan.Orders.Count} orders planned")
        : Plan.Orders.Count == 0
            ? "rebalance: at target, nothing placed"
            : string.Create(CultureInfo.InvariantCulture, $"rebalance: {Done} of {Plan.Orders.Count} orders done, {Failed} failed{(Failed > 0 ? ": " + string.Join("; ", Results.Where(r => !r.Done).Select(r => $"{r.Order.Side.ToString().ToLowerInvariant()} {r.Order.Quantity} {r.Order.Instrument.Key}: {r.Why}")) : "")}");

    /// <summary>The summary for people.</summary>
    public IEnumerable<string> Lines()
    {
        var inv = CultureInfo.InvariantCulture;
        yield return Headline;
        foreach (var r in Results)
        {
            yield return string.Create(inv, $"  {(r.Done ? "done  " : "FAILED")} {(r.Order.Side == Core.Orders.Side.Buy ? "buy " : "sell")} {r.Order.Quantity,8} {r.Order.Instrument.Key,-20} {r.Outcome}: filled {r.Filled}{(r.Filled > 0 ? $" at ₹{r.AveragePrice:0.00}" : "")}; {r.Why}");
        }

        if (!DryRun && Failed > 0)
        {
            yield return "  Run the same command again: it plans from the broker's positions, so it places only what is still missing.";
        }
    }
}
