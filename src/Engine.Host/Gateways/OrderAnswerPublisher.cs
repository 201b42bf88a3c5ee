using Engine.Core.Events;
using Engine.Core.Inputs;
using Engine.Core.Orders;
using Engine.Core.Time;
using Engine.Kite.Ticker;

namespace Engine.Host.Gateways;

/// <summary>
/// Brings a gateway's answers into the ring through the input door: replies to requests with
/// their body as received, and order updates (from a poll of the order book, or the paper
/// broker's) as Kite's order JSON, parsed exactly as a replay will parse it again. Answers carry
/// connection 255 (not a ticker connection). Allocation-free once each slot's text buffer is big enough.
/// </summary>
public sealed class OrderAnswerPublisher(InputPublisher inputs)
{
    /// <summary>The connection number answers from REST and the paper broker carry.</summary>
    public const byte RestConnection = 255;

    /// <summary>Publishes a reply received at <paramref name="receiveTimestampNs"/> (0: now); returns its input sequence.</summary>
    public long Reply(in OrderReply reply, ReadOnlySpan<byte> body, long receiveTimestampNs = 0)
    {
        var claim = inputs.Claim(EventKind.OrderReply, receiveTimestampNs != 0 ? receiveTimestampNs : UnixTime.NowNanoseconds());
        claim.Slot.Connection = RestConnection;
        claim.Slot.Reply = reply;
        claim.Slot.SetText(body);
        return claim.Publish();
    }

    /// <summary>Publishes an order update (<c>{"type":"order","data":{…}}</c> or the order object) received at <paramref name="receiveTimestampNs"/> (0: now); returns its input sequence.</summary>
    public long Update(ReadOnlySpan<byte> utf8, long receiveTimestampNs = 0)
    {
        var claim = inputs.Claim(EventKind.OrderUpdate, receiveTimestampNs != 0 ? receiveTimestampNs : UnixTime.NowNanoseconds());
        ref var slot = ref claim.Slot;
        slot.Connection = RestConnection;
        slot.SetText(utf8);
        if (!OrderUpdateParser.TryParse(utf8, out slot.Order))
        {
            slot.Kind = EventKind.BrokerText;
            slot.Order = default;
        }

        return claim.Publish();
    }
}
