using System.Diagnostics;
using System.IO.Enumeration;
using BatchApi.Simulator.Workloads;
using BatchExporter.Benchmarks.Infrastructure;
using BatchExporter.Metrics;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// Where the base cost of a scrape goes (10 batches with series, only the OpenTelemetry part of any size): the HTTP
/// floor over loopback (<c>/healthz</c>), <c>/metrics</c>, and each <c>process_*</c> read on its own, with the ways
/// .NET offers to read them, as wall time, CPU time and bytes allocated per call.
/// </summary>
internal static class ScrapePartsDriver
{
    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    public static async Task RunAsync(int runs)
    {
        await using var exporter = await LoopbackExporter.StartAsync((workspace, time) =>
        {
            Scenarios.SeedHistory(workspace, 100, TimeSpan.FromDays(6), seed: 3);
            time.Advance(TimeSpan.FromHours(2));
            Scenarios.SeedInProgress(workspace, 10, TimeSpan.FromHours(20), seed: 3);
        });
        Console.WriteLine($"open descriptors: {ProcessStats.OpenFds()}");
        Console.WriteLine("| part | wall ms (median) | CPU ms (mean) | allocated |");
        Console.WriteLine("|---|---:|---:|---:|");
        await MeasureAsync("GET /healthz (HTTP floor)", () => exporter.Http.GetByteArrayAsync("/healthz"), runs);
        await MeasureAsync("GET /metrics", () => exporter.Http.GetByteArrayAsync("/metrics"), runs);
        Measure("ProcessStats.ResidentBytes (/proc/self/statm)", ProcessStats.ResidentBytes, runs);
        Measure("Process.WorkingSet64 (/proc/self/status)", () => { using var p = Process.GetCurrentProcess(); return p.WorkingSet64; }, runs);
        Measure("ProcessStats.OpenFds (list /proc/self/fdinfo)", () => ProcessStats.OpenFds() ?? 0, runs);
        Measure("list /proc/self/fd", () => new FileSystemEnumerable<bool>("/proc/self/fd", static (ref FileSystemEntry _) => true, Options).Count(), runs);
        Measure("ProcessStats.MaxFds (/proc/self/limits)", () => ProcessStats.MaxFds() ?? 0, runs);
        Measure("ProcessStats.CpuSeconds", ProcessStats.CpuSeconds, runs);
    }

    private static async Task MeasureAsync(string name, Func<Task<byte[]>> run, int runs)
    {
        for (var i = 0; i < 20; i++)
        {
            await run();
        }

        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Print(name, times, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, runs);
    }

    private static void Measure(string name, Func<double> run, int runs)
    {
        for (var i = 0; i < 20; i++)
        {
            run();
        }

        var times = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Print(name, times, Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - allocated, runs);
    }

    private static void Print(string name, List<double> times, TimeSpan cpu, long allocated, int runs)
    {
        times.Sort();
        Console.WriteLine($"| {name} | {times[times.Count / 2]:0.000} | {cpu.TotalMilliseconds / runs:0.000} | {allocated / runs:N0} B |");
    }
}
