using Engine.Core.Orders;
using Engine.Core.Routing;
using Engine.Ring;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Gateways;

/// <summary>
/// The first gateway: logs each order the engine would send. The router's thread only copies the
/// order into a small ring of its own; a logging thread formats it, so the hot path neither
/// allocates nor waits for the console. If the logging thread falls a whole ring behind, further
/// orders are counted as unlogged rather than stalling the router (they are in the journal).
/// </summary>
public sealed partial class LoggingOrderGateway : IOrderGateway, IDisposable
{
    private readonly RingBuffer<OrderRequest> _queue;
    private readonly RingPipeline<OrderRequest> _logging;
    private long _submitted;
    private long _unlogged;

    /// <summary>Creates the gateway; <paramref name="symbols"/> names instruments in the log.</summary>
    public LoggingOrderGateway(ILogger logger, IReadOnlyDictionary<uint, string> symbols, int capacity = 4096)
    {
        _queue = new RingBuffer<OrderRequest>(capacity, new SleepingWaitStrategy());
        _logging = new RingPipeline<OrderRequest>(_queue, new RingPipelineOptions { ThreadNamePrefix = "log-" });
        _logging.HandleEventsWith(new OrderLogHandler(logger, symbols));
        _logging.Start();
    }

    /// <inheritdoc/>
    public string Name => "log (order routing to a broker comes with the order-routing work)";

    /// <summary>Orders handed over.</summary>
    public long Submitted => Volatile.Read(ref _submitted);

    /// <summary>Orders the logging thread could not keep up with (still journaled).</summary>
    public long Unlogged => Volatile.Read(ref _unlogged);

    /// <inheritdoc/>
    public void Submit(in OrderRequest order)
    {
        Volatile.Write(ref _submitted, _submitted + 1);
        if (_queue.TryNext(out long sequence))
        {
            _queue[sequence] = order;
            _queue.Publish(sequence);
        }
        else
        {
            Interlocked.Increment(ref _unlogged);
        }
    }

    /// <summary>Logs what is queued, then stops the logging thread.</summary>
    public void Dispose()
    {
        _logging.Shutdown(TimeSpan.FromSeconds(5));
        _logging.Dispose();
    }

    private sealed partial class OrderLogHandler(ILogger logger, IReadOnlyDictionary<uint, string> symbols) : IEventHandler<OrderRequest>
    {
        public string Name => "orders";

        public void OnEvent(ref OrderRequest data, long sequence, bool endOfBatch)
        {
            string symbol = symbols.TryGetValue(data.InstrumentToken, out var s) ? s : data.InstrumentToken.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Log.Order(logger, data.ClientOrderId, data.Side == Side.Buy ? "BUY" : "SELL", data.Quantity, symbol, data.InstrumentToken, data.OrderType, data.Product, data.InputSequence);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "order {ClientOrderId}: {Side} {Quantity} {Symbol} ({Token}) {OrderType} {Product}, from input {InputSequence}; journaled, not sent (logging gateway)")]
        public static partial void Order(ILogger logger, ulong clientOrderId, string side, long quantity, string symbol, uint token, OrderType orderType, Product product, long inputSequence);
    }
}
