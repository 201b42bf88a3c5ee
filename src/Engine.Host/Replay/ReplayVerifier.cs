using System.Globalization;
using Engine.Core.Events;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Ring;

namespace Engine.Host.Replay;

/// <summary>
/// <c>replay --verify</c> as a ring stage right after the risk gate: for every input it encodes
/// the decisions the replay just made (intents, verdicts, order requests) exactly as the journaller
/// would, and compares them byte for byte with the ones the journal recorded for that input, which
/// the replay source stored before publishing the slot. The first difference is kept, with both
/// sides in words, and the replay is stopped.
/// </summary>
public sealed class ReplayVerifier : IEventHandler<RingEvent>
{
    private readonly OutputList[] _recorded;
    private readonly long _mask;
    private readonly OutputList _computed = new();
    private readonly IntentReasonTable _reasons;
    private readonly long _verifyFrom;
    private readonly MarketClock _clock;
    private readonly Action _stop;
    private long _inputs;
    private long _outputs;
    private volatile ReplayMismatch? _mismatch;

    /// <summary>Creates the verifier for a ring of <paramref name="ringSize"/> slots; inputs before <paramref name="verifyFrom"/> only rebuild state.</summary>
    public ReplayVerifier(int ringSize, IntentReasonTable reasons, MarketClock clock, long verifyFrom, Action stop)
    {
        _recorded = Enumerable.Range(0, ringSize).Select(_ => new OutputList()).ToArray();
        _mask = ringSize - 1;
        _reasons = reasons;
        _clock = clock;
        _verifyFrom = verifyFrom;
        _stop = stop;
    }

    /// <inheritdoc/>
    public string Name => "verify";

    /// <summary>Inputs compared.</summary>
    public long InputsCompared => Volatile.Read(ref _inputs);

    /// <summary>Recorded output records matched.</summary>
    public long OutputsMatched => Volatile.Read(ref _outputs);

    /// <summary>The first difference, if any.</summary>
    public ReplayMismatch? Mismatch => _mismatch;

    /// <summary>
    /// Called by the replay source, on its thread, with each recorded output and the ring sequence of
    /// its input (claimed, not yet published).
    /// </summary>
    public void Record(JournalRecord record, long ringSequence)
    {
        if (ringSequence < 0)
        {
            return;
        }

        var list = _recorded[ringSequence & _mask];
        if (list.RingSequence != ringSequence)
        {
            list.Reset(ringSequence);
        }

        list.Add(record.Type, record.Payload.Span);
    }

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (_mismatch is not null || data.InputSequence < _verifyFrom)
        {
            return;
        }

        var recorded = _recorded[sequence & _mask];
        if (recorded.RingSequence != sequence)
        {
            recorded.Reset(sequence);
        }

        _computed.Reset(sequence);
        SlotOutputs.Write(data, _reasons, _computed);
        if (!_computed.SameAs(recorded))
        {
            _mismatch = new ReplayMismatch(data.InputSequence, DescribeInput(data), Describe(recorded), Describe(_computed));
            _stop();
            return;
        }

        Volatile.Write(ref _outputs, _outputs + recorded.Count);
        Volatile.Write(ref _inputs, _inputs + 1);
    }

    private List<string> Describe(OutputList list)
    {
        var lines = new List<string>();
        for (int i = 0; i < list.Count; i++)
        {
            lines.Add(OutputRecordCodec.Describe(list.TypeAt(i), list.PayloadAt(i), _reasons));
        }

        return lines;
    }

    private string DescribeInput(in RingEvent data)
    {
        var inv = CultureInfo.InvariantCulture;
        string market = UnixTime.ToIst(data.Kind == EventKind.Timer ? data.Argument : _clock.ToMarket(data.ReceiveTimestampNs)).ToString("yyyy-MM-dd HH:mm:ss.fff", inv);
        return data.Kind switch
        {
            EventKind.Tick => string.Create(inv, $"tick {data.Tick.InstrumentToken} last price {data.Tick.LastPrice} (/{data.Tick.PriceDivisor}), volume {data.Tick.VolumeTraded}, market time {market} IST"),
            EventKind.Timer => $"timer {data.Timer} at market time {market} IST",
            EventKind.Command => $"command {data.Command} at market time {market} IST",
            _ => $"{data.Kind} at market time {market} IST",
        };
    }
}
