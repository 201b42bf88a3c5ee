using System.Diagnostics;
using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Market;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Journal.Replay;

/// <summary>
/// A producer that publishes a journal's input records back into a ring: as fast as possible, or
/// paced by the recorded receive times with a speed factor, over a range of sequences or times.
/// Slots are claimed through the same input door the live producers use and carry the recorded
/// input sequences, so the same pipeline runs on them.
/// An input's slot is published only when the next input is read (or the replay ends), so the
/// output records that follow it in the journal are handed to <see cref="ReplayOptions.OnOutput"/>
/// before any consumer sees the input; at full speed, inputs are published in batches.
/// </summary>
public sealed class JournalReplaySource(JournalReader reader, InputPublisher inputs, TickPacketDecoder decoder, OrderTextParser? parseOrder = null)
{
    // Inputs are published in batches when not paced: one cursor update (and one wake-up of the
    // consumers) per batch instead of per input. Paced replays publish every input at once.
    private const int PublishBatch = 64;

    // A paced wait reads the next segment in pieces of whole pages, up to 1 MiB, leaving a margin.
    private const int PieceBytes = 4096;
    private const int MaxPieceBytes = 1 << 20;
    private const double PieceMarginNs = 1_000;

    private readonly int _publishBatch = Math.Min(PublishBatch, inputs.MaxBatch);
    private long _published;
    private long _lastInput = -1;

    /// <summary>Inputs published so far (readable from any thread, for progress).</summary>
    public long InputsPublished => Volatile.Read(ref _published);

    /// <summary>The journal sequence of the last input read (readable from any thread).</summary>
    public long LastInputSequence => Volatile.Read(ref _lastInput);

