using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;
using Engine.Tests.Kite;

namespace Engine.Tests.Journal;

/// <summary>
/// A full-speed replay shares its ring with a second producer, as a backtest does with the paper
/// broker's answers: the replay must publish only the slots it claimed, or the other producer's
/// slots are read before they are filled and, a lap later, its late publish hides a slot the
/// replay published (a hole every consumer waits on forever).
/// </summary>
public sealed class ReplayBesideAnotherProducerTests
{
    private const int Ticks = 20_000;
    private const int Answers = 400;

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(4096)]
    public void EveryInputOfBothProducersArrivesOnceFilledAndInOrder(int ringSize)
    {
        using var folder = new JournalFolder();
        var packet = TestData.Base64("kite/ticker_quote.packet");
        using (var writer = folder.Open())
        {
            var payload = new byte[InputRecordCodec.PrefixSize + packet.Length];
            packet.CopyTo(payload, InputRecordCodec.PrefixSize);
            for (int i = 0; i < Ticks; i++)
            {
                writer.Append(RecordType.Tick, 1, i, 1_000L * i, payload);
            }
        }

        var ring = new RingBuffer<RingEvent>(ringSize, new YieldingWaitStrategy(), ProducerType.Multi);
        var inputs = new InputPublisher(ring);
        var seen = new InputLog();
        using var pipeline = new RingPipeline<RingEvent>(ring);
        pipeline.HandleEventsWith(seen);
        pipeline.Start();

        // The second producer holds each claim a while before filling it, as an answer that is
        // formatted and parsed between its claim and its publish does, and now and then loses its core.
        using var stop = new CancellationTokenSource();
        var answers = new Thread(() =>
        {
            for (int id = 1; id <= Answers && !stop.IsCancellationRequested; id++)
            {
                var claim = inputs.Claim(EventKind.Command, id);
                if (id % 16 == 0)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.SpinWait(2_000);
                }

                claim.Slot.Command = CommandKind.KillSwitch;
                claim.Slot.Argument = id;
                claim.Publish();
            }
        }) { IsBackground = true };

        ReplayResult? result = null;
        var replay = new Thread(() => result = new JournalReplaySource(JournalReader.Open(folder.Path), inputs, TickDecoder.TryDecode).Run(new ReplayOptions()))
        {
            IsBackground = true,
        };
        answers.Start();
        replay.Start();

        // A guard against a hang, not a timing check: both producers take well under a second.
        bool finished = replay.Join(TimeSpan.FromSeconds(60)) & answers.Join(TimeSpan.FromSeconds(60));
        stop.Cancel();
        bool drained = finished && pipeline.Shutdown(TimeSpan.FromSeconds(30));
        Assert.True(finished && drained, $"the ring stalled: cursor {ring.Cursor}, {seen.Count} inputs handled, replay {(finished ? "done" : "stuck")}");

        Assert.Equal(Ticks, result!.Value.InputsPublished);
        var log = seen.Entries;
        Assert.Equal(Enumerable.Range(0, Ticks).Select(i => (long)i), log.Where(e => e.Kind == EventKind.Tick).Select(e => e.InputSequence));
        var commands = log.Where(e => e.Kind == EventKind.Command).ToList();
        Assert.All(commands, c => Assert.Equal(CommandKind.KillSwitch, c.Command));
        Assert.Equal(Enumerable.Range(1, Answers).Select(i => (long)i), commands.Select(c => c.Argument));
        Assert.Equal(Ticks + Answers, log.Count);
    }

    private readonly record struct Entry(EventKind Kind, long InputSequence, CommandKind Command, long Argument);

    private sealed class InputLog : IEventHandler<RingEvent>
    {
        private readonly List<Entry> _entries = new(Ticks + Answers);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public List<Entry> Entries => _entries;

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            _entries.Add(new Entry(data.Kind, data.InputSequence, data.Command, data.Argument));
            Volatile.Write(ref _count, _entries.Count);
        }
    }
}
