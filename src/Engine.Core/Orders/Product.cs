namespace Engine.Core.Orders;

/// <summary>Kite's product.</summary>
public enum Product : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>MIS: intraday, squared off by the broker.</summary>
    Mis = 1,

    /// <summary>CNC: equity delivery.</summary>
    Cnc = 2,

    /// <summary>NRML: derivatives carried overnight.</summary>
    Nrml = 3,
}
