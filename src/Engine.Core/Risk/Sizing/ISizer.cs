namespace Engine.Core.Risk.Sizing;

/// <summary>Decides how many lots an entry gets (0: none).</summary>
public interface ISizer
{
    /// <summary>Lots for <paramref name="order"/>, before the cap on lots.</summary>
    long Lots(in ProposedOrder order, RiskContext context);
}