    /// <summary>Replays; returns when the range is done or <paramref name="cancellationToken"/> fires.</summary>
    public ReplayResult Run(ReplayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        long published = 0, outputs = 0, read = 0, unreplayable = 0;
        int damaged = 0;
        long firstTimestamp = long.MinValue;
        long pending = -1;
        long batchStart = -1;
        long? nextSession = null;
        bool sessionSeen = false;
        bool pacing = false;
        long pendingInput = long.MinValue;
        var clock = Stopwatch.StartNew();
        var beforePacing = TimeSpan.Zero;
        long publishedBeforePacing = 0;
        int segmentIndex = 0;

        // Paced, the producer reads the next segment in its waits between due times: a loading
        // thread would compete with the pipeline for cores, and reading a whole segment when it is
        // reached would hold back every input due meanwhile (a corrected max of 12-22 ms on a 2-core VM).
        using var idle = options.Speed > 0 ? new IdleSegmentLoader() : null;
        var readOptions = new JournalReadOptions
        {
            SkipDamaged = options.SkipDamaged,
            FromSequence = options.FromSequence,
            ReuseBuffers = true,
            ReadAhead = options.Speed == 0,
            IdleLoader = idle,

            // Each record's CRC is still checked; the whole-frame checksum is left to 'verify'.
            VerifyFrameChecksum = false,
            OnDamage = damage =>
            {
                damaged++;
                options.OnDamage?.Invoke(damage);
            },
            OnSegment = _ => options.OnSegment?.Invoke(segmentIndex++, reader.Segments.Count),
        };

        // Each segment's records are walked through its cursor: a call per record, no enumerator.
        using var segments = reader.ReadSegments(readOptions).GetEnumerator();
        SegmentRecordCursor? cursor = null;
        while (true)
        {
            if (cursor is null || !cursor.TryNext(out RecordHeader h, out ReadOnlySpan<byte> payload))
            {
                // A cursor that damage stopped ends the segments too.
                if (!segments.MoveNext())
                {
                    break;
                }

                cursor = segments.Current;
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (!RecordSchema.TryGetDirection(h.Type, out var direction))
            {
                continue;
            }

            if (direction == RecordDirection.Meta)
            {
                if (h.Sequence < options.FromSequence)
                {
                    continue;
                }

                if (h.Type == RecordType.SessionStart)
                {
                    if (options.StopAtNextSession && (sessionSeen || published > 0 || unreplayable > 0))
                    {
                        nextSession = h.Sequence;
                        break;
                    }

                    sessionSeen = true;
                }

                options.OnMeta?.Invoke(cursor.Current);
                continue;
            }

            if (h.Sequence < options.FromSequence || h.TimestampNs < options.FromTimeNs)
            {
                continue;
            }

            if (h.Sequence > options.UntilSequence || h.TimestampNs > options.UntilTimeNs)
            {
                if (direction == RecordDirection.Input)
                {
                    break;
                }

                continue;
            }

            read++;
            if (direction == RecordDirection.Output)
            {
                outputs++;
                options.OnOutput?.Invoke(cursor.Current, pending >= 0 && pendingInput == h.Sequence ? pending : -1);
                continue;
            }

            pacing = pacing || (h.Sequence >= options.PaceFromSequence && h.TimestampNs >= options.PaceFromTimeNs);
            bool paced = options.Speed > 0 && pacing;
            if (pending >= 0 && (paced || pending - batchStart + 1 >= _publishBatch))
            {
                PublishHeld(ref batchStart, ref pending, published);
            }

            if (paced)
            {
                if (firstTimestamp == long.MinValue)
                {
                    firstTimestamp = h.TimestampNs;
                    options.OnPacingStart?.Invoke();
                    beforePacing = clock.Elapsed;
                    publishedBeforePacing = published;
                    clock.Restart();
                }

                WaitUntil(clock, (h.TimestampNs - firstTimestamp) / options.Speed, idle, options.YieldInWaits, cancellationToken);
            }

            // Held claims go out before this producer waits for room (only their publish frees it),
            // and a batch holds only consecutive claims: a shared ring's other producers (a paper
            // broker's answers) claim in between, and their slots are theirs to publish.
            InputClaim claim;
            if (pending < 0)
            {
                claim = inputs.Claim(EventKind.None, h.TimestampNs);
            }
            else if (!inputs.TryClaim(EventKind.None, h.TimestampNs, out claim))
            {
                PublishHeld(ref batchStart, ref pending, published);
                claim = inputs.Claim(EventKind.None, h.TimestampNs);
            }

            long sequence = claim.RingSequence;
            if (pending >= 0 && sequence != pending + 1)
            {
                PublishHeld(ref batchStart, ref pending, published);
            }

            ref var slot = ref claim.Slot;
            Volatile.Write(ref _lastInput, h.Sequence);
            if (InputRecordCodec.TryFill(h.Type, h.Sequence, h.TimestampNs, payload, ref slot, decoder, parseOrder, options.KeepRawBytes))
            {
                published++;
            }
            else
            {
                // The slot is claimed either way; an empty one keeps the ring's order.
                slot.Kind = EventKind.None;
                slot.IntentCount = 0;
                slot.InputSequence = h.Sequence;
                unreplayable++;
            }

            if (batchStart < 0)
            {
                batchStart = sequence;
            }

            pending = sequence;
            pendingInput = h.Sequence;
        }

        if (pending >= 0)
        {
            PublishRange(batchStart, pending);
        }

        Volatile.Write(ref _published, published);
        bool wasPaced = firstTimestamp != long.MinValue;
        return new ReplayResult(published, outputs, read, damaged, unreplayable, nextSession)
        {
            BeforePacing = beforePacing,
            Paced = wasPaced ? clock.Elapsed : TimeSpan.Zero,
            InputsPaced = wasPaced ? published - publishedBeforePacing : 0,
            SegmentsReadInGaps = idle?.SegmentsReadInGaps ?? 0,
            SegmentsBegunInGaps = idle?.SegmentsBegun ?? 0,
        };
    }

    private void PublishRange(long lo, long hi) => inputs.PublishRange(lo, hi);

    private void PublishHeld(ref long batchStart, ref long pending, long published)
    {
        PublishRange(batchStart, pending);
        batchStart = -1;
        pending = -1;
        Volatile.Write(ref _published, published);
    }

    private static void WaitUntil(Stopwatch clock, double targetNs, IdleSegmentLoader? idle, bool yieldCore, CancellationToken cancellationToken)
    {
        while (true)
        {
            double remainingNs = targetNs - clock.Elapsed.TotalNanoseconds;
            if (remainingNs <= 0 || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // A piece of the next segment that fits the wait: reading from the page cache runs at
            // several bytes a nanosecond, so a byte per nanosecond left (less a margin) stays inside it.
            if (remainingNs >= PieceMarginNs + PieceBytes && idle is not null
                && idle.Advance((int)Math.Min(MaxPieceBytes, (remainingNs - PieceMarginNs) / PieceBytes * PieceBytes)))
            {
                continue;
            }

            if (remainingNs > 2_000_000)
            {
                Thread.Sleep(TimeSpan.FromTicks((long)(remainingNs - 1_000_000) / 100));
            }
            else if (yieldCore)
            {
                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
