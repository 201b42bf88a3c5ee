using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Core.Strategies;

/// <summary>
/// What a strategy sees of the engine: its universe, the current event's time, and a way to emit
/// intents. Reasons are declared once at start (<see cref="DefineReason"/>), so emitting an intent
/// never builds a string.
/// </summary>
public sealed class StrategyContext
{
    private readonly List<string> _reasons = [];
    private readonly IntentCollector _collector;
    private readonly long[] _lastPrices;
    private bool _started;

    internal StrategyContext(int index, string name, IReadOnlyList<Instrument> universe, IntentCollector collector)
    {
        Index = index;
        Name = name;
        Universe = universe;
        _collector = collector;
        _lastPrices = new long[universe.Count];
    }

    /// <summary>The instance's position in the configuration.</summary>
    public int Index { get; }

    /// <summary>The instance's name.</summary>
    public string Name { get; }

    /// <summary>The instruments this instance trades, by universe index.</summary>
    public IReadOnlyList<Instrument> Universe { get; }

    /// <summary>The event time of the event being handled, Unix ns: the only clock a strategy has.</summary>
    public long EventTimeNs { get; internal set; }

    /// <summary>Declares a reason text and returns its code. Only during <see cref="Strategy.OnStart"/>.</summary>
    public int DefineReason(string text)
    {
        if (_started)
        {
            throw new InvalidOperationException($"Strategy '{Name}': reasons must be defined in OnStart.");
        }

        _reasons.Add(text);
        return _reasons.Count - 1;
    }

    /// <summary>The text of a reason code.</summary>
    public string ReasonText(int reason) => reason >= 0 && reason < _reasons.Count ? _reasons[reason] : $"reason {reason}";

    /// <summary>The reasons, by code.</summary>
    public IReadOnlyList<string> Reasons => _reasons;

    /// <summary>The last traded price of universe instrument <paramref name="instrument"/>, in rupees (0 before its first tick).</summary>
    public double LastPrice(int instrument) => (double)_lastPrices[instrument] / Universe[instrument].PriceDivisor;

    /// <summary>
    /// Emits an intent to buy or sell universe instrument <paramref name="instrument"/>, at the last
    /// price, with a conviction of <paramref name="strength"/> (0 to 1) and an optional stop in rupees.
    /// </summary>
    public void Emit(int instrument, Side side, double strength, int reason, double stopPrice = 0, bool isExit = false)
    {
        var info = Universe[instrument];
        var intent = new SignalIntent
        {
            InstrumentToken = info.InstrumentToken,
            Side = side,
            StrategyIndex = (byte)Index,
            Reason = (ushort)reason,
            Strength = Math.Clamp(double.IsFinite(strength) ? strength : 0, 0, 1),
            Price = _lastPrices[instrument],
            Stop = stopPrice > 0 && double.IsFinite(stopPrice) ? (long)Math.Round(stopPrice * info.PriceDivisor) : 0,
            IsExit = isExit,
        };
        _collector.Add(intent);
    }

    internal void Started() => _started = true;

    internal void SetLastPrice(int instrument, long price) => _lastPrices[instrument] = price;
}
