using System.Buffers.Binary;
using Engine.Core.Charges;
using Engine.Core.Instruments;
using Engine.Core.Orders;
using Engine.Host.Running;
using Engine.Journal;
using Engine.Journal.Format;
using Engine.Journal.Reading;

namespace Engine.Host.Reports;

/// <summary>
/// What a report needs from a journal, read straight from its records: every fill (an order
/// transition that filled, joined to its order request and, through the order's id, to the
/// strategy intent that caused it), the account's equity at every risk snapshot, and each run's
/// capital, instruments, strategies and charges. Times are market times (each run's recorded
/// clock), so a simulated day at 600× reads as the day it was.
/// </summary>
public sealed class JournalHistory
{
    private JournalHistory(string journal, IReadOnlyList<ReportFill> fills, IReadOnlyList<EquityPoint> equity, IReadOnlyDictionary<uint, Instrument> instruments, long capitalPaise, ChargeSchedule charges, int runs)
    {
        Journal = journal;
        Fills = fills;
        Equity = equity;
        Instruments = instruments;
        CapitalPaise = capitalPaise;
        Charges = charges;
        Runs = runs;
    }

    /// <summary>A history from parts (a backtest's, or a test's): fills and equity in market time, capital in paise.</summary>
    public static JournalHistory Of(string journal, IReadOnlyList<ReportFill> fills, IReadOnlyList<EquityPoint> equity, IReadOnlyDictionary<uint, Instrument> instruments, long capitalPaise, ChargeSchedule? charges = null, int runs = 1) =>
        new(journal, fills, equity, instruments, capitalPaise, charges ?? ChargeSchedule.Zerodha, runs);

    /// <summary>The journal folder.</summary>
    public string Journal { get; }

    /// <summary>Every fill, in journal order.</summary>
    public IReadOnlyList<ReportFill> Fills { get; }

    /// <summary>Equity at each risk snapshot, in journal order.</summary>
    public IReadOnlyList<EquityPoint> Equity { get; }

    /// <summary>Every instrument the runs named.</summary>
    public IReadOnlyDictionary<uint, Instrument> Instruments { get; }

    /// <summary>The first run's capital, paise.</summary>
    public long CapitalPaise { get; }

    /// <summary>The last run's charges schedule.</summary>
    public ChargeSchedule Charges { get; }

    /// <summary>Runs in the journal.</summary>
    public int Runs { get; }

    /// <summary>Reads <paramref name="folder"/> (only the runs from input <paramref name="fromSequence"/> on, if given); a journal with no run (no session_start) has nothing to report.</summary>
    public static JournalHistory Read(string folder, long fromSequence = long.MinValue)
    {
        var reader = JournalReader.OpenWithSegments(folder);

        var starts = new List<long>();
        foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true, VerifyFrameChecksum = false }))
        {
            if (record.Type == RecordType.SessionStart && record.Sequence >= fromSequence)
            {
                starts.Add(record.Sequence);
            }
        }

        if (starts.Count == 0)
        {
            throw new JournalException(fromSequence == long.MinValue
                ? $"'{folder}' has no session_start record: it was not written by engine run, so it holds no orders or account to report on."
                : $"'{folder}' has no run from input {fromSequence} on.");
        }

        var runs = starts.Select(s => SessionRecords.ReadSession(reader, s)).OfType<(RunDefinition Run, long Sequence, long TimestampNs)>().ToList();
        var instruments = new Dictionary<uint, Instrument>();
        foreach (var instrument in runs.SelectMany(r => r.Run.Instruments))
        {
            instruments[instrument.InstrumentToken] = instrument;
        }

        var intents = new Dictionary<(long Sequence, int Index), string>();
        var orders = new Dictionary<ulong, (OrderRequest Order, string Strategy)>();
        var fills = new List<ReportFill>();
        var equity = new List<EquityPoint>();
        int run = -1;
        foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true, VerifyFrameChecksum = false }))
        {
            while (run + 1 < runs.Count && record.Sequence >= runs[run + 1].Sequence)
            {
                run++;
            }

            if (run < 0)
            {
                continue;
            }

            var definition = runs[run].Run;
            var payload = record.Payload.Span;
            switch (record.Type)
            {
                case RecordType.SignalIntent when payload.Length >= 34:
                    int strategy = payload[5];
                    intents[(record.Sequence, payload[33])] = strategy == Core.Strategies.SignalIntent.OperatorIndex ? "operator" : strategy < definition.Strategies.Count ? definition.Strategies[strategy].Name : $"strategy {strategy}";
                    break;
                case RecordType.OrderRequest:
                    var order = OutputRecordCodec.ReadOrder(payload, record.Sequence);
                    if (order.Action is OrderAction.Place or OrderAction.None)
                    {
                        orders[order.ClientOrderId] = (order, StrategyOf(order.ClientOrderId, intents));
                    }

                    break;
                case RecordType.OrderTransition:
                    var transition = OutputRecordCodec.ReadTransition(payload);
                    if (transition.FillQuantity > 0 && !transition.Illegal && orders.TryGetValue(transition.ClientOrderId, out var placed))
                    {
                        fills.Add(new ReportFill(definition.Clock.ToMarket(record.TimestampNs), placed.Order.InstrumentToken, placed.Order.Product, placed.Order.Side,
                            transition.FillQuantity, transition.FillPrice, transition.ClientOrderId, placed.Order.InputSequence, placed.Strategy));
                    }

                    break;
                case RecordType.RiskSnapshot when payload.Length >= 16:
                    equity.Add(new EquityPoint(definition.Clock.ToMarket(record.TimestampNs), BinaryPrimitives.ReadInt64LittleEndian(payload[8..]) / 100m));
                    break;
            }
        }

        return new JournalHistory(Path.GetFullPath(folder), fills, equity, instruments, runs[0].Run.Risk.Capital, runs[^1].Run.Charges, runs.Count);
    }

    // The order's id says which input and intent slot made it; the engine's own orders have the top bit.
    private static string StrategyOf(ulong clientOrderId, Dictionary<(long, int), string> intents)
    {
        if (OrderIds.IsSystem(clientOrderId))
        {
            return "engine";
        }

        long sequence = (long)(clientOrderId / OrderIds.PerInputIntents) - 1;
        int index = (int)(clientOrderId % OrderIds.PerInputIntents);
        return intents.TryGetValue((sequence, index), out string? name) ? name : "unknown";
    }
}
