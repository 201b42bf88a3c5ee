namespace Engine.Core.Orders;

/// <summary>What an order request asks the broker to do.</summary>
public enum OrderAction : byte
{
    /// <summary>Not set; a record written before actions existed means <see cref="Place"/>.</summary>
    None = 0,

    /// <summary>Place a new order.</summary>
    Place = 1,

    /// <summary>Change a working order's quantity, price, trigger or type.</summary>
    Modify = 2,

    /// <summary>Cancel a working order.</summary>
    Cancel = 3,
}
