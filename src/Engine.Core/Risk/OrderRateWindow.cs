namespace Engine.Core.Risk;

/// <summary>
/// How many orders went out in the last <c>window</c> of input time: the times of the last
/// <c>limit</c> orders in a circle, so a check is one comparison with the oldest of them.
/// </summary>
public sealed class OrderRateWindow
{
    private readonly long[] _times;
    private readonly long _windowNs;
    private int _next;
    private int _count;

    /// <summary>Creates a window of <paramref name="window"/> holding at most <paramref name="limit"/> orders, starting from the latest orders of <paramref name="previous"/> if given.</summary>
    public OrderRateWindow(int limit, TimeSpan window, OrderRateWindow? previous = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _times = new long[limit];
        _windowNs = (long)window.TotalNanoseconds;
        if (previous is not null)
        {
            int keep = Math.Min(previous._count, limit);
            for (int i = keep; i > 0; i--)
            {
                Record(previous._times[(previous._next - i + previous._times.Length) % previous._times.Length]);
            }
        }
    }

    /// <summary>The most orders the window holds.</summary>
    public int Limit => _times.Length;

    /// <summary>Orders inside the window ending at <paramref name="nowNs"/>.</summary>
    public int CountAt(long nowNs)
    {
        int inside = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_times[i] > nowNs - _windowNs)
            {
                inside++;
            }
        }

        return inside;
    }

    /// <summary>True when one more order at <paramref name="nowNs"/> stays within the limit.</summary>
    public bool HasRoomAt(long nowNs) => _count < _times.Length || _times[_next] <= nowNs - _windowNs;

    /// <summary>Counts an order at <paramref name="nowNs"/>.</summary>
    public void Record(long nowNs)
    {
        _times[_next] = nowNs;
        _next = (_next + 1) % _times.Length;
        _count = Math.Min(_count + 1, _times.Length);
    }
}
