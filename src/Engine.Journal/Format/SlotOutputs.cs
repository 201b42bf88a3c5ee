using Engine.Core.Events;
using Engine.Core.Strategies;

namespace Engine.Journal.Format;

/// <summary>
/// The output records of one ring slot, in their journal order: for each intent, the intent, the
/// risk gate's verdict on it and, when accepted, the order request; then the order transitions,
/// the engine's own requests, the trading-state changes and the risk snapshot.
/// </summary>
public static class SlotOutputs
{
    /// <summary>Writes every output of <paramref name="slot"/> to <paramref name="sink"/>; returns how many records.</summary>
    public static int Write(in RingEvent slot, IntentReasonTable reasons, IOutputRecordSink sink)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(sink);
        int records = 0;
        for (int i = 0; i < slot.IntentCount; i++)
        {
            ref readonly var intent = ref slot.Intents[i];
            var reason = reasons.Utf8(intent.StrategyIndex, intent.Reason);
            int length = OutputRecordCodec.IntentPrefixSize + reason.Length;
            OutputRecordCodec.WriteIntent(sink.Begin(length), intent, i, reason);
            sink.Commit(RecordType.SignalIntent, length);

            ref readonly var decision = ref slot.Decisions[i];
            length = OutputRecordCodec.VerdictLength(decision);
            OutputRecordCodec.WriteVerdict(sink.Begin(length), intent.InstrumentToken, decision, i, slot.InputSequence);
            sink.Commit(RecordType.RiskVerdict, length);
            records += 2;

            if (decision.IsAccepted)
            {
                OutputRecordCodec.WriteOrder(sink.Begin(OutputRecordCodec.OrderSize), decision.ToOrder(intent, slot.InputSequence, i));
                sink.Commit(RecordType.OrderRequest, OutputRecordCodec.OrderSize);
                records++;
            }
        }

        for (int i = 0; i < slot.TransitionCount; i++)
        {
            OutputRecordCodec.WriteTransition(sink.Begin(OutputRecordCodec.TransitionSize), slot.Transitions[i]);
            sink.Commit(RecordType.OrderTransition, OutputRecordCodec.TransitionSize);
            records++;
        }

        for (int i = 0; i < slot.ActionCount; i++)
        {
            OutputRecordCodec.WriteOrder(sink.Begin(OutputRecordCodec.OrderSize), slot.Actions[i]);
            sink.Commit(RecordType.OrderRequest, OutputRecordCodec.OrderSize);
            records++;
        }

        for (int i = 0; i < slot.RiskChangeCount; i++)
        {
            OutputRecordCodec.WriteRiskState(sink.Begin(OutputRecordCodec.RiskStateSize), slot.RiskChanges[i]);
            sink.Commit(RecordType.RiskState, OutputRecordCodec.RiskStateSize);
            records++;
        }

        if (slot.HasRiskSnapshot)
        {
            int length = OutputRecordCodec.SnapshotLength(slot.RiskSnapshot);
            OutputRecordCodec.WriteRiskSnapshot(sink.Begin(length), slot.RiskSnapshot);
            sink.Commit(RecordType.RiskSnapshot, length);
            records++;
        }

        return records;
    }

    /// <summary>True when the slot carries any decision to journal (intents, transitions or the engine's own requests).</summary>
    public static bool HasOutputs(in RingEvent slot) => slot.IntentCount > 0 || slot.TransitionCount > 0 || slot.ActionCount > 0 || slot.RiskChangeCount > 0 || slot.HasRiskSnapshot;

    /// <summary>True when the slot carries an order the router will send.</summary>
    public static bool HasOrder(in RingEvent slot)
    {
        if (slot.ActionCount > 0)
        {
            return true;
        }

        for (int i = 0; i < slot.IntentCount; i++)
        {
            if (slot.Decisions[i].IsAccepted)
            {
                return true;
            }
        }

        return false;
    }
}
