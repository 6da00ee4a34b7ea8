using System.Diagnostics;
using System.Globalization;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Benchmarks.Infrastructure;

namespace BatchExporter.Benchmarks.Drivers;

/// <summary>
/// API economy of a steady (incremental) sync: list calls and bytes per sync with N batches in the 7-day window of
/// which R are running, in a steady state (new batches arrive at a constant rate and each runs about as long as it
/// takes for R to be running at any time), against the floor (the running batches and the new ones, times the bytes
/// of one batch in a list page) and against the sync before page sizing (pages of 1,000 down to the same boundary,
/// requested from the same simulator state at the end of the run). Real exporter host and simulator over loopback,
/// simulated time; calls and bytes come from the simulator's request log, so they are exact.
/// Optionally, the calls of re-listing the whole window every sync (the same exporter with FullResyncInterval = PollInterval).
/// </summary>
internal static class EconomyDriver
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromHours(20);

    public static async Task RunAsync(IReadOnlyList<int> sizes, int syncs, IReadOnlyList<int> running, bool relist)
    {
        Console.WriteLine($"| batches in window | running | new per sync | calls per sync | bytes per sync | floor (running + new) × bytes per batch | × floor | before: calls, bytes per sync | × less than before | ms per sync (median of {syncs}) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in sizes)
        {
            foreach (var r in running)
            {
                if (r * 2 > n)
                {
                    Console.WriteLine($"| {n:N0} | {r:N0} | | | | | | | | n/a: the window cannot hold them |");
                    continue;
                }

                var m = await MeasureAsync(n, r, syncs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {n:N0} | {m.Running:N0} | {m.NewPerSync:0.##} | {m.CallsPerSync:0.##} | {m.BytesPerSync:N0} | {m.FloorPerSync:N0} | {m.BytesPerSync / m.FloorPerSync:0.0}× | {m.BeforeCalls}, {m.BeforeBytes:N0} | {m.BeforeBytes / m.BytesPerSync:0}× | {m.MedianMs:0.#} |"));
            }
        }

        if (relist)
        {
            Console.WriteLine();
            Console.WriteLine($"| batches in window | ours: calls per sync | re-listing: calls per sync | fewer calls |");
            Console.WriteLine("|---:|---:|---:|---:|");
            foreach (var n in sizes)
            {
                var ours = await MeasureAsync(n, Math.Min(300, n / 2), syncs);
                var again = await RelistCallsAsync(n, Math.Min(300, n / 2), syncs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {ours.CallsPerSync:0.##} | {again:0.##} | {again / ours.CallsPerSync:0}× |"));
            }
        }
    }

    private sealed record Measurement(double Running, double NewPerSync, double CallsPerSync, double BytesPerSync, double FloorPerSync, int BeforeCalls, double BeforeBytes, double MedianMs);

    /// <summary>New batches per day and how long each runs, so that about <paramref name="running"/> run at any time.</summary>
    private static (double PerDay, TimeSpan Duration) Workload(int running)
    {
        var perDay = Math.Max(300, running * (TimeSpan.FromDays(1) / MaxDuration));
        return (perDay, TimeSpan.FromDays(running / perDay));
    }

    private static Task<LoopbackExporter> StartAsync(int n, int running, IReadOnlyDictionary<string, string?>? settings)
    {
        var (perDay, duration) = Workload(running);
        var warmUp = duration + TimeSpan.FromHours(1);
        var warm = (int)(warmUp.TotalDays * perDay);
        return LoopbackExporter.StartAsync(
            (workspace, time) =>
            {
                Scenarios.SeedHistory(workspace, n - warm, TimeSpan.FromDays(6), seed: 3);
                time.Advance(warmUp);
                var random = new Random(3);
                var start = time.GetUtcNow() - warmUp;
                for (var i = 0; i < warm; i++)
                {
                    workspace.CreateBatch(random.Next(1, 5000), Plan(duration, random), start + (warmUp * (i / (double)warm)));
                }
            },
            settings);
    }

    private static BatchPlan Plan(TimeSpan duration, Random random) =>
        new(duration * (0.9 + (random.NextDouble() * 0.2)), ErroredFraction: 0.01);

    private static async Task<Measurement> MeasureAsync(int n, int running, int syncs)
    {
        var (perDay, duration) = Workload(running);
        await using var exporter = await StartAsync(n, running, settings: null);
        var log = exporter.Simulator.Log;
        var bytesPerBatch = (double)log.Bytes("list") / exporter.Status.Ledger.Tracked;
        var random = new Random(5);
        var every = TimeSpan.FromDays(1) / perDay;
        var nextArrival = exporter.Time.GetUtcNow() + every;
        var durations = new List<double>();
        var (calls, bytes) = (log.Count("list"), log.Bytes("list"));
        double runningSum = 0, arrivals = 0;
        for (var i = 0; i < syncs; i++)
        {
            runningSum += Running(exporter);
            while (nextArrival <= exporter.Time.GetUtcNow() + LoopbackExporter.PollInterval)
            {
                exporter.Workspace.CreateBatch(random.Next(1, 5000), Plan(duration, random));
                nextArrival += every;
                arrivals++;
            }

            var started = Stopwatch.GetTimestamp();
            await exporter.SyncAsync();
            durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        calls = log.Count("list") - calls;
        bytes = log.Bytes("list") - bytes;
        var (beforeCalls, beforeBytes) = await BeforeAsync(exporter);
        durations.Sort();
        return new Measurement(
            runningSum / syncs,
            arrivals / syncs,
            (double)calls / syncs,
            (double)bytes / syncs,
            (runningSum + arrivals) / syncs * bytesPerBatch,
            beforeCalls,
            beforeBytes,
            durations[durations.Count / 2]);
    }

    private static int Running(LoopbackExporter exporter)
    {
        var byStatus = exporter.Status.Ledger.BatchesByStatus;
        return byStatus.GetValueOrDefault("in_progress") + byStatus.GetValueOrDefault("canceling");
    }

    /// <summary>
    /// What a steady sync read before page sizing, in the current state: pages of 1,000 from the newest batch until a
    /// page reaches the older of the oldest running batch and the newest batch (the same boundary).
    /// </summary>
    private static async Task<(int Calls, long Bytes)> BeforeAsync(LoopbackExporter exporter)
    {
        var batches = exporter.Workspace.List();
        var oldestRunning = batches.Select((b, i) => (b, i)).LastOrDefault(x => x.b.ProcessingStatus != "ended").i;
        var pages = (oldestRunning / 1000) + 1;
        using var http = new HttpClient { BaseAddress = exporter.Server.BaseUrl };
        http.DefaultRequestHeaders.Add("x-api-key", exporter.Simulator.ApiKey);
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        long bytes = 0;
        for (var p = 0; p < pages; p++)
        {
            var uri = p == 0 ? "v1/messages/batches?limit=1000" : $"v1/messages/batches?limit=1000&after_id={batches[(p * 1000) - 1].Id}";
            bytes += (await http.GetByteArrayAsync(new Uri(uri, UriKind.Relative))).Length;
        }

        return (pages, bytes);
    }

    private static async Task<double> RelistCallsAsync(int n, int running, int syncs)
    {
        await using var exporter = await StartAsync(n, running, new Dictionary<string, string?> { ["Exporter:FullResyncInterval"] = LoopbackExporter.PollInterval.ToString() });
        var before = exporter.Simulator.Log.Count("list");
        for (var i = 0; i < syncs; i++)
        {
            await exporter.SyncAsync();
        }

        return (double)(exporter.Simulator.Log.Count("list") - before) / syncs;
    }
}
