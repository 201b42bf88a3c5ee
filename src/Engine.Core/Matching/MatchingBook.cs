using Engine.Core.Market;
using Engine.Core.Orders;

namespace Engine.Core.Matching;

/// <summary>
/// One instrument's orders against its market, as the simulator's exchange and the paper broker
/// both match them: market orders walk the depth of the last tick up to their protection price
/// (what is left rests as a limit order at that price, as Kite converts it); limit orders take
/// the depth at or better than their price and rest, filling on a later tick when the depth
/// reaches their price or the market trades through it; SL and SL-M orders wait for their trigger
/// and then work as limit and market orders; IOC orders cancel what does not fill at once. Depth a
/// fill took is not offered again on the same tick. Orders match in arrival order. Nothing
/// allocates while the book stays within its capacity.
/// </summary>
public sealed class MatchingBook
{
    /// <summary>The protection, in percent, of a MARKET order with automatic protection (-1).</summary>
    public const int AutomaticProtectionPercent = 2;

    private readonly long[] _askUsed = new long[DepthSide.Levels];
    private readonly long[] _bidUsed = new long[DepthSide.Levels];
    private MatchOrder[] _resting;
    private int _count;
    private Tick _market;
    private bool _hasMarket;
    private long _allowance = long.MaxValue;

    /// <summary>Creates the book for <paramref name="token"/>.</summary>
    public MatchingBook(uint token, int capacity = 32)
    {
        Token = token;
        _resting = new MatchOrder[Math.Max(1, capacity)];
    }

    /// <summary>The instrument.</summary>
    public uint Token { get; }

    /// <summary>True once a tick arrived.</summary>
    public bool HasMarket => _hasMarket;

    /// <summary>The last tick.</summary>
    public ref readonly Tick Market => ref _market;

    /// <summary>Orders resting.</summary>
    public int RestingCount => _count;

    /// <summary>The resting order at <paramref name="index"/>, in arrival order.</summary>
    public ref readonly MatchOrder Resting(int index) => ref _resting[index];

    /// <summary>Finds a resting order.</summary>
    public bool TryGet(ulong id, out MatchOrder order)
    {
        int i = IndexOf(id);
        order = i >= 0 ? _resting[i] : default;
        return i >= 0;
    }

    /// <summary>
    /// A new tick: triggers and fills what it reaches. <paramref name="fillAllowance"/> caps the
    /// quantity every fill together may take until the next tick (the exchange's simulator leaves it
    /// open; the paper broker passes its participation in the volume traded since the last tick).
    /// </summary>
    public void OnTick(in Tick tick, IMatchListener listener, long fillAllowance = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _market = tick;
        _hasMarket = true;
        _allowance = Math.Max(0, fillAllowance);
        Array.Clear(_askUsed);
        Array.Clear(_bidUsed);
        for (int i = 0; i < _count; i++)
        {
            ref var order = ref _resting[i];
            Work(ref order, listener, arriving: false);
        }

        Compact();
    }

    /// <summary>An order arrives: it matches what it can now and rests (or, for IOC, expires) with the rest.</summary>
    public void Submit(MatchOrder order, IMatchListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Work(ref order, listener, arriving: true);
        if (order.Remaining > 0 && !Expired(ref order, listener))
        {
            Rest(order);
        }
    }

    /// <summary>Cancels a resting order; false if it is not resting (filled, or unknown).</summary>
    public bool Cancel(ulong id, out MatchOrder removed)
    {
        int i = IndexOf(id);
        if (i < 0)
        {
            removed = default;
            return false;
        }

        removed = _resting[i];
        Array.Copy(_resting, i + 1, _resting, i, _count - i - 1);
        _count--;
        return true;
    }

    /// <summary>Changes a resting order (a quantity below what filled is refused) and matches it again at once.</summary>
    public bool Modify(ulong id, long quantity, long price, long triggerPrice, OrderType type, IMatchListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        int i = IndexOf(id);
        if (i < 0)
        {
            return false;
        }

        ref var order = ref _resting[i];
        if (quantity > 0)
        {
            if (quantity < order.Filled)
            {
                return false;
            }

            order.Quantity = quantity;
        }

        if (type != OrderType.None)
        {
            order.Type = type;
            order.Triggered = type is OrderType.Limit or OrderType.Market;
        }

        order.Price = price > 0 ? price : order.Price;
        order.TriggerPrice = triggerPrice > 0 ? triggerPrice : order.TriggerPrice;
        Work(ref order, listener, arriving: true);
        Compact();
        return true;
    }

