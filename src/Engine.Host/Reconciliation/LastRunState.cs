using Engine.Core.Inputs;
using Engine.Core.Pipeline;
using Engine.Core.Reconciliation;
using Engine.Core.Routing;
using Engine.Core.Strategies;
using Engine.Host.Running;
using Engine.Journal.Format;
using Engine.Journal.Reading;
using Engine.Journal.Replay;
using Engine.Kite.Ticker;
using Engine.Kite.Ticks;
using Engine.Ring;

namespace Engine.Host.Reconciliation;

/// <summary>
/// The account a journal's last run ended with, found the way everything in the engine is found:
/// by replaying that run's inputs through the same pipeline (with no gateway) and reading the order
/// tracker, the account and the risk context at its end. A run that itself began from a restored
/// account replays that input too, so the chain goes back to the journal's first run without
/// replaying more than one run. Whatever the run's tail lost to a crash was never acted on.
/// </summary>
public static class LastRunState
{
    /// <summary>The last run's account, or null when the journal has no run (a new folder, or only <c>engine ticks</c> recordings).</summary>
    public static AccountState? Capture(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var reader = JournalReader.Open(folder);
        if (reader.Segments.Count == 0)
        {
            return null;
        }

        long? lastSession = null;
        foreach (var record in reader.Read(new JournalReadOptions { SkipDamaged = true, VerifyFrameChecksum = false, ReuseBuffers = true }))
        {
            if (record.Type == RecordType.SessionStart)
            {
                lastSession = record.Sequence;
            }
        }

        if (lastSession is not { } from || SessionRecords.ReadSession(reader, from) is not { } session)
        {
            return null;
        }

        var run = session.Run;
        var registry = StrategyRegistry.CreateWithBuiltins();
        foreach (string assembly in run.StrategyAssemblies)
        {
            registry.LoadAssembly(assembly);
        }

        var options = TradingPipelineOptions.SingleProducerFused("restart: replaying the last run");
        using var composition = EngineComposition.Build(run, registry, options, new NullOrderGateway());
        var pipeline = composition.Pipeline;
        pipeline.Start();
        var source = new JournalReplaySource(reader, new InputPublisher(pipeline.Ring), TickDecoder.TryDecode, OrderUpdateParser.TryParse);
        source.Run(new ReplayOptions { FromSequence = session.Sequence, StopAtNextSession = true, SkipDamaged = true, KeepRawBytes = false }, cancellationToken);
        if (!pipeline.Shutdown(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException($"replaying the last run of '{folder}' did not finish within 5 minutes.");
        }

        return AccountState.Capture(pipeline.Orders, pipeline.Risk.Context, source.LastInputSequence);
    }
}
