namespace Engine.Core.Risk;

/// <summary>One pre-trade rule: it passes an order, denies it with its code, or (a cap) cuts its quantity.</summary>
public interface IPreTradeRule
{
    /// <summary>The rule's code when it denies.</summary>
    RiskRule Code { get; }

    /// <summary>True when the rule also applies to an order that only reduces a position.</summary>
    bool AppliesToReducing { get; }

    /// <summary>Checks <paramref name="order"/>; returns false to deny it with <see cref="Code"/>.</summary>
    bool Allows(ref ProposedOrder order, RiskContext context);
}
