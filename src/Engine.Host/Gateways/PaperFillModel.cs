using System.Globalization;

namespace Engine.Host.Gateways;

/// <summary>
/// How the paper broker fills (in paper mode and in backtests): the slippage every fill pays
/// against the price the matching book found (never past a limit order's price), the latency
/// before an order reaches the book (it is then matched against the first input at or after
/// its due time), and the share of the volume traded since the previous tick that the engine's
/// orders may take (the rest of a larger order fills on later ticks, or expires if IOC).
/// </summary>
public sealed record PaperFillModel
{
    /// <summary>Fills at the book's price, at once, without a volume limit (the paper broker's behaviour without a model).</summary>
    public static PaperFillModel Immediate { get; } = new();

    /// <summary>The backtest default: no slippage or latency, and at most 10% of the volume traded.</summary>
    public static PaperFillModel BacktestDefault { get; } = new() { Participation = 0.1 };

    /// <summary>The adverse price move of each fill.</summary>
    public FillSlippage Slippage { get; init; } = FillSlippage.None;

    /// <summary>From the router's hand-off to the matching book (a REST round trip and the exchange's queue).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The share (0 to 1) of each tick's traded volume the engine's fills may take; 0 for no limit.</summary>
    public double Participation { get; init; }

    /// <summary>For people: <c>slippage 1 tick, latency 50 ms, participation 10% of volume</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"slippage {Slippage}, latency {Latency.TotalMilliseconds:0.###} ms, participation {(Participation > 0 ? $"{Participation * 100:0.##}% of volume" : "unlimited")}");
}
