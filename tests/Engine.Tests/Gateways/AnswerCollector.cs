using System.Collections.Concurrent;
using Engine.Core.Events;
using Engine.Core.Orders;
using Engine.Ring;

namespace Engine.Tests.Gateways;

/// <summary>A ring consumer that keeps what a gateway brought back: every reply with its body, the last word on each order, and the order updates.</summary>
internal sealed class AnswerCollector : IEventHandler<RingEvent>
{
    public ConcurrentQueue<(OrderReply Reply, string Body)> Replies { get; } = new();

    public ConcurrentDictionary<ulong, (OrderReply Reply, string Body)> Final { get; } = new();

    public ConcurrentQueue<RingEvent> Updates { get; } = new();

    public ConcurrentQueue<string> UpdateBodies { get; } = new();

    public string Name => "collect";

    public void OnEvent(ref RingEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind == EventKind.OrderReply)
        {
            var entry = (data.Reply, System.Text.Encoding.UTF8.GetString(data.TextBytes));
            Replies.Enqueue(entry);
            if (data.Reply.Outcome is not (ReplyOutcome.NoAnswer or ReplyOutcome.Absent))
            {
                Final[data.Reply.ClientOrderId] = entry;
            }
        }
        else if (data.Kind == EventKind.OrderUpdate)
        {
            UpdateBodies.Enqueue(System.Text.Encoding.UTF8.GetString(data.TextBytes));
            var copy = data;
            copy.TextBuffer = 0;
            copy.TextLength = 0;
            Updates.Enqueue(copy);
        }
    }
}
