using Engine.Core.Orders;

namespace Engine.Core.Strategies;

/// <summary>A strategy's wish to buy or sell, written into the ring slot for the risk gate to judge. Not an order.</summary>
public struct SignalIntent
{
    /// <summary>The instrument.</summary>
    public uint InstrumentToken;

    /// <summary>Buy or sell.</summary>
    public Side Side;

    /// <summary>The strategy instance's index in the configuration.</summary>
    public byte StrategyIndex;

    /// <summary>The strategy's reason code (its text is in <see cref="StrategyContext.ReasonText"/>).</summary>
    public ushort Reason;

    /// <summary>Conviction, 0 to 1.</summary>
    public double Strength;

    /// <summary>The price the decision was made at, in wire units.</summary>
    public long Price;

    /// <summary>A suggested protective stop, in wire units; 0 for none.</summary>
    public long Stop;

    /// <summary>True when this intent closes a position the strategy holds rather than opening one.</summary>
    public bool IsExit;

    /// <summary>A quantity (shares) the intent asks for, which the gate rounds down to lots and caps like any other; 0: the configured sizer decides. An int, so the intent stays 40 bytes.</summary>
    public int Quantity;

    /// <summary>The <see cref="StrategyIndex"/> of an operator's order (<see cref="Events.CommandKind.Order"/>), such as a rebalance's.</summary>
    public const byte OperatorIndex = byte.MaxValue;
}
