using System.Buffers.Binary;
using System.Text;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Writing;

namespace Engine.Host.Running;

/// <summary>
/// The meta records that open each run in a journal: one session_start (seed and the run
/// definition as JSON) and one instrument record per instrument (its row of Kite's instruments
/// CSV). They carry the run's first input sequence.
/// </summary>
public static class SessionRecords
{
    /// <summary>Appends a run's opening records.</summary>
    public static void Write(JournalWriter writer, RunDefinition run, long sequence, long timestampNs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(run);
        byte[] json = RunDefinitionJson.Write(run);
        var payload = new byte[8 + json.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, run.Seed);
        json.CopyTo(payload, 8);
        writer.Append(RecordType.SessionStart, 1, sequence, timestampNs, payload);
        foreach (var instrument in run.Instruments)
        {
            byte[] row = Encoding.UTF8.GetBytes(RunDefinitionJson.CsvRow(instrument));
            var record = new byte[8 + row.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(record, instrument.InstrumentToken);
            row.CopyTo(record, 8);
            writer.Append(RecordType.Instrument, 1, sequence, timestampNs, record);
        }

        writer.Flush();
    }

    /// <summary>
    /// Reads the run that starts at or after <paramref name="fromSequence"/>: its session_start and
    /// instrument records, which come before its first input. Null when an input comes first (a
    /// journal written without a session, such as by <c>engine ticks</c>) or the journal ends.
    /// </summary>
    public static (RunDefinition Run, long Sequence, long TimestampNs)? ReadSession(JournalReader reader, long fromSequence)
    {
        ArgumentNullException.ThrowIfNull(reader);
        byte[]? start = null;
        long sequence = 0;
        long timestamp = 0;
        var rows = new List<string>();
        foreach (var record in reader.Read(new JournalReadOptions { FromSequence = fromSequence, SkipDamaged = true, VerifyFrameChecksum = false }))
        {
            if (record.Sequence < fromSequence || !RecordSchema.Types.TryGetValue(record.Type, out var info))
            {
                continue;
            }

            if (info.Direction != RecordDirection.Meta)
            {
                break;
            }

            var payload = record.Payload.Span;
            if (record.Type == RecordType.SessionStart)
            {
                if (start is not null)
                {
                    break;
                }

                start = payload[8..].ToArray();
                sequence = record.Sequence;
                timestamp = record.TimestampNs;
            }
            else if (record.Type == RecordType.Instrument && start is not null && payload.Length > 8)
            {
                rows.Add(Encoding.UTF8.GetString(payload[8..]));
            }
        }

        if (start is null)
        {
            return null;
        }

        var instruments = RunDefinitionJson.ParseRows(rows, $"the instrument records of the run at sequence {sequence}");
        return (RunDefinitionJson.Read(start, instruments), sequence, timestamp);
    }
}
