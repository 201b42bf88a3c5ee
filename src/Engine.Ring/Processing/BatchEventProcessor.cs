using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// The consumer loop of the LMAX design: wait once for the highest available sequence, hand every
/// event up to it to the handler with <c>endOfBatch</c> on the last, then publish progress once
/// for the whole batch.
/// </summary>
/// <remarks>
/// Generic over the handler's type so that a struct handler (or the struct proxy
/// <see cref="BatchEventProcessors.Create"/> builds around a sealed class) is called directly and
/// can be inlined into the loop: the JIT compiles one copy of the loop per struct type. With
/// <typeparamref name="THandler"/> = <see cref="IEventHandler{T}"/> it is the plain interface call.
/// </remarks>
/// <typeparam name="T">The ring slot type.</typeparam>
/// <typeparam name="THandler">The handler's type; a struct for the specialised loop.</typeparam>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor
    where T : struct
    where THandler : IEventHandler<T>
{
    private const int Idle = 0;
    private const int Halted = 1;
    private const int Running = 2;

    private readonly RingBuffer<T> _ringBuffer;
    private readonly SequenceBarrier _barrier;
    // Not readonly: a struct handler keeps its state in this field, and a readonly field would
    // make every call work on a defensive copy.
    private THandler _handler;
    private readonly IExceptionHandler<T> _exceptionHandler;
    private readonly IWaitStrategy _waitStrategy;
    private readonly bool _signalProgress;
    private int _runState = Idle;
    private volatile Exception? _fault;
    private volatile bool _allocationSampleRequested;
    private long _allocatedBytes = -1;
    private long _allocationSamples;

    /// <summary>Creates a consumer of <paramref name="ringBuffer"/> that waits on <paramref name="barrier"/> and calls <paramref name="handler"/>.</summary>
    public BatchEventProcessor(RingBuffer<T> ringBuffer, SequenceBarrier barrier, THandler handler, IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentNullException.ThrowIfNull(ringBuffer);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        _ringBuffer = ringBuffer;
        _barrier = barrier;
        _handler = handler;
        Name = handler.Name;
        _exceptionHandler = exceptionHandler ?? new HaltOnExceptionHandler<T>(Name);
        _waitStrategy = ringBuffer.WaitStrategy;

        // Only a blocking strategy parks consumers; a consumer that follows this one may be parked
        // waiting for our progress, so we signal after each batch.
        _signalProgress = _waitStrategy.IsBlockingStrategy;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Sequence Sequence { get; } = new();

    /// <inheritdoc/>
    public bool IsRunning => Volatile.Read(ref _runState) == Running;

    /// <inheritdoc/>
    public Exception? Fault => _fault;

    /// <inheritdoc/>
    public event Action<IEventProcessor, Exception>? Faulted;

    /// <inheritdoc/>
    public void RequestAllocationSample() => _allocationSampleRequested = true;

    /// <inheritdoc/>
    public (long AllocatedBytes, long Samples) AllocationSample
    {
        get
        {
            // The bytes are written before the count: a reader that sees n samples reads the n-th value or a later one.
            long samples = Volatile.Read(ref _allocationSamples);
            return (Volatile.Read(ref _allocatedBytes), samples);
        }
    }

    /// <inheritdoc/>
    public void Halt()
    {
        Volatile.Write(ref _runState, Halted);
        _barrier.Alert();
    }

    /// <inheritdoc/>
    public void Run()
    {
        int previous = Interlocked.CompareExchange(ref _runState, Running, Idle);
        if (previous == Running)
        {
            throw new InvalidOperationException($"Consumer '{Name}' is already running.");
        }

        if (previous == Halted)
        {
            // Halted before it ever ran: honour the lifecycle, process nothing.
            NotifyStart();
            NotifyShutdown();
            Volatile.Write(ref _runState, Idle);
            return;
        }

        _barrier.ClearAlert();
        NotifyStart();
        try
        {
            if (Volatile.Read(ref _runState) == Running)
            {
                ProcessEvents();
            }
        }
        catch (Exception ex)
        {
            _fault = ex;
            Faulted?.Invoke(this, ex);
        }
        finally
        {
            NotifyShutdown();
            Volatile.Write(ref _runState, Idle);
        }
    }

    // Compiled at full optimisation from the first call: the loop runs for the whole life of the
    // consumer, so it would otherwise spend its first events in unoptimised or on-stack-replaced code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessEvents()
    {
        long nextSequence = Sequence.Value + 1;
        while (true)
        {
            try
            {
                var waitResult = _barrier.WaitFor(nextSequence);
                if (waitResult.IsTimeout)
                {
                    _handler.OnTimeout(Sequence.Value);
                    continue;
                }

                long availableSequence = waitResult.Value;
                if (availableSequence >= nextSequence)
                {
                    _handler.OnBatchStart(availableSequence - nextSequence + 1);
                    while (nextSequence <= availableSequence)
                    {
                        _handler.OnEvent(ref _ringBuffer[nextSequence], nextSequence, nextSequence == availableSequence);
                        nextSequence++;
                    }

                    Sequence.SetValue(availableSequence);
                    if (_signalProgress)
                    {
                        _waitStrategy.SignalAllWhenBlocking();
                    }

                    if (_allocationSampleRequested)
                    {
                        SampleAllocation();
                    }
                }
            }
            catch (AlertException)
            {
                if (Volatile.Read(ref _runState) != Running)
                {
                    break;
                }
            }
            catch (Exception ex)
            {
                // Everything before the failed event is finished; say so before the policy decides,
                // so a halted consumer still reports exactly how far it got.
                Sequence.SetValue(nextSequence - 1);

                // The policy decides: return to skip the event, throw to halt this consumer.
                _exceptionHandler.HandleEventException(ex, nextSequence, ref _ringBuffer[nextSequence]);
                Sequence.SetValue(nextSequence);
                nextSequence++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SampleAllocation()
    {
        _allocationSampleRequested = false;
        Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        Interlocked.Increment(ref _allocationSamples);
    }

    private void NotifyStart()
    {
        try
        {
            _handler.OnStart();
        }
        catch (Exception ex)
        {
            _exceptionHandler.HandleOnStartException(ex);
        }
    }

    private void NotifyShutdown()
    {
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception ex)
        {
            _exceptionHandler.HandleOnShutdownException(ex);
        }
    }
}
