using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BatchExporter.Metrics;

namespace BatchExporter.Tests.Metrics;

/// <summary>
/// The <c>process_*</c> values, checked against what the operating system says about this (the test) process: the
/// contract tests only check that the families exist with their types.
/// </summary>
public sealed partial class ProcessStatsTests
{
    [Fact]
    public void MaxFds_OnLinux_IsTheSoftLimitOfMaxOpenFiles()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(ProcessStats.MaxFds()); // no /proc/self/limits: no sample, never a fake value
            return;
        }

        var line = File.ReadLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = MaxOpenFiles().Match(line).Groups["soft"].Value;

        Assert.Equal(soft == "unlimited" ? null : double.Parse(soft, CultureInfo.InvariantCulture), ProcessStats.MaxFds());
    }

    [Fact]
    public void OpenFds_OnLinux_CountsTheEntriesOfProcSelfFd()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(ProcessStats.OpenFds());
            return;
        }

        using var held = File.OpenRead(typeof(ProcessStatsTests).Assembly.Location); // at least one descriptor of our own

        var open = ProcessStats.OpenFds();

        var listed = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        Assert.NotNull(open);
        Assert.InRange(open.Value, 4, ProcessStats.MaxFds() ?? double.MaxValue); // stdin, stdout, stderr and the file above
        Assert.InRange(open.Value, listed / 2, listed * 2); // the same descriptors, give or take those other tests open meanwhile
    }

    [Fact]
    public void StartTimeSeconds_IsTheProcessStartAsUnixSeconds()
    {
        var start = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime());

        Assert.Equal(start.ToUnixTimeMilliseconds() / 1000.0, ProcessStats.StartTimeSeconds, precision: 3);
    }

    [Fact]
    public void ResidentBytesAndCpuSeconds_ArePositive()
    {
        Assert.True(ProcessStats.ResidentBytes() > 1 << 20, "a .NET process has more than 1 MiB resident");
        Assert.True(ProcessStats.CpuSeconds() > 0);
    }

    [GeneratedRegex(@"^Max open files\s+(?<soft>\S+)\s+(?<hard>\S+)")]
    private static partial Regex MaxOpenFiles();
}
