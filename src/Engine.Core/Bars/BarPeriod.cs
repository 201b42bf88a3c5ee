namespace Engine.Core.Bars;

/// <summary>The bar lengths the engine builds, in minutes; <see cref="Day"/> is the whole session.</summary>
public enum BarPeriod
{
    /// <summary>1 minute.</summary>
    OneMinute = 1,

    /// <summary>3 minutes.</summary>
    ThreeMinutes = 3,

    /// <summary>5 minutes.</summary>
    FiveMinutes = 5,

    /// <summary>15 minutes.</summary>
    FifteenMinutes = 15,

    /// <summary>30 minutes.</summary>
    ThirtyMinutes = 30,

    /// <summary>60 minutes (the last bar of the day is cut short by the close).</summary>
    SixtyMinutes = 60,

    /// <summary>The whole session.</summary>
    Day = 1440,
}
