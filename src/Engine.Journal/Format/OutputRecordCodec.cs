using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Engine.Core.Orders;
using Engine.Core.Risk;
using Engine.Core.Strategies;

namespace Engine.Journal.Format;

/// <summary>
/// Output records (the decisions a slot carries) to and from bytes: signal intents, risk verdicts
/// and order requests, in the schema's layouts. The live journaller and the replay verifier both
/// encode with it, so "the same decision" means "the same bytes".
/// </summary>
public static class OutputRecordCodec
{
    /// <summary>Bytes before an intent record's reason text.</summary>
    public const int IntentPrefixSize = 40;

    /// <summary>Bytes before a verdict record's reason text.</summary>
    public const int VerdictPrefixSize = 24;

    /// <summary>An order request record's size.</summary>
    public const int OrderSize = 40;

    /// <summary>Writes an intent; returns the payload length.</summary>
    public static int WriteIntent(Span<byte> payload, in SignalIntent intent, int index, ReadOnlySpan<byte> reason)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(payload, intent.InstrumentToken);
        payload[4] = (byte)intent.Side;
        payload[5] = intent.StrategyIndex;
        BinaryPrimitives.WriteUInt16LittleEndian(payload[6..], intent.Reason);
        BinaryPrimitives.WriteDoubleLittleEndian(payload[8..], intent.Strength);
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], intent.Price);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], intent.Stop);
        payload[32] = intent.IsExit ? (byte)1 : (byte)0;
        payload[33] = (byte)index;
        payload[34..IntentPrefixSize].Clear();
        reason.CopyTo(payload[IntentPrefixSize..]);
        return IntentPrefixSize + reason.Length;
    }

    /// <summary>Writes the verdict on intent <paramref name="index"/>; returns the payload length.</summary>
    public static int WriteVerdict(Span<byte> payload, uint instrumentToken, in GateDecision decision, int index, long inputSequence)
    {
        var reason = RiskRuleText.Utf8(decision.Rule);
        BinaryPrimitives.WriteUInt32LittleEndian(payload, instrumentToken);
        payload[4] = (byte)decision.Verdict;
        payload[5] = (byte)decision.Rule;
        payload[6] = (byte)index;
        payload[7] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], decision.IsAccepted ? decision.Quantity : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[16..], decision.IsAccepted ? GateDecision.ClientOrderIdOf(inputSequence, index) : 0);
        reason.CopyTo(payload[VerdictPrefixSize..]);
        return VerdictPrefixSize + reason.Length;
    }

    /// <summary>The payload length of the verdict on <paramref name="decision"/>.</summary>
    public static int VerdictLength(in GateDecision decision) => VerdictPrefixSize + RiskRuleText.Utf8(decision.Rule).Length;

    /// <summary>Writes an order request; returns the payload length.</summary>
    public static int WriteOrder(Span<byte> payload, in OrderRequest order)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(payload, order.ClientOrderId);
        BinaryPrimitives.WriteUInt32LittleEndian(payload[8..], order.InstrumentToken);
        payload[12] = (byte)order.Side;
        payload[13] = (byte)order.OrderType;
        payload[14] = (byte)order.Product;
        payload[15] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], order.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], order.Price);
        BinaryPrimitives.WriteInt64LittleEndian(payload[32..], order.TriggerPrice);
        return OrderSize;
    }

    /// <summary>One line describing an output record, for people (the verifier's report, logs).</summary>
    public static string Describe(RecordType type, ReadOnlySpan<byte> payload, IntentReasonTable? names = null)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case RecordType.SignalIntent when payload.Length >= IntentPrefixSize:
                int strategy = payload[5];
                string who = names is not null && strategy < names.Names.Count ? $"{strategy} ({names.Names[strategy]})" : strategy.ToString(inv);
                return string.Create(inv,
                    $"signal_intent #{payload[33]}: strategy {who} {SideName(payload[4])} {BinaryPrimitives.ReadUInt32LittleEndian(payload)} strength {BinaryPrimitives.ReadDoubleLittleEndian(payload[8..]):R} price {BinaryPrimitives.ReadInt64LittleEndian(payload[16..])} stop {BinaryPrimitives.ReadInt64LittleEndian(payload[24..])}{((payload[32] & 1) != 0 ? " exit" : "")} reason {BinaryPrimitives.ReadUInt16LittleEndian(payload[6..])} \"{Encoding.UTF8.GetString(payload[IntentPrefixSize..])}\"");
            case RecordType.RiskVerdict when payload.Length >= VerdictPrefixSize:
                return string.Create(inv,
                    $"risk_verdict #{payload[6]}: {(RiskVerdict)payload[4]} {BinaryPrimitives.ReadUInt32LittleEndian(payload)} rule {(RiskRule)payload[5]} quantity {BinaryPrimitives.ReadInt64LittleEndian(payload[8..])} order {BinaryPrimitives.ReadUInt64LittleEndian(payload[16..])} \"{Encoding.UTF8.GetString(payload[VerdictPrefixSize..])}\"");
            case RecordType.OrderRequest when payload.Length >= OrderSize:
                return string.Create(inv,
                    $"order_request {BinaryPrimitives.ReadUInt64LittleEndian(payload)}: {SideName(payload[12])} {BinaryPrimitives.ReadInt64LittleEndian(payload[16..])} of {BinaryPrimitives.ReadUInt32LittleEndian(payload[8..])} {(OrderType)payload[13]} {(Product)payload[14]} price {BinaryPrimitives.ReadInt64LittleEndian(payload[24..])} trigger {BinaryPrimitives.ReadInt64LittleEndian(payload[32..])}");
            default:
                return $"{RecordSchema.NameOf(type)} ({payload.Length} bytes: {Convert.ToHexString(payload[..Math.Min(payload.Length, 48)])})";
        }
    }

    private static string SideName(byte side) => side switch
    {
        1 => "BUY",
        2 => "SELL",
        _ => $"side {side}",
    };
}
