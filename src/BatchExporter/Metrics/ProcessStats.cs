using System.Buffers.Text;
using System.Diagnostics;
using System.IO.Enumeration;

namespace BatchExporter.Metrics;

/// <summary>
/// The standard <c>process_*</c> values, read at scrape time (the file descriptor counts where Linux has them).
/// </summary>
/// <remarks>
/// On Linux each value is one small read of <c>/proc/self</c> into a stack buffer. Measured with
/// <c>dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll scenario scrape-parts</c>
/// (253 open descriptors in that process): counting <c>/proc/self/fd</c> took 3.4–4.4 ms of CPU per scrape, because
/// .NET stats the target of each symbolic link it lists, and <c>/proc/self/fdinfo</c> (regular files, the same count)
/// 0.16 ms; <c>Process.WorkingSet64</c> (which parses all of <c>/proc/self/status</c>) 0.55 ms and 28 KB, and
/// <c>/proc/self/statm</c> 0.01 ms and 64 B. Together they were most of the 3.6 ms median of a scrape with 10 series.
/// </remarks>
internal static class ProcessStats
{
    private static readonly EnumerationOptions FdOptions = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    public static double StartTimeSeconds { get; } = BatchFamilies.Seconds(new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()));

    /// <summary>Resident set size: the second field of <c>/proc/self/statm</c> (pages), as <c>VmRSS</c>; elsewhere the working set.</summary>
    public static double ResidentBytes()
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> statm = stackalloc byte[256];
            var read = ReadProc("/proc/self/statm", statm);
            if (read > 0)
            {
                var fields = statm[..read];
                var space = fields.IndexOf((byte)' ');
                long pages = 0; // assigned up front so that no mutant of the condition leaves it unassigned (scripts/mutation.sh)
                if (space > 0 && Utf8Parser.TryParse(fields[(space + 1)..], out pages, out _))
                {
                    return (double)pages * Environment.SystemPageSize;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public static double CpuSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;

    /// <summary>
    /// The entries of <c>/proc/self/fdinfo</c>: one per open descriptor, as in <c>/proc/self/fd</c>, but regular files,
    /// so listing them stats nothing.
    /// </summary>
    public static double? OpenFds()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fdinfo"))
        {
            return null;
        }

        var count = 0;
        foreach (var _ in new FileSystemEnumerable<bool>("/proc/self/fdinfo", static (ref FileSystemEntry _) => true, FdOptions))
        {
            count++;
        }

        return count;
    }

    /// <summary>The soft limit of "Max open files" in <c>/proc/self/limits</c>.</summary>
    public static double? MaxFds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> limits = stackalloc byte[4096];
        var read = ReadProc("/proc/self/limits", limits);
        var line = limits[..Math.Max(read, 0)];
        var at = line.IndexOf("\nMax open files"u8);
        if (at < 0)
        {
            return null;
        }

        var soft = line[(at + "\nMax open files"u8.Length)..].TrimStart((byte)' ');
        return Utf8Parser.TryParse(soft, out long n, out _) ? n : null; // "unlimited" yields no sample
    }

    /// <summary>Reads a small /proc file into <paramref name="buffer"/>; -1 when it cannot be read.</summary>
    private static int ReadProc(string path, Span<byte> buffer)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            var total = 0;
            while (total < buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer[total..], total);
                if (n <= 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
