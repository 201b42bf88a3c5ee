using Engine.Core.Events;
using Engine.Ring;

namespace Engine.Host.Ticks;

/// <summary>Keeps per-instrument counts and last prices of the ticks flowing through the ring, for <c>engine ticks</c>.</summary>
public sealed class TickSummaryHandler : IEventHandler<RingEvent>
{
    private readonly Dictionary<uint, int> _index;
    private readonly long[] _counts;
    private readonly long[] _lastPrices;
    private readonly long[] _closes;
    private readonly int[] _divisors;
    private long _orderUpdates;
    private long _otherTicks;

    /// <summary>Creates the summary for <paramref name="tokens"/>.</summary>
    public TickSummaryHandler(IReadOnlyList<uint> tokens)
    {
        Tokens = tokens;
        _index = tokens.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        _counts = new long[tokens.Count];
        _lastPrices = new long[tokens.Count];
        _closes = new long[tokens.Count];
        _divisors = new int[tokens.Count];
    }

    /// <inheritdoc/>
    public string Name => "summary";

    /// <summary>The instruments, in display order.</summary>
    public IReadOnlyList<uint> Tokens { get; }

    /// <summary>Order updates seen.</summary>
    public long OrderUpdates => Volatile.Read(ref _orderUpdates);

    /// <summary>Ticks for tokens not asked for.</summary>
    public long OtherTicks => Volatile.Read(ref _otherTicks);

    /// <summary>Ticks seen for the instrument at <paramref name="i"/>.</summary>
    public long Count(int i) => Volatile.Read(ref _counts[i]);

    /// <summary>The last price in rupees of the instrument at <paramref name="i"/>, or null before its first tick.</summary>
    public decimal? LastPrice(int i)
    {
        int divisor = Volatile.Read(ref _divisors[i]);
        return divisor == 0 ? null : (decimal)Volatile.Read(ref _lastPrices[i]) / divisor;
    }

    /// <summary>Change against the previous close in percent, or null.</summary>
    public double? ChangePercent(int i)
    {
        long close = Volatile.Read(ref _closes[i]);
        return close == 0 ? null : (Volatile.Read(ref _lastPrices[i]) - close) * 100.0 / close;
    }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.OrderUpdate)
        {
            _orderUpdates++;
            return;
        }

        if (data.Kind != EventKind.Tick)
        {
            return;
        }

        if (!_index.TryGetValue(data.Tick.InstrumentToken, out int i))
        {
            _otherTicks++;
            return;
        }

        _counts[i]++;
        _lastPrices[i] = data.Tick.LastPrice;
        if (data.Tick.Close != 0)
        {
            _closes[i] = data.Tick.Close;
        }

        _divisors[i] = data.Tick.PriceDivisor;
    }
}
