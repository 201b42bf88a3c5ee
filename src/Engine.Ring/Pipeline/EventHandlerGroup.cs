namespace Engine.Ring;

/// <summary>
/// A set of consumers in a pipeline, used to say what runs after them:
/// <c>pipeline.HandleEventsWith(journal, indicators).Then(router)</c>.
/// </summary>
public sealed class EventHandlerGroup<T>
    where T : struct
{
    private readonly RingPipeline<T> _pipeline;
    private readonly Sequence[] _sequences;

    internal EventHandlerGroup(RingPipeline<T> pipeline, Sequence[] sequences, IReadOnlyList<string> names)
    {
        _pipeline = pipeline;
        _sequences = sequences;
        Names = names;
    }

    /// <summary>The consumers in this group.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Adds consumers that see each event only after every consumer of this group finished it;
    /// each handler gets its own thread (fuse them with <see cref="FusedEventHandler{T}"/> to share one).
    /// </summary>
    public EventHandlerGroup<T> Then(params IEventHandler<T>[] handlers) => _pipeline.AddConsumers(_sequences, Names, handlers);

    /// <summary>Same as <see cref="Then"/>, in the Disruptor's words.</summary>
    public EventHandlerGroup<T> HandleEventsWith(params IEventHandler<T>[] handlers) => Then(handlers);

    /// <summary>This group and <paramref name="other"/> together, to gate later consumers on both.</summary>
    public EventHandlerGroup<T> And(EventHandlerGroup<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new EventHandlerGroup<T>(_pipeline, [.. _sequences, .. other._sequences], [.. Names, .. other.Names]);
    }

    /// <summary>A barrier over this group, for a consumer that is wired by hand.</summary>
    public SequenceBarrier AsSequenceBarrier() => _pipeline.RingBuffer.NewBarrier(_sequences);
}
