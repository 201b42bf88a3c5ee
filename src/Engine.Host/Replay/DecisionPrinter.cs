using System.Globalization;
using Engine.Core.Events;
using Engine.Core.Strategies;
using Engine.Core.Time;
using Engine.Journal.Format;
using Engine.Ring;

namespace Engine.Host.Replay;

/// <summary><c>replay --decisions</c>: prints every decision the replay makes, with its input's sequence and market time (for developers; it formats text, so it is not for timing runs).</summary>
public sealed class DecisionPrinter(TextWriter output, IntentReasonTable reasons, MarketClock clock, long fromSequence) : IEventHandler<RingEvent>
{
    private readonly OutputList _outputs = new();

    /// <inheritdoc/>
    public string Name => "decisions";

    /// <inheritdoc/>
    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (SlotOutputs.HasOutputs(data) && data.InputSequence >= fromSequence)
        {
            _outputs.Reset(sequence);
            SlotOutputs.Write(data, reasons, _outputs);
            long market = data.Kind == EventKind.Timer ? data.Argument : clock.ToMarket(data.ReceiveTimestampNs);
            string when = UnixTime.ToIst(market).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            for (int i = 0; i < _outputs.Count; i++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{data.InputSequence} {when} IST {OutputRecordCodec.Describe(_outputs.TypeAt(i), _outputs.PayloadAt(i), reasons)}"));
            }
        }

        if (endOfBatch)
        {
            output.Flush();
        }
    }
}
