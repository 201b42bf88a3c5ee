using System.Diagnostics;
using System.Threading.Channels;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Pipeline;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Host.Running;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;

namespace Engine.Bench.Workloads;

/// <summary>
/// The baseline <c>bench pipeline</c> measures the ring against in the same run: the very same
/// stages (decode; signals with the indicators and strategies; the risk gate, the order tracker and
/// the monitor; the router), built by the same composition, handed each input over a bounded
/// <see cref="Channel{T}"/> instead of the ring, as a well-written .NET service would. Inputs travel
/// in pooled boxes (a second channel returns them), so neither side allocates per input and the
/// 2,984-byte event is never copied: what differs is only the hand-off.
/// </summary>
public static class ChannelPipelineBaseline
{
    /// <summary>Replays <paramref name="reader"/> through the stages over channels of <paramref name="capacity"/> inputs, the ring's size (paced at <paramref name="speed"/>, or as fast as possible at 0); returns ticks, seconds, and the intents and orders the stages made.</summary>
    public static (long Ticks, double Seconds, long Intents, long Orders) Run(RunDefinition run, StrategyRegistry registry, JournalReader reader, int capacity, double speed, long untilSequence, LatencyProbe? probe)
    {
        using var composition = EngineComposition.Build(run, registry, TradingPipelineOptions.SingleProducerFused("channels baseline"), new NullOrderGateway());
        var pipeline = composition.Pipeline;
        var work = Channel.CreateBounded<Box>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var free = Channel.CreateBounded<Box>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        for (int i = 0; i < capacity; i++)
        {
            free.Writer.TryWrite(new Box());
        }

        long ticks = 0;
        var consumer = Task.Run(async () =>
        {
            long sequence = 0;
            while (await work.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (work.Reader.TryRead(out var box))
                {
                    ref var data = ref box.Event;
                    bool last = work.Reader.Count == 0;
                    pipeline.Signals.OnEvent(ref data, sequence, last);
                    pipeline.Risk.OnEvent(ref data, sequence, last);
                    pipeline.Orders.OnEvent(ref data, sequence, last);
                    pipeline.Monitor.OnEvent(ref data, sequence, last);
                    probe?.OnEvent(ref data, sequence, last);
                    pipeline.Router.OnEvent(ref data, sequence, last);
                    if (data.Kind == EventKind.Tick)
                    {
                        ticks++;
                    }

                    sequence++;
                    free.Writer.TryWrite(box);
                }
            }
        });

        var clock = Stopwatch.StartNew();
        Produce(reader, work.Writer, free.Reader, speed, untilSequence).GetAwaiter().GetResult();
        consumer.GetAwaiter().GetResult();
        return (ticks, clock.Elapsed.TotalSeconds, pipeline.Signals.Intents, pipeline.Router.Routed);
    }

    private static async Task Produce(JournalReader reader, ChannelWriter<Box> work, ChannelReader<Box> free, double speed, long untilSequence)
    {
        var pace = Stopwatch.StartNew();
        long first = long.MinValue;
        foreach (var record in reader.Read(new JournalReadOptions { ReuseBuffers = true, VerifyFrameChecksum = false }))
        {
            var h = record.Header;
            if (!RecordSchema.Types.TryGetValue(h.Type, out var info) || info.Direction != RecordDirection.Input)
            {
                continue;
            }

            if (h.Sequence > untilSequence)
            {
                break;
            }

            if (speed > 0)
            {
                first = first == long.MinValue ? h.TimestampNs : first;
                double due = (h.TimestampNs - first) / speed;
                while (pace.Elapsed.TotalNanoseconds < due)
                {
                    Thread.SpinWait(20);
                }
            }

            if (!free.TryRead(out var box))
            {
                box = await free.ReadAsync().ConfigureAwait(false);
            }

            ref var slot = ref box.Event;
            InputPublisher.ClearHeader(ref slot);
            if (!InputRecordCodec.TryFill(h.Type, h.Sequence, h.TimestampNs, record.Payload.Span, ref slot, TickDecoder.TryDecode, OrderUpdateParser.TryParse))
            {
                slot.Kind = EventKind.None;
            }

            slot.PublishedTicks = Stopwatch.GetTimestamp();
            if (!work.TryWrite(box))
            {
                await work.WriteAsync(box).ConfigureAwait(false);
            }
        }

        work.Complete();
    }

    // A pooled input: the event lives on the heap once, and only the reference moves through the channel.
    private sealed class Box
    {
        public RingEvent Event;
    }
}
