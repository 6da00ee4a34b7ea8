using System.Diagnostics;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Benchmarks.Infrastructure;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// API economy: list calls per steady-state sync with N batches in the 7-day window, 300 of them created in the
/// last day (all 300 still running: the worst case for incremental sync) and new ones arriving at 300 a day. Ours
/// (incremental) against re-listing the window every sync (the same exporter with FullResyncInterval = PollInterval).
/// Real exporter host and simulator over loopback, simulated time.
/// </summary>
internal static class EconomyDriver
{
    private const int PerDay = 300;

    public static async Task RunAsync(IReadOnlyList<int> sizes, int syncs)
    {
        Console.WriteLine($"| batches in window | first sync (calls) | ours: calls per sync (mean over {syncs}) | re-listing: calls per sync (mean over {syncs}) | ratio | ours: ms per sync (median) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            var ours = await MeasureAsync(n, syncs, relist: false);
            var relist = await MeasureAsync(n, syncs, relist: true);
            Console.WriteLine($"| {n:N0} | {ours.FirstCalls} | {ours.CallsPerSync:0.##} | {relist.CallsPerSync:0.##} | {relist.CallsPerSync / ours.CallsPerSync:0}× | {ours.MedianMs:0.#} |");
        }
    }

    private static async Task<(int FirstCalls, double CallsPerSync, double MedianMs)> MeasureAsync(int n, int syncs, bool relist)
    {
        var settings = relist ? new Dictionary<string, string?> { ["Exporter:FullResyncInterval"] = LoopbackExporter.PollInterval.ToString() } : null;
        await using var exporter = await LoopbackExporter.StartAsync(
            (workspace, time) =>
            {
                Scenarios.SeedHistory(workspace, n - PerDay, TimeSpan.FromDays(6), seed: 3);
                time.Advance(TimeSpan.FromDays(1));
                Scenarios.SeedInProgress(workspace, PerDay, TimeSpan.FromHours(23), seed: 3);
            },
            settings);
        var firstCalls = exporter.Simulator.Log.Count("list");
        var random = new Random(5);
        var every = TimeSpan.FromDays(1) / PerDay;
        var nextArrival = exporter.Time.GetUtcNow() + every;
        var durations = new List<double>();
        var before = firstCalls;
        for (var i = 0; i < syncs; i++)
        {
            while (nextArrival <= exporter.Time.GetUtcNow() + LoopbackExporter.PollInterval)
            {
                exporter.Workspace.CreateBatch(random.Next(1, 5000), new BatchPlan(TimeSpan.FromMinutes(random.Next(60, 180)), ErroredFraction: 0.01));
                nextArrival += every;
            }

            var started = Stopwatch.GetTimestamp();
            await exporter.SyncAsync();
            durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var calls = exporter.Simulator.Log.Count("list") - before;
        durations.Sort();
        return (firstCalls, (double)calls / syncs, durations[durations.Count / 2]);
    }
}
