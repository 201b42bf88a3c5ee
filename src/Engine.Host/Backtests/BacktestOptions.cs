using Engine.Host.Gateways;

namespace Engine.Host.Backtests;

/// <summary>What <c>engine backtest</c> runs.</summary>
public sealed record BacktestOptions
{
    /// <summary>The engine configuration: strategies, risk rules, charges, calendar, instruments.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>A bar file or a folder of them.</summary>
    public required string Data { get; init; }

    /// <summary>The instrument of a single bar file (EXCHANGE:SYMBOL), when its name does not say.</summary>
    public string? Instrument { get; init; }

    /// <summary>First day (IST), inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (IST), inclusive.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>The new journal's folder (must not hold a journal).</summary>
    public required string Journal { get; init; }

    /// <summary>Strategy parameters set over the configuration's.</summary>
    public IReadOnlyList<ParameterOverride> Overrides { get; init; } = [];

    /// <summary>The fill model; null: the configuration's <c>fills:</c>, or <see cref="PaperFillModel.BacktestDefault"/>.</summary>
    public PaperFillModel? Fills { get; init; }

    /// <summary>
    /// Stamp each input's stages and write a latency record after it, for <c>journal latency</c>.
    /// The stamps are the machine's clock, so two such backtests of the same inputs no longer write
    /// the same bytes (their decisions still agree).
    /// </summary>
    public bool StampStages { get; init; }

    /// <summary>Where progress and notes go (standard error).</summary>
    public TextWriter Progress { get; init; } = TextWriter.Null;

    /// <summary>Redraw one progress line (a terminal) rather than print a line every 10 seconds.</summary>
    public bool ProgressIsTerminal { get; init; }
}
