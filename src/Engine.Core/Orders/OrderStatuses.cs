using System.Text;

namespace Engine.Core.Orders;

/// <summary>Kite's status strings and what they mean.</summary>
public static class OrderStatuses
{
    private static readonly (OrderStatus Status, byte[] Text)[] s_names =
    [
        (OrderStatus.PutOrderRequestReceived, "PUT ORDER REQ RECEIVED"u8.ToArray()),
        (OrderStatus.AmoRequestReceived, "AMO REQ RECEIVED"u8.ToArray()),
        (OrderStatus.ValidationPending, "VALIDATION PENDING"u8.ToArray()),
        (OrderStatus.OpenPending, "OPEN PENDING"u8.ToArray()),
        (OrderStatus.Open, "OPEN"u8.ToArray()),
        (OrderStatus.TriggerPending, "TRIGGER PENDING"u8.ToArray()),
        (OrderStatus.ModifyValidationPending, "MODIFY VALIDATION PENDING"u8.ToArray()),
        (OrderStatus.ModifyPending, "MODIFY PENDING"u8.ToArray()),
        (OrderStatus.Modified, "MODIFIED"u8.ToArray()),
        (OrderStatus.CancelPending, "CANCEL PENDING"u8.ToArray()),
        (OrderStatus.Complete, "COMPLETE"u8.ToArray()),
        (OrderStatus.Cancelled, "CANCELLED"u8.ToArray()),
        (OrderStatus.Rejected, "REJECTED"u8.ToArray()),
        (OrderStatus.Update, "UPDATE"u8.ToArray()),
    ];

    /// <summary>Reads a status from its UTF-8 text without allocating; unknown text gives <see cref="OrderStatus.Unknown"/>.</summary>
    public static OrderStatus Parse(ReadOnlySpan<byte> utf8)
    {
        foreach (var (status, text) in s_names)
        {
            if (utf8.SequenceEqual(text))
            {
                return status;
            }
        }

        return OrderStatus.Unknown;
    }

    /// <summary>Kite's text for a status.</summary>
    public static string ToKite(OrderStatus status)
    {
        foreach (var (s, text) in s_names)
        {
            if (s == status)
            {
                return Encoding.ASCII.GetString(text);
            }
        }

        return "UNKNOWN";
    }

    /// <summary>True for COMPLETE, CANCELLED and REJECTED: nothing more will happen to the order.</summary>
    public static bool IsTerminal(OrderStatus status) => status is OrderStatus.Complete or OrderStatus.Cancelled or OrderStatus.Rejected;
}
