using System.Runtime.CompilerServices;

namespace Engine.Core.Indicators.Kernels;

/// <summary>Division that yields a defined value instead of NaN or infinity when the denominator is zero (flat or zero prices).</summary>
public static class Ratio
{
    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, or <paramref name="fallback"/> when that is not a finite number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double numerator, double denominator, double fallback = 0)
    {
        if (denominator == 0)
        {
            return fallback;
        }

        double result = numerator / denominator;
        return double.IsFinite(result) ? result : fallback;
    }
}
