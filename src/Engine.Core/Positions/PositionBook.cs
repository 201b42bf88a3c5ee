using Engine.Core.Orders;

namespace Engine.Core.Positions;

/// <summary>
/// Positions from the engine's own fills, on the ring thread: each fill moves the net quantity;
/// a fill that reduces the position realises P&amp;L against the average price, one that adds to it
/// moves the average, one that crosses zero does both. Preallocated; no allocation per fill.
/// </summary>
public sealed class PositionBook
{
    private readonly Dictionary<(uint Token, Product Product), int> _index;
    private Position[] _positions;
    private int _count;

    /// <summary>Creates a book with room for <paramref name="capacity"/> instrument-product pairs before it grows.</summary>
    public PositionBook(int capacity = 1024)
    {
        _index = new Dictionary<(uint, Product), int>(capacity);
        _positions = new Position[capacity];
    }

    /// <summary>Instrument-product pairs that have had a fill.</summary>
    public int Count => _count;

    /// <summary>The position at <paramref name="index"/> (0 to <see cref="Count"/> − 1).</summary>
    public ref readonly Position this[int index] => ref _positions[index];

    /// <summary>The position in one instrument and product (a flat one if there was no fill).</summary>
    public Position Get(uint token, Product product) => _index.TryGetValue((token, product), out int i) ? _positions[i] : new Position { InstrumentToken = token, Product = product };

    /// <summary>The net quantity over every product of one instrument.</summary>
    public long NetQuantity(uint token)
    {
        long net = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_positions[i].InstrumentToken == token)
            {
                net += _positions[i].NetQuantity;
            }
        }

        return net;
    }

    /// <summary>Applies one fill.</summary>
    public void Apply(uint token, Product product, Side side, long quantity, long price)
    {
        if (quantity <= 0)
        {
            return;
        }

        ref var p = ref Slot(token, product);
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
            // Opening or adding: the average moves.
            p.AveragePrice = ((p.AveragePrice * Math.Abs(before)) + (price * quantity)) / Math.Abs(after);
        }
        else
        {
            // Reducing, closing or crossing: the closed part realises against the average.
            long closed = Math.Min(Math.Abs(before), quantity);
            p.RealizedPnl += closed * (price - p.AveragePrice) * Math.Sign(before);
            p.AveragePrice = after == 0 ? 0 : Math.Sign(after) == Math.Sign(before) ? p.AveragePrice : price;
        }

        p.NetQuantity = after;
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
        }

        _index[(token, product)] = _count;
        _positions[_count] = new Position { InstrumentToken = token, Product = product };
        return ref _positions[_count++];
    }
}
