using System.CommandLine;
using System.Diagnostics;
using Engine.Bench.Workloads;
using Engine.Cli.Demo;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary><c>engine demo</c>: synthetic ticks through the ring in the engine's shape (recorder and logic in parallel, a router gated on both), with a live status line.</summary>
public static class DemoCommand
{
    private const int Instruments = 50;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to run.", DefaultValueFactory = _ => 10 };
        var command = new Command("demo", "Run synthetic ticks through the ring and show what it does.") { seconds };
        command.SetAction(parse => Run(TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(seconds)))));
        return command;
    }

    private static int Run(TimeSpan duration)
    {
        var choice = WaitStrategyChoice.ForMachine(Environment.ProcessorCount, consumerThreads: 3);
        var ring = new RingBuffer<DemoTick>(1 << 14, WaitStrategies.Create(choice.Kind));
        var recorder = new DemoStages.Recorder();
        var router = new DemoStages.Router();
        using var pipeline = new RingPipeline<DemoTick>(ring, new RingPipelineOptions { WaitStrategyReason = choice.Reason });
        pipeline.HandleEventsWith(recorder, new DemoStages.CrossoverLogic(Instruments)).Then(router);
        Console.WriteLine($"demo: synthetic ticks for {Instruments} instruments through the ring for {duration.TotalSeconds:0} s ({MachineInfo.CpuModel})");
        Console.WriteLine(pipeline.Start());

        using var stop = new CancellationTokenSource(duration);
        var producer = new Thread(() => Produce(ring, stop.Token)) { Name = "demo-producer", IsBackground = true };
        var clock = Stopwatch.StartNew();
        producer.Start();

        long lastHandled = 0;
        var lastTime = TimeSpan.Zero;
        bool interactive = !Console.IsOutputRedirected;
        while (!stop.IsCancellationRequested)
        {
            stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            var now = clock.Elapsed;
            long handled = router.Handled;
            double rate = (handled - lastHandled) / Math.Max(1e-9, (now - lastTime).TotalSeconds);
            string line = $"{now.TotalSeconds,5:F1}s  ticks/s {rate / 1e6,7:F2} M  total {handled,13:N0}  signals {router.Signals,11:N0}  ring lag {pipeline.Lag,6:N0}  recorded {recorder.Bytes / 1e6,8:F1} MB";
            Console.Write(interactive ? "\r" + line : line + Environment.NewLine);
            (lastHandled, lastTime) = (handled, now);
        }

        producer.Join();
        bool drained = pipeline.Shutdown(TimeSpan.FromSeconds(10));
        if (interactive)
        {
            Console.WriteLine();
        }

        Console.WriteLine($"demo: {router.Handled:N0} ticks in {clock.Elapsed.TotalSeconds:F1} s ({router.Handled / clock.Elapsed.TotalSeconds / 1e6:F1} M/s), {router.Signals:N0} crossover signals, drained={drained}");
        return drained ? 0 : 1;
    }

    private static void Produce(RingBuffer<DemoTick> ring, CancellationToken stop)
    {
        var prices = new long[Instruments];
        for (int i = 0; i < Instruments; i++)
        {
            prices[i] = 100_000 + (i * 5_000);
        }

        uint state = 2463534242;
        while (!stop.IsCancellationRequested)
        {
            // 1024 ticks per claim, like a busy frame of packets: one batch claim, one publish.
            long hi = ring.Next(1024);
            for (long s = hi - 1023; s <= hi; s++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                int instrument = (int)(state % Instruments);
                prices[instrument] += ((int)(state >> 8) % 11) - 5;
                ref var tick = ref ring[s];
                tick.Instrument = instrument;
                tick.LastPrice = prices[instrument];
            }

            ring.Publish(hi - 1023, hi);
        }
    }
}
