using Engine.Core.Orders;

namespace Engine.Kite.Rest;

/// <summary>Kite's <c>error_type</c> names (PROTOCOL.md §2.8); an unknown name is a general error.</summary>
public static class KiteErrorTypes
{
    /// <summary>The error type for Kite's name.</summary>
    public static BrokerError Parse(string? name) => name switch
    {
        "TokenException" => BrokerError.Token,
        "UserException" => BrokerError.User,
        "PermissionException" => BrokerError.Permission,
        "InputException" => BrokerError.Input,
        "OrderException" => BrokerError.Order,
        "MarginException" => BrokerError.Margin,
        "HoldingException" => BrokerError.Holding,
        "NetworkException" => BrokerError.Network,
        "DataException" => BrokerError.Data,
        _ => BrokerError.General,
    };

    /// <summary>Kite's name for an error type.</summary>
    public static string Name(BrokerError type) => type switch
    {
        BrokerError.Token => "TokenException",
        BrokerError.User => "UserException",
        BrokerError.Permission => "PermissionException",
        BrokerError.Input => "InputException",
        BrokerError.Order => "OrderException",
        BrokerError.Margin => "MarginException",
        BrokerError.Holding => "HoldingException",
        BrokerError.Network => "NetworkException",
        BrokerError.Data => "DataException",
        BrokerError.RateLimit => "TooManyRequests",
        BrokerError.Timeout => "Timeout",
        BrokerError.None => "None",
        _ => "GeneralException",
    };
}
