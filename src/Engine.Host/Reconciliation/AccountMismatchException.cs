namespace Engine.Host.Reconciliation;

/// <summary>The start-up refused to trade: the engine's account and the broker's differ, and the operator did not adopt the broker's.</summary>
public sealed class AccountMismatchException(ReconciliationReport report)
    : Exception($"the journal and the broker disagree on {report.Differences.Count} point{(report.Differences.Count == 1 ? "" : "s")}; nothing was traded")
{
    /// <summary>What differs, and what was only noted.</summary>
    public ReconciliationReport Report { get; } = report;
}
