using Engine.Core.Determinism;
using Engine.Core.Instruments;
using Engine.Core.Market;

namespace Engine.Sim.Market;

/// <summary>
/// One instrument's simulated market: a seeded random walk in whole ticks with realistic intraday
/// volatility, held inside the circuit limits, with trades, day statistics and a 5-level book.
/// Its k-th tick depends only on the seed, the instrument and k.
/// </summary>
public sealed class InstrumentModel
{
    // About 1.2% daily volatility, spread over a 6h15m session.
    private const double DailyVolatility = 0.012;
    private const double SessionSeconds = 22_500;

    private readonly Instrument _instrument;
    private readonly double _perTickVolatility;
    private readonly long _tick;
    private readonly long _lot;
    private readonly long _lowerCircuit;
    private readonly long _upperCircuit;
    private SeededRandom _random;
    private long _price;
    private long _open;
    private long _high;
    private long _low;
    private long _volume;
    private decimal _turnover;
    private long _buyQuantity;
    private long _sellQuantity;
    private readonly DepthLevel[] _bids = new DepthLevel[DepthSide.Levels];
    private readonly DepthLevel[] _asks = new DepthLevel[DepthSide.Levels];

    /// <summary>Creates the model at the instrument's file price (the previous close).</summary>
    public InstrumentModel(Instrument instrument, ulong seed, double ticksPerSecond)
    {
        _instrument = instrument;
        _random = new SeededRandom(SeededRandom.Mix(seed, instrument.InstrumentToken));
        _tick = Math.Max(1, instrument.TickSizeUnits);
        _lot = Math.Max(1, instrument.LotSize);
        long close = RoundToTick((long)(instrument.LastPrice * instrument.PriceDivisor));
        PreviousClose = Math.Max(_tick * 20, close);

        // Cash-market circuit: 20% either side of the previous close (indices: no circuit in practice).
        long band = instrument.Segment == ExchangeSegment.Indices ? PreviousClose / 2 : PreviousClose / 5;
        _lowerCircuit = RoundToTick(PreviousClose - band);
        _upperCircuit = RoundToTick(PreviousClose + band);
        _perTickVolatility = DailyVolatility / Math.Sqrt(Math.Max(1, ticksPerSecond * SessionSeconds));

        // The opening price gaps a little from the previous close.
        _price = Clamp(RoundToTick(PreviousClose + (long)(PreviousClose * 0.004 * _random.NextNormal())));
        _open = _high = _low = _price;
        _buyQuantity = _lot * _random.Next(1_000, 50_000);
        _sellQuantity = _lot * _random.Next(1_000, 50_000);
        RebuildBook();
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument => _instrument;

    /// <summary>Yesterday's close, in wire units.</summary>
    public long PreviousClose { get; }

    /// <summary>The lowest price the circuit allows.</summary>
    public long LowerCircuit => _lowerCircuit;

    /// <summary>The highest price the circuit allows.</summary>
    public long UpperCircuit => _upperCircuit;

    /// <summary>The current last price.</summary>
    public long LastPrice => _price;

    /// <summary>Moves the market one tick and writes the full tick at <paramref name="unixSeconds"/> into <paramref name="tick"/>.</summary>
    public void Step(long unixSeconds, ref Tick tick)
    {
        double sigmaTicks = _price * _perTickVolatility / _tick;
        long moveTicks = (long)Math.Round(_random.NextNormal() * sigmaTicks);
        _price = Clamp(_price + (moveTicks * _tick));
        _high = Math.Max(_high, _price);
        _low = Math.Min(_low, _price);

        var segment = _instrument.Segment;
        tick.InstrumentToken = _instrument.InstrumentToken;
        tick.Segment = segment;
        tick.Tradable = Segments.IsTradable(segment);
        tick.PriceDivisor = _instrument.PriceDivisor;
        tick.Mode = TickMode.Full;
        tick.LastPrice = _price;
        tick.Open = _open;
        tick.High = _high;
        tick.Low = _low;
        tick.Close = PreviousClose;
        tick.ExchangeTimestamp = unixSeconds;

        if (segment == ExchangeSegment.Indices)
        {
            tick.IndexChange = _price - PreviousClose;
            return;
        }

        // A trade of a few lots, heavier-tailed than uniform.
        long quantity = _lot * (1 + (long)(-Math.Log(1.0 - _random.NextDouble()) * 40));
        _volume += quantity;
        _turnover += (decimal)_price * quantity;
        _buyQuantity = Math.Max(_lot, _buyQuantity + (_lot * _random.Next(-200, 201)));
        _sellQuantity = Math.Max(_lot, _sellQuantity + (_lot * _random.Next(-200, 201)));

        tick.LastTradedQuantity = quantity;
        tick.VolumeTraded = _volume;
        tick.AverageTradedPrice = (long)decimal.Round(_turnover / _volume);
        tick.TotalBuyQuantity = _buyQuantity;
        tick.TotalSellQuantity = _sellQuantity;
        tick.LastTradeTime = unixSeconds;
        tick.IndexChange = 0;

        // The book moves with the price; between moves only a level or two changes, as in a
        // real order book (which is also what makes a tick journal compress well).
        if (moveTicks != 0)
        {
            RebuildBook();
        }
        else
        {
            TouchBook();
        }

        for (int level = 0; level < DepthSide.Levels; level++)
        {
            tick.Bids[level] = _bids[level];
            tick.Asks[level] = _asks[level];
        }
    }

    // Re-centres the ladder on the last price, one tick apart, keeping the quantity of any level
    // whose price is still in the book.
    private void RebuildBook()
    {
        long bestBid = _price - (_random.Next(0, 2) * _tick);
        long bestAsk = bestBid + _tick;
        Span<DepthLevel> oldBids = stackalloc DepthLevel[DepthSide.Levels];
        Span<DepthLevel> oldAsks = stackalloc DepthLevel[DepthSide.Levels];
        _bids.CopyTo(oldBids);
        _asks.CopyTo(oldAsks);
        for (int level = 0; level < DepthSide.Levels; level++)
        {
            _bids[level] = Carry(oldBids, (uint)Math.Max(_tick, bestBid - (level * _tick)));
            _asks[level] = Carry(oldAsks, (uint)(bestAsk + (level * _tick)));
        }
    }

    private DepthLevel Carry(ReadOnlySpan<DepthLevel> previous, uint price)
    {
        foreach (var level in previous)
        {
            if (level.Price == price && level.Quantity > 0)
            {
                return level;
            }
        }

        return new DepthLevel(price, (uint)(_lot * _random.Next(1, 2_000)), (ushort)_random.Next(1, 40));
    }

    private void TouchBook()
    {
        int changes = _random.Next(1, 3);
        for (int i = 0; i < changes; i++)
        {
            var side = _random.Next(0, 2) == 0 ? _bids : _asks;
            ref var level = ref side[_random.Next(0, DepthSide.Levels)];
            long quantity = Math.Max(_lot, level.Quantity + (_lot * _random.Next(-50, 51)));
            level = new DepthLevel(level.Price, (uint)quantity, (ushort)Math.Clamp(level.Orders + _random.Next(-1, 2), 1, 999));
        }
    }

    private long RoundToTick(long units) => (long)Math.Round((double)units / _tick) * _tick;

    private long Clamp(long price) => Math.Clamp(price, _lowerCircuit, _upperCircuit);
}
