using Engine.Core.Charges;
using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Core.Positions;

/// <summary>
/// The account as the engine's own fills and the ticks make it: positions, realised and
/// mark-to-market P&amp;L, the charges on every executed order, equity, its high-water marks and the
/// record of closed round trips. Kept on the decision thread (the risk gate marks it, the order
/// tracker fills it), read there by the risk rules; other threads read the totals for status.
/// Money is in paise.
/// </summary>
public sealed class TradingAccount
{
    private readonly ChargeSchedule _charges;
    private readonly Dictionary<uint, Instrument> _instruments = [];
    private long _realized;
    private long _unrealized;
    private long _totalCharges;
    private long _highWaterMark;
    private long _realizedHighWaterMark;
    private long _closedTrades;
    private long _winningTrades;
    private long _winTotal;
    private long _lossTotal;
    private int _consecutiveLosses;
    private long _lastLossAtNs;
    private long _changes;

    /// <summary>Creates the account with <paramref name="capitalPaise"/> at the start, charging by <paramref name="charges"/>.</summary>
    public TradingAccount(long capitalPaise, ChargeSchedule? charges = null, IEnumerable<Instrument>? instruments = null)
    {
        if (capitalPaise <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capitalPaise), capitalPaise, "The capital must be positive.");
        }

        Capital = capitalPaise;
        _charges = charges ?? ChargeSchedule.Zerodha;
        foreach (var instrument in instruments ?? [])
        {
            _instruments[instrument.InstrumentToken] = instrument;
        }

        _highWaterMark = capitalPaise;
        _realizedHighWaterMark = capitalPaise;
    }

    /// <summary>Counts every change of P&amp;L or positions (a mark that moved a position, a fill): a reader that saw the same count saw the same account.</summary>
    public long Changes => _changes;

    /// <summary>The capital the account started with, paise.</summary>
    public long Capital { get; }

    /// <summary>Every position from the fills.</summary>
    public PositionBook Positions { get; } = new();

    /// <summary>P&amp;L locked in by closing fills.</summary>
    public long RealizedPnl => Volatile.Read(ref _realized);

    /// <summary>Mark-to-market of the open positions at their last prices.</summary>
    public long UnrealizedPnl => Volatile.Read(ref _unrealized);

    /// <summary>Every charge on today's executed orders.</summary>
    public long Charges => Volatile.Read(ref _totalCharges);

    /// <summary>P&amp;L before charges.</summary>
    public long GrossPnl => RealizedPnl + UnrealizedPnl;

    /// <summary>P&amp;L after charges.</summary>
    public long NetPnl => GrossPnl - Charges;

    /// <summary>Capital plus net P&amp;L.</summary>
    public long Equity => Capital + NetPnl;

    /// <summary>Capital plus realised P&amp;L less charges: equity without the open positions' marks.</summary>
    public long RealizedEquity => Capital + RealizedPnl - Charges;

    /// <summary>The highest <see cref="Equity"/> seen, marks included.</summary>
    public long HighWaterMark => Volatile.Read(ref _highWaterMark);

    /// <summary>The highest <see cref="RealizedEquity"/> seen.</summary>
    public long RealizedHighWaterMark => Volatile.Read(ref _realizedHighWaterMark);

    /// <summary>Round trips closed (a position back to flat, or through it).</summary>
    public long ClosedTrades => Volatile.Read(ref _closedTrades);

    /// <summary>Closed round trips that made money before charges.</summary>
    public long WinningTrades => Volatile.Read(ref _winningTrades);

    /// <summary>The sum of the winning round trips' P&amp;L.</summary>
    public long WinTotal => _winTotal;

    /// <summary>The sum of the losing round trips' losses (positive).</summary>
    public long LossTotal => _lossTotal;

    /// <summary>Losing round trips in a row, up to the last one closed.</summary>
    public int ConsecutiveLosses => Volatile.Read(ref _consecutiveLosses);

    /// <summary>When the last losing round trip closed (input receive time), or 0.</summary>
    public long LastLossAtNs => _lastLossAtNs;

    /// <summary>Marks <paramref name="token"/>'s positions at <paramref name="lastPrice"/> (wire units), keeping the previous close if given.</summary>
    public void Mark(uint token, long lastPrice, long previousClose = 0)
    {
        long change = Positions.Mark(token, lastPrice, previousClose);
        if (change != 0)
        {
            _changes++;
            Volatile.Write(ref _unrealized, _unrealized + change);
            RaiseHighWaterMarks();
        }
    }

    /// <summary>
    /// Applies a fill of <paramref name="quantity"/> at <paramref name="price"/> to an order that had
    /// <paramref name="orderValueBefore"/> executed before it (brokerage is per executed order, so
    /// the order's running value decides what this fill adds).
    /// </summary>
    public void Fill(uint token, Product product, Side side, long quantity, long price, long orderValueBefore, long atNs)
    {
        if (quantity <= 0)
        {
            return;
        }

        _changes++;
        long unrealizedBefore = Positions.Get(token, product).UnrealizedPnl;
        long netBefore = Positions.Get(token, product).NetQuantity;
        ref var position = ref Positions.Apply(token, product, side, quantity, price, out long realized);
        Volatile.Write(ref _realized, _realized + realized);
        Volatile.Write(ref _unrealized, _unrealized + position.UnrealizedPnl - unrealizedBefore);

        var (rates, bse) = RatesOf(token, product);
        position.Brokerage += rates.BrokerageOn(orderValueBefore + (quantity * price)) - rates.BrokerageOn(orderValueBefore);
        long charges = ChargeCalculator.Compute(rates, bse, position.BuyValue, position.SellValue, position.Brokerage).Total;
        Volatile.Write(ref _totalCharges, _totalCharges + charges - position.Charges);
        position.Charges = charges;

        position.TripRealizedPnl += realized;
        bool closedOrCrossed = netBefore != 0 && (position.NetQuantity == 0 || Math.Sign(position.NetQuantity) != Math.Sign(netBefore));
        if (closedOrCrossed)
        {
            CloseTrip(position.TripRealizedPnl, atNs);
            position.TripRealizedPnl = 0;
        }

        RaiseHighWaterMarks();
    }

    /// <summary>
    /// Replaces the positions and the round-trip record with a restored account's; the totals
    /// follow from the positions, and the high-water marks are the state's (or the equity now,
    /// whichever is higher).
    /// </summary>
    public void Restore(Reconciliation.AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Positions.Clear();
        foreach (var mark in state.Marks)
        {
            Positions.Mark(mark.InstrumentToken, mark.LastPrice, mark.PreviousClose);
        }

        long realized = 0, unrealized = 0, charges = 0;
        foreach (var position in state.Positions)
        {
            ref readonly var restored = ref Positions.Restore(position);
            realized += restored.RealizedPnl;
            unrealized += restored.UnrealizedPnl;
            charges += restored.Charges;
        }

        _changes++;
        Volatile.Write(ref _realized, realized);
        Volatile.Write(ref _unrealized, unrealized);
        Volatile.Write(ref _totalCharges, charges);
        Volatile.Write(ref _closedTrades, state.ClosedTrades);
        Volatile.Write(ref _winningTrades, state.WinningTrades);
        _winTotal = state.WinTotal;
        _lossTotal = state.LossTotal;
        Volatile.Write(ref _consecutiveLosses, state.ConsecutiveLosses);
        _lastLossAtNs = state.LastLossAtNs;
        Volatile.Write(ref _highWaterMark, Math.Max(state.HighWaterMark, Equity));
        Volatile.Write(ref _realizedHighWaterMark, Math.Max(state.RealizedHighWaterMark, RealizedEquity));
    }

    /// <summary>The open positions' absolute value at their last prices.</summary>
    public long GrossExposure()
    {
        long gross = 0;
        for (int i = 0; i < Positions.Count; i++)
        {
            gross += Math.Abs(Positions[i].MarketValue);
        }

        return gross;
    }

    /// <summary>Long minus short value at the last prices.</summary>
    public long NetExposure()
    {
        long net = 0;
        for (int i = 0; i < Positions.Count; i++)
        {
            net += Positions[i].MarketValue;
        }

        return net;
    }

    /// <summary>Instruments with an open quantity in any product.</summary>
    public int OpenPositions()
    {
        int open = 0;
        for (int i = 0; i < Positions.Count; i++)
        {
            if (Positions[i].NetQuantity != 0 && IsFirstOpenOfToken(i))
            {
                open++;
            }
        }

        return open;
    }

    /// <summary>The value of every product of <paramref name="token"/> at the last price (signed).</summary>
    public long PositionValue(uint token)
    {
        long price = Positions.LastPrice(token);
        return Positions.NetQuantity(token) * price;
    }

    private bool IsFirstOpenOfToken(int index)
    {
        uint token = Positions[index].InstrumentToken;
        for (int i = 0; i < index; i++)
        {
            if (Positions[i].InstrumentToken == token && Positions[i].NetQuantity != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void CloseTrip(long pnl, long atNs)
    {
        Volatile.Write(ref _closedTrades, _closedTrades + 1);
        if (pnl > 0)
        {
            Volatile.Write(ref _winningTrades, _winningTrades + 1);
            _winTotal += pnl;
            Volatile.Write(ref _consecutiveLosses, 0);
        }
        else if (pnl < 0)
        {
            _lossTotal -= pnl;
            _lastLossAtNs = atNs;
            Volatile.Write(ref _consecutiveLosses, _consecutiveLosses + 1);
        }
    }

    private (ChargeRates Rates, bool Bse) RatesOf(uint token, Product product)
    {
        if (_instruments.TryGetValue(token, out var instrument))
        {
            return (_charges[ChargeSchedule.CategoryOf(instrument, product)], instrument.Exchange is "BSE" or "BFO");
        }

        return (_charges[product == Product.Mis ? ChargeCategory.EquityIntraday : ChargeCategory.EquityDelivery], false);
    }

    private void RaiseHighWaterMarks()
    {
        long equity = Equity;
        if (equity > _highWaterMark)
        {
            Volatile.Write(ref _highWaterMark, equity);
        }

        long realized = RealizedEquity;
        if (realized > _realizedHighWaterMark)
        {
            Volatile.Write(ref _realizedHighWaterMark, realized);
        }
    }
}
