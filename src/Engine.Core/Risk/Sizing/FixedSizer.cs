namespace Engine.Core.Risk.Sizing;

/// <summary>The same number of lots every time.</summary>
public sealed class FixedSizer(int lots) : ISizer
{
    /// <inheritdoc/>
    public long Lots(in ProposedOrder order, RiskContext context) => lots;
}
