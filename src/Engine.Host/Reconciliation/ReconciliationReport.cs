namespace Engine.Host.Reconciliation;

/// <summary>What a start-up comparison of the engine's account with the broker's found: differences refuse the start; notes are told and left alone.</summary>
public sealed record ReconciliationReport(IReadOnlyList<string> Differences, IReadOnlyList<string> Notes)
{
    /// <summary>True when nothing differs that the engine manages.</summary>
    public bool Agrees => Differences.Count == 0;
}
