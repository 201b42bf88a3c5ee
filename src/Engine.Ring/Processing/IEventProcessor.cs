namespace Engine.Ring;

/// <summary>A consumer loop: runs on its own thread, reads events through a barrier and publishes its progress in <see cref="Sequence"/>.</summary>
public interface IEventProcessor
{
    /// <summary>The consumer's name.</summary>
    string Name { get; }

    /// <summary>The last sequence this consumer finished; later consumers and the producer gate on it.</summary>
    Sequence Sequence { get; }

    /// <summary>True while <see cref="Run"/> is processing.</summary>
    bool IsRunning { get; }

    /// <summary>The exception that halted the consumer, if one did.</summary>
    Exception? Fault { get; }

    /// <summary>Processes events until halted. Call on the thread that should own the consumer.</summary>
    void Run();

    /// <summary>Asks the consumer to stop after the event in hand; <see cref="Run"/> returns soon after.</summary>
    void Halt();

    /// <summary>
    /// Asks the consumer to note its thread's allocated bytes after its next batch (read them in
    /// <see cref="AllocationSample"/>). Only the thread itself can read its count, and asking costs
    /// the loop one read of a flag per batch.
    /// </summary>
    void RequestAllocationSample();

    /// <summary>The consumer thread's allocated bytes at its last sample (-1: none yet), and how many samples it has taken.</summary>
    (long AllocatedBytes, long Samples) AllocationSample { get; }

    /// <summary>Raised on the consumer's thread when an exception halts it.</summary>
    event Action<IEventProcessor, Exception>? Faulted;
}
