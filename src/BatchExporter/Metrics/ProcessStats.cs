using System.Diagnostics;
using System.Globalization;

namespace BatchExporter.Metrics;

/// <summary>The standard <c>process_*</c> values, read at scrape time (the file descriptor counts where Linux has them).</summary>
internal static class ProcessStats
{
    public static double StartTimeSeconds { get; } = BatchFamilies.Seconds(new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()));

    public static double ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static double CpuSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;

    public static double? OpenFds() =>
        OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd") ? Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() : null;

    /// <summary>The soft limit of "Max open files" in <c>/proc/self/limits</c>.</summary>
    public static double? MaxFds()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/limits"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var soft = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return double.TryParse(soft, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
            }
        }

        return null;
    }
}
