namespace Engine.Bench.Workloads;

/// <summary>What a benchmark report says about the machine it ran on.</summary>
public static class MachineInfo
{
    /// <summary>The CPU model from <c>/proc/cpuinfo</c>, or the architecture where that is unavailable.</summary>
    public static string CpuModel
    {
        get
        {
            try
            {
                if (File.Exists("/proc/cpuinfo"))
                {
                    foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    {
                        if (line.StartsWith("model name", StringComparison.Ordinal))
                        {
                            return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                        }
                    }
                }
            }
            catch (IOException)
            {
                // Fall through to the architecture name.
            }

            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
