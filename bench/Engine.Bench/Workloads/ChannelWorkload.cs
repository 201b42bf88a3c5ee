using System.Threading.Channels;

namespace Engine.Bench.Workloads;

/// <summary>
/// The same topologies over bounded <see cref="Channel{T}"/>s, written the way the channels are
/// meant to be used: a synchronous <c>TryWrite</c>/<c>TryRead</c> fast path, awaiting only when full or empty.
/// </summary>
public sealed class ChannelWorkload : IThroughputWorkload
{
    private const int Capacity = 1 << 16;
    private readonly List<Task> _consumers = [];
    private readonly Channel<long>[] _inputs;
    private readonly CancellationTokenSource _stop = new();
    private long _handled;

    /// <summary>Builds the topology.</summary>
    public ChannelWorkload(Topology topology)
    {
        Topology = topology;
        _inputs = topology == Topology.Diamond ? [Create(false), Create(false), Create(false)] : [Create(topology != Topology.MultiProducer)];
    }

    /// <inheritdoc/>
    public string Transport => "channel";

    /// <inheritdoc/>
    public Topology Topology { get; }

    /// <inheritdoc/>
    public long Handled => Volatile.Read(ref _handled);

    private static Channel<long> Create(bool singleWriter) => Channel.CreateBounded<long>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        SingleWriter = singleWriter,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = false,
    });

    /// <inheritdoc/>
    public void Start()
    {
        switch (Topology)
        {
            case Topology.Pipeline:
                var second = Create(true);
                var third = Create(true);
                _consumers.Add(Task.Run(() => Forward(_inputs[0].Reader, second.Writer)));
                _consumers.Add(Task.Run(() => Forward(second.Reader, third.Writer)));
                _consumers.Add(Task.Run(() => Drain(third.Reader)));
                break;
            case Topology.Diamond:
                var outputs = new[] { Create(true), Create(true), Create(true) };
                for (int i = 0; i < 3; i++)
                {
                    var input = _inputs[i].Reader;
                    var output = outputs[i].Writer;
                    _consumers.Add(Task.Run(() => Forward(input, output)));
                }

                _consumers.Add(Task.Run(() => Join(outputs[0].Reader, outputs[1].Reader, outputs[2].Reader)));
                break;
            default:
                _consumers.Add(Task.Run(() => Drain(_inputs[0].Reader)));
                break;
        }
    }

    /// <inheritdoc/>
    public void Run(long events)
    {
        long target = Handled + events;
        if (Topology == Topology.MultiProducer)
        {
            long share = events / 3;
            Task.WaitAll(Produce(events - (2 * share)), Produce(share), Produce(share));
        }
        else
        {
            Produce(events).GetAwaiter().GetResult();
        }

        var spinner = default(SpinWait);
        while (Handled < target)
        {
            spinner.SpinOnce();
        }
    }

    private Task Produce(long count) => Task.Run(async () =>
    {
        for (long i = 0; i < count; i++)
        {
            foreach (var input in _inputs)
            {
                if (!input.Writer.TryWrite(i))
                {
                    await input.Writer.WriteAsync(i, _stop.Token).ConfigureAwait(false);
                }
            }
        }
    });

    private async Task Forward(ChannelReader<long> reader, ChannelWriter<long> writer)
    {
        long sum = 0;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out long value))
            {
                sum += value;
                if (!writer.TryWrite(value))
                {
                    await writer.WriteAsync(value, _stop.Token).ConfigureAwait(false);
                }
            }
        }

        GC.KeepAlive(sum);
    }

    private async Task Drain(ChannelReader<long> reader)
    {
        long sum = 0;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            long handled = 0;
            while (reader.TryRead(out long value))
            {
                sum += value;
                handled++;
            }

            Interlocked.Add(ref _handled, handled);
        }

        GC.KeepAlive(sum);
    }

    private async Task Join(ChannelReader<long> a, ChannelReader<long> b, ChannelReader<long> c)
    {
        long sum = 0;
        while (true)
        {
            sum += await a.ReadAsync(_stop.Token).ConfigureAwait(false)
                + await b.ReadAsync(_stop.Token).ConfigureAwait(false)
                + await c.ReadAsync(_stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _handled);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var input in _inputs)
        {
            input.Writer.TryComplete();
        }

        try
        {
            Task.WaitAll([.. _consumers], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Consumers end by cancellation; that is the expected way out.
        }

        _stop.Dispose();
    }
}
