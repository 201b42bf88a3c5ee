using System.Text;

namespace Engine.Core.Strategies;

/// <summary>
/// The reason texts of every started strategy instance, encoded once as UTF-8, so the journal can
/// write an intent's reason in words without building a string per intent.
/// </summary>
public sealed class IntentReasonTable
{
    private readonly byte[][][] _reasons;

    /// <summary>Takes the reasons the instances defined in <see cref="Strategy.OnStart"/>; build it after the host has started.</summary>
    public IntentReasonTable(IReadOnlyList<StrategyContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _reasons = contexts.Select(c => c.Reasons.Select(Encoding.UTF8.GetBytes).ToArray()).ToArray();
        Names = contexts.Select(c => c.Name).ToArray();
    }

    /// <summary>The instances' names, by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The text of reason <paramref name="reason"/> of instance <paramref name="strategy"/>; empty if it was never defined.</summary>
    public ReadOnlySpan<byte> Utf8(int strategy, int reason) =>
        strategy == SignalIntent.OperatorIndex ? "operator order"u8
        : (uint)strategy < (uint)_reasons.Length && (uint)reason < (uint)_reasons[strategy].Length ? _reasons[strategy][reason] : [];
}
