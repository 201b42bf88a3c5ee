using Engine.Ring;

namespace Engine.Cli.Demo;

/// <summary>The demo's consumers, shaped like the engine's: a recorder, the logic, and a router that gates on both.</summary>
public static class DemoStages
{
    /// <summary>Counts bytes as a journal would write them.</summary>
    public sealed class Recorder : IEventHandler<DemoTick>
    {
        private long _bytes;

        /// <inheritdoc/>
        public string Name => "recorder";

        /// <summary>Bytes "recorded".</summary>
        public long Bytes => Volatile.Read(ref _bytes);

        /// <inheritdoc/>
        public void OnEvent(ref DemoTick data, long sequence, bool endOfBatch) => _bytes += 24;
    }

    /// <summary>EMA crossover per instrument: writes the signal into the slot for the router.</summary>
    public sealed class CrossoverLogic(int instruments) : IEventHandler<DemoTick>
    {
        private readonly double[] _fast = new double[instruments];
        private readonly double[] _slow = new double[instruments];

        /// <inheritdoc/>
        public string Name => "logic";

        /// <inheritdoc/>
        public void OnEvent(ref DemoTick data, long sequence, bool endOfBatch)
        {
            int i = data.Instrument;
            double price = data.LastPrice;
            double fastBefore = _fast[i], slowBefore = _slow[i];
            _fast[i] = fastBefore == 0 ? price : fastBefore + (0.2 * (price - fastBefore));
            _slow[i] = slowBefore == 0 ? price : slowBefore + (0.02 * (price - slowBefore));
            data.FastEma = _fast[i];
            data.Signal = fastBefore <= slowBefore && _fast[i] > _slow[i] ? 1 : fastBefore >= slowBefore && _fast[i] < _slow[i] ? -1 : 0;
        }
    }

    /// <summary>Counts the signals it would route.</summary>
    public sealed class Router : IEventHandler<DemoTick>
    {
        private long _signals;
        private long _handled;

        /// <inheritdoc/>
        public string Name => "router";

        /// <summary>Signals seen.</summary>
        public long Signals => Volatile.Read(ref _signals);

        /// <summary>Ticks seen.</summary>
        public long Handled => Volatile.Read(ref _handled);

        /// <inheritdoc/>
        public void OnEvent(ref DemoTick data, long sequence, bool endOfBatch)
        {
            if (data.Signal != 0)
            {
                _signals++;
            }

            if (endOfBatch)
            {
                Volatile.Write(ref _handled, sequence + 1);
            }
        }
    }
}
