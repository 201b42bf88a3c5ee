using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Ring;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Inputs;

/// <summary>The one input door: every producer, any interleaving, one gap-free sequence, clean slots.</summary>
public sealed class InputPublisherTests
{
    [Fact]
    public void AnyInterleavingOfProducersGivesOneGapFreeSequenceInEachProducersOrderWithCleanSlots()
    {
        // Each producer publishes a random mix: a frame of ticks (a batch), a timer, or a text input.
        var gen = from producers in Gen.Choose(1, 4)
                  from plans in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 6)).Select(a => a.Take(60).ToArray()), producers)
                  from sequenceBase in Gen.Choose(0, 1_000_000)
                  select (plans, sequenceBase);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var ring = new RingBuffer<RingEvent>(64, new YieldingWaitStrategy(), ProducerType.Multi);
            var seen = new List<(long Input, long Ring, EventKind Kind, int Producer, long Step, bool Clean)>();
            var checker = new DoorChecker(seen);
            using var pipeline = new RingPipeline<RingEvent>(ring);
            pipeline.HandleEventsWith(checker);
            pipeline.Start();
            var door = new InputPublisher(ring, c.sequenceBase);
            var threads = c.plans.Select((plan, producer) => new Thread(() => Produce(door, producer, plan))).ToArray();
            foreach (var t in threads)
            {
                t.Start();
            }

            foreach (var t in threads)
            {
                t.Join();
            }

            pipeline.Shutdown(TimeSpan.FromSeconds(30));
            int expected = c.plans.Sum(p => p.Sum(step => step == 0 ? 3 : 1));
            bool gapFree = seen.Count == expected && seen.Select((s, i) => s.Input == c.sequenceBase + i && s.Ring == i).All(x => x);
            bool ordered = seen.GroupBy(s => s.Producer).All(g => g.Select(s => s.Step).SequenceEqual(g.Select(s => s.Step).Order()));
            bool clean = seen.All(s => s.Clean);
            return (gapFree && ordered && clean).Label($"gap-free {gapFree}, ordered {ordered}, clean {clean}, {seen.Count} of {expected}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
    }

    [Fact]
    public void AGatewayThreadPublishesAnswersWithoutAllocating()
    {
        var ring = new RingBuffer<RingEvent>(1024, new YieldingWaitStrategy(), ProducerType.Multi);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        var door = new InputPublisher(ring, 10);
        var text = "{\"type\":\"order\",\"data\":{\"order_id\":\"1\"}}"u8.ToArray();
        (long Fewest, string Rounds) allocated = (-1, "");
        var gateway = new Thread(() =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                Publish(door, text, consumer, ring);
            }

            allocated = SteadyStateAllocation.Measure(() =>
            {
                for (int i = 0; i < 50_000; i++)
                {
                    Publish(door, text, consumer, ring);
                }
            });
        });
        gateway.Start();
        gateway.Join();
        Assert.True(allocated.Fewest == 0, allocated.Rounds);
        Assert.Equal(10 + 5_000 + (4 * 50_000) - 1, ring[ring.Cursor].InputSequence);
    }

    private static void Publish(InputPublisher door, byte[] text, Sequence consumer, RingBuffer<RingEvent> ring)
    {
        var claim = door.Claim(EventKind.BrokerText, 1);
        claim.Slot.SetText(text);
        claim.Publish();
        consumer.SetValue(ring.Cursor);
    }

    private static void Produce(InputPublisher door, int producer, int[] plan)
    {
        long step = 0;
        foreach (int kind in plan)
        {
            switch (kind)
            {
                case 0:
                    var batch = door.ClaimBatch(3);
                    for (int i = 0; i < batch.Count; i++)
                    {
                        ref var slot = ref batch.Begin(i, EventKind.Tick, producer);
                        slot.FrameId = step++;
                        slot.RawLength = 8;
                        slot.Connection = (byte)producer;
                    }

                    batch.Publish();
                    break;
                case 1:
                    var timer = door.Claim(EventKind.Timer, producer);
                    timer.Slot.Timer = TimerKind.Open;
                    timer.Slot.FrameId = step++;
                    timer.Publish();
                    break;
                default:
                    var text = door.Claim(EventKind.BrokerText, producer);
                    text.Slot.SetText("{}"u8);
                    text.Slot.FrameId = step++;
                    text.Publish();
                    break;
            }
        }
    }

    // Records what each slot carries; "clean" means it holds nothing of another kind's fields.
    private sealed class DoorChecker(List<(long Input, long Ring, EventKind Kind, int Producer, long Step, bool Clean)> seen) : IEventHandler<RingEvent>
    {
        public string Name => "check";

        public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
        {
            bool clean = data.IntentCount == 0 && data.Kind switch
            {
                EventKind.Tick => data.Timer == TimerKind.None && data.TextLength == 0 && data.Command == CommandKind.None,
                EventKind.Timer => data.RawLength == 0 && data.TextLength == 0 && data.Connection == 0 && data.Command == CommandKind.None,
                _ => data.RawLength == 0 && data.Timer == TimerKind.None && data.Connection == 0 && data.TextLength == 2,
            };
            seen.Add((data.InputSequence, sequence, data.Kind, (int)data.ReceiveTimestampNs, data.FrameId, clean));

            // Leave the slot dirty, as a real stage would, so the next lap must be cleaned by the door.
            data.IntentCount = 3;
        }
    }
}