    private void Work(ref MatchOrder order, IMatchListener listener, bool arriving)
    {
        if (!_hasMarket || order.Remaining <= 0)
        {
            return;
        }

        if (order.Type is OrderType.StopLoss or OrderType.StopLossMarket && !order.Triggered)
        {
            long last = _market.LastPrice;
            bool reached = order.Side == Side.Buy ? last >= order.TriggerPrice : last <= order.TriggerPrice;
            if (!reached)
            {
                return;
            }

            order.Triggered = true;
            listener.OnTriggered(order.Id);
        }

        bool market = order.Type is OrderType.Market or OrderType.StopLossMarket;
        if (market && order.Price == 0)
        {
            // Kite turns a market order into a limit order at its protection price.
            order.Price = ProtectionPrice(order.Side, order.MarketProtection);
        }

        TakeDepth(ref order, listener);
        if (order.Remaining > 0 && !arriving)
        {
            // The market traded through the resting price: the order would have been filled there.
            long last = _market.LastPrice;
            bool through = order.Side == Side.Buy ? last < order.Price : last > order.Price;
            long quantity = Math.Min(order.Remaining, _allowance);
            if (through && last > 0 && quantity > 0)
            {
                Take(ref order, quantity, order.Price, listener);
            }
        }
    }

    private void TakeDepth(ref MatchOrder order, IMatchListener listener)
    {
        bool buy = order.Side == Side.Buy;
        ref readonly var side = ref buy ? ref _market.Asks : ref _market.Bids;
        long[] used = buy ? _askUsed : _bidUsed;
        bool anyDepth = false;
        for (int level = 0; level < DepthSide.Levels && order.Remaining > 0; level++)
        {
            var depth = side[level];
            if (depth.Quantity == 0 || depth.Price == 0)
            {
                break;
            }

            anyDepth = true;
            if (buy ? depth.Price > order.Price : depth.Price < order.Price)
            {
                break;
            }

            long available = depth.Quantity - used[level];
            if (available <= 0)
            {
                continue;
            }

            long quantity = Math.Min(Math.Min(available, order.Remaining), _allowance);
            if (quantity <= 0)
            {
                break;
            }

            used[level] += quantity;
            Take(ref order, quantity, depth.Price, listener);
        }

        // A tick without depth (LTP or quote mode, or a bar's tick in a backtest) offers its last price, without a size.
        long last = _market.LastPrice;
        long unsized = Math.Min(order.Remaining, _allowance);
        if (!anyDepth && last > 0 && unsized > 0 && (buy ? last <= order.Price : last >= order.Price))
        {
            Take(ref order, unsized, last, listener);
        }
    }

    private void Take(ref MatchOrder order, long quantity, long price, IMatchListener listener)
    {
        if (_allowance != long.MaxValue)
        {
            _allowance -= quantity;
        }

        order.Filled += quantity;
        listener.OnFill(order.Id, quantity, price);
    }

    private long ProtectionPrice(Side side, short protection)
    {
        int percent = protection is > 0 and <= 100 ? protection : AutomaticProtectionPercent;
        long reference = side == Side.Buy
            ? (_market.Asks[0].Price > 0 ? _market.Asks[0].Price : _market.LastPrice)
            : (_market.Bids[0].Price > 0 ? _market.Bids[0].Price : _market.LastPrice);
        return side == Side.Buy ? reference * (100 + percent) / 100 : reference * (100 - percent) / 100;
    }

    private static bool Expired(ref MatchOrder order, IMatchListener listener)
    {
        if (order.Validity != Validity.Ioc)
        {
            return false;
        }

        listener.OnExpired(order.Id, order.Remaining);
        return true;
    }

    private void Rest(in MatchOrder order)
    {
        if (_count == _resting.Length)
        {
            Array.Resize(ref _resting, _resting.Length * 2);
        }

        _resting[_count++] = order;
    }

    private void Compact()
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_resting[i].Remaining > 0)
            {
                _resting[kept++] = _resting[i];
            }
        }

        _count = kept;
    }

    private int IndexOf(ulong id)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_resting[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
