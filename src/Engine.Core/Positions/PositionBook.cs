using Engine.Core.Instruments;
using Engine.Core.Orders;

namespace Engine.Core.Positions;

/// <summary>
/// Positions from the engine's own fills, on the decision thread: each fill moves the net quantity;
/// a fill that reduces the position realises P&amp;L against its share of the open cost, one that
/// adds to it adds to the cost, one that crosses zero does both. Ticks mark every product of their
/// instrument. Preallocated; no allocation per fill or tick once a pair has been seen.
/// </summary>
public sealed class PositionBook
{
    private readonly Dictionary<(uint Token, Product Product), int> _index;

    // Per instrument, one look-up per tick: its last price, previous close and first position.
    private readonly TokenIndex _tokens;
    private TokenEntry[] _entries;
    private Position[] _positions;
    private int[] _nextOfToken;
    private int _count;

    /// <summary>Creates a book with room for <paramref name="capacity"/> instrument-product pairs before it grows.</summary>
    public PositionBook(int capacity = 1024)
    {
        _index = new Dictionary<(uint, Product), int>(capacity);
        _tokens = new TokenIndex(capacity);
        _entries = new TokenEntry[capacity];
        _positions = new Position[capacity];
        _nextOfToken = new int[capacity];
    }

    /// <summary>Instrument-product pairs that have had a fill.</summary>
    public int Count => _count;

    /// <summary>The position at <paramref name="index"/> (0 to <see cref="Count"/> − 1).</summary>
    public ref readonly Position this[int index] => ref _positions[index];

    /// <summary>The position in one instrument and product (a flat one if there was no fill).</summary>
    public Position Get(uint token, Product product) => _index.TryGetValue((token, product), out int i) ? _positions[i] : new Position { InstrumentToken = token, Product = product, LastPrice = LastPrice(token) };

    /// <summary>The last traded price seen for <paramref name="token"/> (0 if none).</summary>
    public long LastPrice(uint token) => _tokens.IndexOf(token) is int t and >= 0 ? _entries[t].LastPrice : 0;

    /// <summary>The previous session's close for <paramref name="token"/>, as the last full tick said (0 if none).</summary>
    public long PreviousClose(uint token) => _tokens.IndexOf(token) is int t and >= 0 ? _entries[t].PreviousClose : 0;

    /// <summary>The net quantity over every product of one instrument.</summary>
    public long NetQuantity(uint token)
    {
        long net = 0;
        for (int i = First(token); i >= 0; i = _nextOfToken[i])
        {
            net += _positions[i].NetQuantity;
        }

        return net;
    }

    /// <summary>Marks every product of <paramref name="token"/> at <paramref name="lastPrice"/> (and keeps the previous close if given); returns the change in mark-to-market.</summary>
    public long Mark(uint token, long lastPrice, long previousClose = 0)
    {
        if (lastPrice <= 0)
        {
            return 0;
        }

        ref var entry = ref Entry(token);
        entry.LastPrice = lastPrice;
        if (previousClose > 0)
        {
            entry.PreviousClose = previousClose;
        }

        long change = 0;
        for (int i = entry.FirstPlusOne - 1; i >= 0; i = _nextOfToken[i])
        {
            ref var p = ref _positions[i];
            long before = p.UnrealizedPnl;
            p.LastPrice = lastPrice;
            change += p.UnrealizedPnl - before;
        }

        return change;
    }

    /// <summary>Applies one fill; returns the position as it now stands and the P&amp;L the fill realised.</summary>
    public ref Position Apply(uint token, Product product, Side side, long quantity, long price, out long realized)
    {
        ref var p = ref Slot(token, product);
        realized = 0;
        if (quantity <= 0)
        {
            return ref p;
        }

        long signed = side == Side.Buy ? quantity : -quantity;
        if (side == Side.Buy)
        {
            p.BuyQuantity += quantity;
            p.BuyValue += quantity * price;
        }
        else
        {
            p.SellQuantity += quantity;
            p.SellValue += quantity * price;
        }

        long before = p.NetQuantity;
        long after = before + signed;
        if (before == 0 || Math.Sign(before) == Math.Sign(signed))
        {
            // Opening or adding: the cost grows.
            p.OpenCost += signed * price;
        }
        else
        {
            // Reducing, closing or crossing: the closed part takes its share of the cost and
            // realises against it; whatever crosses zero opens at this price.
            long closed = Math.Min(Math.Abs(before), quantity);
            long removed = closed == Math.Abs(before) ? p.OpenCost : p.OpenCost * closed / Math.Abs(before);
            realized = (Math.Sign(before) * closed * price) - removed;
            p.RealizedPnl += realized;
            p.OpenCost = after == 0 ? 0 : Math.Sign(after) == Math.Sign(before) ? p.OpenCost - removed : after * price;
        }

        p.NetQuantity = after;
        if (p.LastPrice == 0)
        {
            p.LastPrice = price;
        }

        return ref p;
    }

    /// <summary>Every instrument's last price and previous close seen so far.</summary>
    public IReadOnlyList<InstrumentMark> Marks()
    {
        var marks = new List<InstrumentMark>(_tokens.Count);
        for (int t = 0; t < _tokens.Count; t++)
        {
            marks.Add(new InstrumentMark(_tokens.TokenAt(t), _entries[t].LastPrice, _entries[t].PreviousClose));
        }

        return marks;
    }

    /// <summary>Forgets every position (the last prices and closes stay).</summary>
    public void Clear()
    {
        _index.Clear();
        for (int t = 0; t < _tokens.Count; t++)
        {
            _entries[t].FirstPlusOne = 0;
        }

        _count = 0;
    }

    /// <summary>Puts a restored position in the book exactly as it was (the instruments' marks are restored apart, by <see cref="Mark"/>); returns it.</summary>
    public ref readonly Position Restore(in Position position)
    {
        ref var p = ref Slot(position.InstrumentToken, position.Product);
        p = position;
        return ref p;
    }

    private ref Position Slot(uint token, Product product)
    {
        if (_index.TryGetValue((token, product), out int i))
        {
            return ref _positions[i];
        }

        if (_count == _positions.Length)
        {
            Array.Resize(ref _positions, _positions.Length * 2);
            Array.Resize(ref _nextOfToken, _positions.Length);
        }

        _index[(token, product)] = _count;
        ref var entry = ref Entry(token);
        _nextOfToken[_count] = entry.FirstPlusOne - 1;
        entry.FirstPlusOne = _count + 1;
        _positions[_count] = new Position { InstrumentToken = token, Product = product, LastPrice = entry.LastPrice };
        return ref _positions[_count++];
    }

    private int First(uint token) => _tokens.IndexOf(token) is int t and >= 0 ? _entries[t].FirstPlusOne - 1 : -1;

    private ref TokenEntry Entry(uint token)
    {
        int t = _tokens.GetOrAdd(token);
        if (t == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _entries.Length * 2));
        }

        return ref _entries[t];
    }

    private struct TokenEntry
    {
        public long LastPrice;
        public long PreviousClose;
        public int FirstPlusOne;
    }
}
