using System.Diagnostics;
using Engine.Core.Market;
using Engine.Ring;

namespace Engine.Sim.Market;

/// <summary>
/// The simulated market's tick tape: one thread steps the instruments round-robin at the
/// configured rate and appends every tick to a ring that never waits for readers. Connections
/// read the tape from their own position; one that falls a whole tape behind is told it lapped.
/// Tick n of the tape is a pure function of the seed, the instruments, the rate and the start time.
/// </summary>
public sealed class MarketTape : IDisposable
{
    private readonly RingBuffer<Tick> _tape;
    private readonly InstrumentModel[] _models;
    private readonly double _ticksPerSecond;
    private readonly double _marketSpeed;
    private readonly long _startUnixSeconds;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private long _generated;

    /// <summary>
    /// Creates the tape over <paramref name="models"/>; call <see cref="Start"/> to run the market.
    /// <paramref name="ticksPerSecond"/> is per instrument per wall second; tick timestamps advance
    /// <paramref name="marketSpeed"/> market seconds per wall second.
    /// </summary>
    public MarketTape(IReadOnlyList<InstrumentModel> models, double ticksPerSecond, DateTimeOffset start, int capacity, double marketSpeed = 1)
    {
        if (models.Count == 0)
        {
            throw new ArgumentException("The simulator needs at least one instrument.", nameof(models));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        _models = [.. models];
        _ticksPerSecond = ticksPerSecond;
        _marketSpeed = marketSpeed;
        _startUnixSeconds = start.ToUnixTimeSeconds();

        // No gating sequences: the market never waits for a slow connection.
        _tape = new RingBuffer<Tick>(capacity, new YieldingWaitStrategy());
        _thread = new Thread(Run) { IsBackground = true, Name = "sim-market" };
        var index = new Dictionary<uint, int>();
        for (int i = 0; i < _models.Length; i++)
        {
            index[_models[i].Instrument.InstrumentToken] = i;
        }

        Index = index;
    }

    /// <summary>Token to instrument index.</summary>
    public IReadOnlyDictionary<uint, int> Index { get; }

    /// <summary>The instruments, by index.</summary>
    public IReadOnlyList<InstrumentModel> Models => _models;

    /// <summary>Slots in the tape.</summary>
    public int Capacity => _tape.BufferSize;

    /// <summary>The last tick appended.</summary>
    public long Cursor => _tape.Cursor;

    /// <summary>Ticks generated so far.</summary>
    public long Generated => Volatile.Read(ref _generated);

    /// <summary>Starts the market thread.</summary>
    public void Start() => _thread.Start();

    /// <summary>Sees every tick as it is made (the exchange); set before <see cref="Start"/>.</summary>
    public ITickObserver? Observer { get; set; }

    /// <summary>
    /// Copies tick <paramref name="sequence"/> into <paramref name="tick"/>; false if the market has
    /// already overwritten it (the reader lapped).
    /// </summary>
    public bool TryRead(long sequence, out Tick tick)
    {
        tick = _tape[sequence];

        // The slot may be rewritten while we copy it once the writer is within one lap; a margin
        // of slots keeps the check conservative without a lock.
        return Cursor - sequence < Capacity - 1024;
    }

    /// <summary>Generates ticks synchronously without the clock (for tests and benchmarks).</summary>
    public void GenerateNow(long count)
    {
        for (long i = 0; i < count; i++)
        {
            Append();
        }
    }

    private void Run()
    {
        var clock = Stopwatch.StartNew();
        double rate = _ticksPerSecond * _models.Length;
        while (!_stop.IsCancellationRequested)
        {
            long due = (long)(clock.Elapsed.TotalSeconds * rate);
            long budget = 65_536;
            while (Volatile.Read(ref _generated) < due && budget-- > 0)
            {
                Append();
            }

            if (Volatile.Read(ref _generated) >= due)
            {
                Thread.Sleep(1);
            }
        }
    }

    private void Append()
    {
        long n = _generated;
        int instrument = (int)(n % _models.Length);
        long k = n / _models.Length;
        long sequence = _tape.Next();
        _models[instrument].Step(_startUnixSeconds + (long)(k / _ticksPerSecond * _marketSpeed), ref _tape[sequence]);
        _tape.Publish(sequence);
        Observer?.OnTick(in _tape[sequence]);
        Volatile.Write(ref _generated, n + 1);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _stop.Dispose();
    }
}
