using System.Buffers.Binary;
using System.Text;
using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Strategies;
using Engine.Journal.Format;
using FsCheck;
using FsCheck.Fluent;

namespace Engine.Tests.Running;

/// <summary>
/// The journal's decision records and control inputs against their documented layouts
/// (docs/journal-format.md): each field at its offset, little-endian; control inputs round trip
/// through the ring slot and refuse truncated payloads.
/// </summary>
public sealed class DecisionRecordCodecTests
{
    private static Gen<SignalIntent> Intents =>
        from token in ArbMap.Default.GeneratorFor<uint>()
        from side in Gen.Elements(Side.Buy, Side.Sell)
        from strategy in Gen.Choose(0, 255)
        from reason in Gen.Choose(0, ushort.MaxValue)
        from strength in Gen.Choose(-1000, 1000).Select(v => v / 1000.0)
        from price in Gen.Choose(1, int.MaxValue)
        from stop in Gen.Choose(0, int.MaxValue)
        from exit in ArbMap.Default.GeneratorFor<bool>()
        select new SignalIntent { InstrumentToken = token, Side = side, StrategyIndex = (byte)strategy, Reason = (ushort)reason, Strength = strength, Price = price, Stop = stop, IsExit = exit };

    [Fact]
    public void AnIntentRecordHoldsEveryFieldAtItsDocumentedOffset()
    {
        Prop.ForAll(Intents.ToArbitrary(), Gen.Choose(0, 15).ToArbitrary(), ArbMap.Default.GeneratorFor<NonNull<string>>().ToArbitrary(), (intent, index, text) =>
        {
            var reason = Encoding.UTF8.GetBytes(text.Get);
            var payload = new byte[OutputRecordCodec.IntentPrefixSize + reason.Length + 8];
            payload.AsSpan().Fill(0xEE);
            int length = OutputRecordCodec.WriteIntent(payload, intent, index, reason);
            var p = payload.AsSpan();
            return length == 40 + reason.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(p) == intent.InstrumentToken
                && p[4] == (byte)intent.Side
                && p[5] == intent.StrategyIndex
                && BinaryPrimitives.ReadUInt16LittleEndian(p[6..]) == intent.Reason
                && BinaryPrimitives.ReadDoubleLittleEndian(p[8..]) == intent.Strength
                && BinaryPrimitives.ReadInt64LittleEndian(p[16..]) == intent.Price
                && BinaryPrimitives.ReadInt64LittleEndian(p[24..]) == intent.Stop
                && p[32] == (intent.IsExit ? 1 : 0)
                && p[33] == index
                && p[34..40].IndexOfAnyExcept((byte)0) < 0
                && p[40..length].SequenceEqual(reason)
                && p[length..].IndexOfAnyExcept((byte)0xEE) < 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void VerdictAndOrderRecordsHoldEveryFieldAtTheirDocumentedOffsets()
    {
        var decisions = from accepted in ArbMap.Default.GeneratorFor<bool>()
                        from rule in Gen.Elements(RiskRule.KillSwitch, RiskRule.MarketSession, RiskRule.NotTradable)
                        from quantity in Gen.Choose(1, 100_000)
                        from product in Gen.Elements(Product.Mis, Product.Cnc, Product.Nrml)
                        select accepted
                            ? new GateDecision { Verdict = RiskVerdict.Accepted, Rule = RiskRule.None, OrderType = OrderType.Market, Product = product, Quantity = quantity }
                            : new GateDecision { Verdict = RiskVerdict.Rejected, Rule = rule };
        var positions = Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 15));
        Prop.ForAll(Intents.ToArbitrary(), decisions.ToArbitrary(), positions.ToArbitrary(), (intent, decision, position) =>
        {
            var (input, index) = position;
            var verdict = new byte[OutputRecordCodec.VerdictLength(decision)];
            int length = OutputRecordCodec.WriteVerdict(verdict, intent.InstrumentToken, decision, index, input);
            var v = verdict.AsSpan();
            bool verdictOk = length == verdict.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(v) == intent.InstrumentToken
                && v[4] == (byte)decision.Verdict
                && v[5] == (byte)decision.Rule
                && v[6] == index
                && BinaryPrimitives.ReadInt64LittleEndian(v[8..]) == (decision.IsAccepted ? decision.Quantity : 0)
                && BinaryPrimitives.ReadUInt64LittleEndian(v[16..]) == (decision.IsAccepted ? GateDecision.ClientOrderIdOf(input, index) : 0)
                && Encoding.UTF8.GetString(v[24..]) == (decision.IsAccepted ? "passed every rule" : Encoding.UTF8.GetString(RiskRuleText.Utf8(decision.Rule)));
            if (!decision.IsAccepted)
            {
                return verdictOk;
            }

            var order = decision.ToOrder(intent, input, index);
            var o = new byte[OutputRecordCodec.OrderSize];
            OutputRecordCodec.WriteOrder(o, order);
            return verdictOk
                && BinaryPrimitives.ReadUInt64LittleEndian(o) == GateDecision.ClientOrderIdOf(input, index)
                && BinaryPrimitives.ReadUInt32LittleEndian(o.AsSpan(8)) == intent.InstrumentToken
                && o[12] == (byte)intent.Side
                && o[13] == (byte)OrderType.Market
                && o[14] == (byte)decision.Product
                && BinaryPrimitives.ReadInt64LittleEndian(o.AsSpan(16)) == decision.Quantity
                && OutputRecordCodec.Describe(RecordType.OrderRequest, o).StartsWith($"order_request {GateDecision.ClientOrderIdOf(input, index)}: {(intent.Side == Side.Buy ? "BUY" : "SELL")} {decision.Quantity} of {intent.InstrumentToken}", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TimersAndCommandsRoundTripThroughTheJournalAndTruncationIsRefused()
    {
        var controls = from timer in ArbMap.Default.GeneratorFor<bool>()
                       from kind in Gen.Choose(1, 5)
                       from argument in ArbMap.Default.GeneratorFor<long>()
                       from reason in Gen.Elements("", "operator: stop", "दैनिक सीमा", "risk desk")
                       select (timer, kind, argument, reason);
        Prop.ForAll(controls.ToArbitrary(), c =>
        {
            var slot = default(RingEvent);
            slot.Kind = c.timer ? EventKind.Timer : EventKind.Command;
            slot.Timer = c.timer ? (TimerKind)c.kind : TimerKind.None;
            slot.Command = c.timer ? CommandKind.None : (CommandKind)(c.kind % 3 + 1);
            slot.Argument = c.argument;
            if (!c.timer)
            {
                slot.SetText(Encoding.UTF8.GetBytes(c.reason));
            }

            var payload = new byte[InputRecordCodec.PayloadLength(slot)];
            InputRecordCodec.Write(payload, slot);
            var type = InputRecordCodec.TypeOf(slot.Kind);
            Assert.Equal(c.timer ? RecordType.Timer : RecordType.Command, type);
            Assert.Equal((ushort)(c.timer ? c.kind : (int)slot.Command), BinaryPrimitives.ReadUInt16LittleEndian(payload));
            Assert.Equal(c.argument, BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(8)));

            var back = default(RingEvent);
            Assert.True(InputRecordCodec.TryFill(type, 41, 7, payload, ref back, (ReadOnlySpan<byte> _, ref Engine.Core.Market.Tick _) => false));
            Assert.Equal((slot.Kind, slot.Timer, slot.Command, slot.Argument, 41L, 7L), (back.Kind, back.Timer, back.Command, back.Argument, back.InputSequence, back.ReceiveTimestampNs));
            Assert.Equal(c.timer ? "" : c.reason, Encoding.UTF8.GetString(back.TextBytes));

            int fixedSize = c.timer ? InputRecordCodec.TimerSize : InputRecordCodec.CommandPrefixSize;
            for (int cut = 0; cut < fixedSize; cut++)
            {
                var truncated = default(RingEvent);
                Assert.False(InputRecordCodec.TryFill(type, 41, 7, payload.AsSpan(0, cut), ref truncated, (ReadOnlySpan<byte> _, ref Engine.Core.Market.Tick _) => false));
            }
        }).QuickCheckThrowOnFailure();
    }
}
