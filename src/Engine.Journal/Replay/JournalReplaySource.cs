using System.Diagnostics;
using Engine.Core.Events;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Ring;

namespace Engine.Journal.Replay;

/// <summary>
/// A producer that publishes a journal's input records back into a ring: as fast as possible, or
/// paced by the recorded receive times with a speed factor, over a range of sequences or times.
/// Slots are filled exactly as the live producers fill them, so the same pipeline runs on them.
/// </summary>
public sealed class JournalReplaySource(JournalReader reader, RingBuffer<RingEvent> ring, TickPacketDecoder decoder, OrderTextParser? parseOrder = null)
{
    /// <summary>Replays; returns when the range is done or <paramref name="cancellationToken"/> fires.</summary>
    public ReplayResult Run(ReplayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        long published = 0, outputs = 0, read = 0, unreplayable = 0;
        int damaged = 0;
        long firstTimestamp = long.MinValue;
        var clock = Stopwatch.StartNew();
        int segmentIndex = 0;
        var readOptions = new JournalReadOptions
        {
            SkipDamaged = options.SkipDamaged,
            FromSequence = options.FromSequence,
            ReuseBuffers = true,

            // Each record's CRC is still checked; the whole-frame checksum is left to 'verify'.
            VerifyFrameChecksum = false,
            OnDamage = damage =>
            {
                damaged++;
                options.OnDamage?.Invoke(damage);
            },
            OnSegment = _ => options.OnSegment?.Invoke(segmentIndex++, reader.Segments.Count),
        };

        foreach (var record in reader.Read(readOptions))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var h = record.Header;
            if (!RecordSchema.Types.TryGetValue(h.Type, out var info))
            {
                continue;
            }

            if (info.Direction == RecordDirection.Meta)
            {
                options.OnMeta?.Invoke(record);
                continue;
            }

            if (h.Sequence < options.FromSequence || h.TimestampNs < options.FromTimeNs)
            {
                continue;
            }

            if (h.Sequence > options.UntilSequence || h.TimestampNs > options.UntilTimeNs)
            {
                if (info.Direction == RecordDirection.Input)
                {
                    break;
                }

                continue;
            }

            read++;
            if (info.Direction == RecordDirection.Output)
            {
                outputs++;
                options.OnOutput?.Invoke(record);
                continue;
            }

            if (options.Speed > 0)
            {
                if (firstTimestamp == long.MinValue)
                {
                    firstTimestamp = h.TimestampNs;
                    clock.Restart();
                }

                WaitUntil(clock, (h.TimestampNs - firstTimestamp) / options.Speed, cancellationToken);
            }

            long sequence = ring.Next();
            ref var slot = ref ring[sequence];
            if (InputRecordCodec.TryFill(h.Type, h.Sequence, h.TimestampNs, record.Payload.Span, ref slot, decoder, parseOrder))
            {
                published++;
            }
            else
            {
                // The slot is claimed either way; an empty one keeps the ring's order.
                slot.Kind = EventKind.None;
                slot.InputSequence = h.Sequence;
                unreplayable++;
            }

            ring.Publish(sequence);
        }

        return new ReplayResult(published, outputs, read, damaged, unreplayable);
    }

    private static void WaitUntil(Stopwatch clock, double targetNs, CancellationToken cancellationToken)
    {
        while (true)
        {
            double remainingNs = targetNs - clock.Elapsed.TotalNanoseconds;
            if (remainingNs <= 0 || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (remainingNs > 2_000_000)
            {
                Thread.Sleep(TimeSpan.FromTicks((long)(remainingNs - 1_000_000) / 100));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
