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
    public const int OrderSize = 56;

    /// <summary>An order transition record's size.</summary>
    public const int TransitionSize = 40;

    /// <summary>A risk state record's size.</summary>
    public const int RiskStateSize = 24;

    /// <summary>Bytes before a risk snapshot's limits.</summary>
    public const int SnapshotPrefixSize = 56;

    /// <summary>Bytes per limit in a risk snapshot.</summary>
    public const int SnapshotLimitSize = 24;

    /// <summary>Writes a trading-state change (<see cref="RiskStateSize"/> bytes).</summary>
    public static int WriteRiskState(Span<byte> payload, in RiskStateChange change)
    {
        payload[0] = (byte)change.From;
        payload[1] = (byte)change.To;
        payload[2] = (byte)change.Trigger;
        payload[3] = (byte)change.Limit.Limit;
        payload[4] = (byte)change.Limit.Status;
        payload[5..8].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], change.Limit.Used);
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], change.Limit.Max);
        return RiskStateSize;
    }

    /// <summary>The payload length of <paramref name="snapshot"/>.</summary>
    public static int SnapshotLength(in RiskSnapshot snapshot) => SnapshotPrefixSize + (snapshot.Count * SnapshotLimitSize);

    /// <summary>Writes a risk snapshot; returns the payload length.</summary>
    public static int WriteRiskSnapshot(Span<byte> payload, in RiskSnapshot snapshot)
    {
        payload[0] = (byte)snapshot.State;
        payload[1] = snapshot.Count;
        payload[2..8].Clear();
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], snapshot.Equity);
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], snapshot.RealizedPnl);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], snapshot.UnrealizedPnl);
        BinaryPrimitives.WriteInt64LittleEndian(payload[32..], snapshot.Charges);
        BinaryPrimitives.WriteInt64LittleEndian(payload[40..], snapshot.HighWaterMark);
        BinaryPrimitives.WriteInt64LittleEndian(payload[48..], snapshot.OrdersToday);
        ReadOnlySpan<LimitDistance> limits = snapshot.Distances;
        for (int i = 0; i < snapshot.Count; i++)
        {
            var entry = payload[(SnapshotPrefixSize + (i * SnapshotLimitSize))..];
            entry[0] = (byte)limits[i].Limit;
            entry[1] = (byte)limits[i].Status;
            entry[2..8].Clear();
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], limits[i].Used);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], limits[i].Max);
        }

        return SnapshotLength(snapshot);
    }

    /// <summary>Reads a risk snapshot record.</summary>
    public static RiskSnapshot ReadRiskSnapshot(ReadOnlySpan<byte> payload)
    {
        var snapshot = new RiskSnapshot
        {
            State = (TradingState)payload[0],
            Count = (byte)Math.Min(payload[1], Math.Min(LimitDistanceBuffer.Capacity, (payload.Length - SnapshotPrefixSize) / SnapshotLimitSize)),
            Equity = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]),
            RealizedPnl = BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
            UnrealizedPnl = BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
            Charges = BinaryPrimitives.ReadInt64LittleEndian(payload[32..]),
            HighWaterMark = BinaryPrimitives.ReadInt64LittleEndian(payload[40..]),
            OrdersToday = BinaryPrimitives.ReadInt64LittleEndian(payload[48..]),
        };
        for (int i = 0; i < snapshot.Count; i++)
        {
            var entry = payload[(SnapshotPrefixSize + (i * SnapshotLimitSize))..];
            snapshot.Distances[i] = new LimitDistance { Limit = (RiskLimit)entry[0], Status = (LimitStatus)entry[1], Used = BinaryPrimitives.ReadInt64LittleEndian(entry[8..]), Max = BinaryPrimitives.ReadInt64LittleEndian(entry[16..]) };
        }

        return snapshot;
    }

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
        payload[34..36].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(payload[36..], (uint)Math.Max(0, intent.Quantity));
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
        payload[15] = (byte)order.Action;
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], order.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], order.Price);
        BinaryPrimitives.WriteInt64LittleEndian(payload[32..], order.TriggerPrice);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[40..], order.BrokerOrderId);
        payload[48] = (byte)order.Validity;
        payload[49] = 0;
        BinaryPrimitives.WriteInt16LittleEndian(payload[50..], order.MarketProtection);
        BinaryPrimitives.WriteInt16LittleEndian(payload[52..], order.ValidityTtlMinutes);
        payload[54..OrderSize].Clear();
        return OrderSize;
    }

    /// <summary>Reads an order request record (version 1 records: place, DAY, no protection).</summary>
    public static OrderRequest ReadOrder(ReadOnlySpan<byte> payload, long inputSequence)
    {
        var order = new OrderRequest
        {
            ClientOrderId = BinaryPrimitives.ReadUInt64LittleEndian(payload),
            InstrumentToken = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]),
            Side = (Side)payload[12],
            OrderType = (OrderType)payload[13],
            Product = (Product)payload[14],
            Action = payload[15] == 0 ? OrderAction.Place : (OrderAction)payload[15],
            Quantity = BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
            Price = BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
            TriggerPrice = BinaryPrimitives.ReadInt64LittleEndian(payload[32..]),
            Validity = Validity.Day,
            InputSequence = inputSequence,
        };
        if (payload.Length >= OrderSize)
        {
            order.BrokerOrderId = BinaryPrimitives.ReadUInt64LittleEndian(payload[40..]);
            order.Validity = (Validity)payload[48];
            order.MarketProtection = BinaryPrimitives.ReadInt16LittleEndian(payload[50..]);
            order.ValidityTtlMinutes = BinaryPrimitives.ReadInt16LittleEndian(payload[52..]);
        }

        return order;
    }

    /// <summary>Writes an order transition (<see cref="TransitionSize"/> bytes).</summary>
    public static int WriteTransition(Span<byte> payload, in OrderTransition transition)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(payload, transition.ClientOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], transition.FilledQuantity);
        BinaryPrimitives.WriteInt64LittleEndian(payload[16..], transition.FillQuantity);
        BinaryPrimitives.WriteInt64LittleEndian(payload[24..], transition.FillPrice);
        payload[32] = (byte)transition.From;
        payload[33] = (byte)transition.To;
        payload[34] = (byte)transition.Cause;
        payload[35] = (byte)transition.BrokerStatus;
        payload[36] = transition.Illegal ? (byte)1 : (byte)0;
        payload[37..TransitionSize].Clear();
        return TransitionSize;
    }

    /// <summary>Reads an order transition record.</summary>
    public static OrderTransition ReadTransition(ReadOnlySpan<byte> payload) => new()
    {
        ClientOrderId = BinaryPrimitives.ReadUInt64LittleEndian(payload),
        FilledQuantity = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]),
        FillQuantity = BinaryPrimitives.ReadInt64LittleEndian(payload[16..]),
        FillPrice = BinaryPrimitives.ReadInt64LittleEndian(payload[24..]),
        From = (OrderState)payload[32],
        To = (OrderState)payload[33],
        Cause = (TransitionCause)payload[34],
        BrokerStatus = (OrderStatus)payload[35],
        Illegal = (payload[36] & 1) != 0,
    };

    /// <summary>One line describing an output record, for people (the verifier's report, logs).</summary>
    public static string Describe(RecordType type, ReadOnlySpan<byte> payload, IntentReasonTable? names = null)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case RecordType.SignalIntent when payload.Length >= IntentPrefixSize:
                int strategy = payload[5];
                string who = strategy == SignalIntent.OperatorIndex ? $"{strategy} (operator)" : names is not null && strategy < names.Names.Count ? $"{strategy} ({names.Names[strategy]})" : strategy.ToString(inv);
                uint asked = BinaryPrimitives.ReadUInt32LittleEndian(payload[36..]);
                return string.Create(inv,
                    $"signal_intent #{payload[33]}: strategy {who} {SideName(payload[4])} {BinaryPrimitives.ReadUInt32LittleEndian(payload)} strength {BinaryPrimitives.ReadDoubleLittleEndian(payload[8..]):R} price {BinaryPrimitives.ReadInt64LittleEndian(payload[16..])} stop {BinaryPrimitives.ReadInt64LittleEndian(payload[24..])}{((payload[32] & 1) != 0 ? " exit" : "")}{(asked > 0 ? $" quantity {asked}" : "")} reason {BinaryPrimitives.ReadUInt16LittleEndian(payload[6..])} \"{Encoding.UTF8.GetString(payload[IntentPrefixSize..])}\"");
            case RecordType.RiskVerdict when payload.Length >= VerdictPrefixSize:
                return string.Create(inv,
                    $"risk_verdict #{payload[6]}: {(RiskVerdict)payload[4]} {BinaryPrimitives.ReadUInt32LittleEndian(payload)} rule {(RiskRule)payload[5]} quantity {BinaryPrimitives.ReadInt64LittleEndian(payload[8..])} order {BinaryPrimitives.ReadUInt64LittleEndian(payload[16..])} \"{Encoding.UTF8.GetString(payload[VerdictPrefixSize..])}\"");
            case RecordType.OrderRequest when payload.Length >= 40:
                var order = ReadOrder(payload, 0);
                string action = order.Action switch
                {
                    OrderAction.Cancel => "CANCEL ",
                    OrderAction.Modify => "MODIFY ",
                    _ => "",
                };
                string protection = order.MarketProtection != 0 ? string.Create(inv, $" protection {order.MarketProtection}") : "";
                return string.Create(inv,
                    $"order_request {order.ClientOrderId}: {action}{SideName((byte)order.Side)} {order.Quantity} of {order.InstrumentToken} {order.OrderType} {order.Product} price {order.Price} trigger {order.TriggerPrice}{protection}{(order.BrokerOrderId != 0 ? string.Create(inv, $" broker order {order.BrokerOrderId}") : "")}");
            case RecordType.OrderTransition when payload.Length >= TransitionSize:
                var t = ReadTransition(payload);
                string fill = t.FillQuantity > 0 ? string.Create(inv, $", filled {t.FillQuantity} at {t.FillPrice} ({t.FilledQuantity} in all)") : "";
                return string.Create(inv,
                    $"order_transition {t.ClientOrderId}: {t.From} -> {t.To} on {t.Cause}{(t.BrokerStatus != OrderStatus.Unknown ? $" ({OrderStatuses.ToKite(t.BrokerStatus)})" : "")}{fill}{(t.Illegal ? " ILLEGAL, not applied" : "")}");
            case RecordType.RiskState when payload.Length >= RiskStateSize:
                string limit = payload[3] != 0 ? string.Create(inv, $" on {(RiskLimit)payload[3]} {(LimitStatus)payload[4]}: {BinaryPrimitives.ReadInt64LittleEndian(payload[8..])} of {BinaryPrimitives.ReadInt64LittleEndian(payload[16..])}") : "";
                return string.Create(inv, $"risk_state: {(TradingState)payload[0]} -> {(TradingState)payload[1]} by {(TradingStateTrigger)payload[2]}{limit}");
            case RecordType.RiskSnapshot when payload.Length >= SnapshotPrefixSize:
                var snapshot = ReadRiskSnapshot(payload);
                var text = new StringBuilder();
                text.Append(inv, $"risk_snapshot: {snapshot.State} equity {snapshot.Equity} realized {snapshot.RealizedPnl} unrealized {snapshot.UnrealizedPnl} charges {snapshot.Charges} high {snapshot.HighWaterMark} orders {snapshot.OrdersToday}");
                for (int i = 0; i < snapshot.Count; i++)
                {
                    var d = snapshot.Distances[i];
                    text.Append(inv, $"; {d.Limit} {d.Status} {d.Used}/{d.Max}");
                }

                return text.ToString();
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
