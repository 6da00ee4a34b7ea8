using System.Diagnostics;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Reliability;

/// <summary>/metrics under concurrent scrapers on loopback: zero errors. Latencies are printed, not asserted.</summary>
public sealed class ScrapeLoadTests
{
    [Fact]
    public async Task FiftyConcurrentScrapers_FifteenSeconds_NoErrors()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 10_000, TimeSpan.FromDays(3));
            for (var i = 0; i < 1_000; i++)
            {
                sim.DefaultWorkspace.CreateBatch(5, BatchPlan.NeverFinishes);
            }
        });
        var exposition = await h.ScrapeAsync();
        Assert.Equal(1_000, Exposition.Parse(exposition).Named("anthropic_batch_status").Count(s => s.Value == 1 && s.Labels["processing_status"] != "ended"));

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var stop = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        using var http = new HttpClient { BaseAddress = h.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var scrapers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            while (DateTime.UtcNow < stop)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var text = await http.GetStringAsync("/metrics");
                    if (!text.Contains("anthropic_up", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }));
        await Task.WhenAll(scrapers);

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        Console.WriteLine($"scrape load: {sorted.Length} scrapes by 50 clients in 15 s, 1,000 per-batch series, {exposition.Length / 1024} KiB, errors {errors}; latency ms p50 {P(0.5):0.0} p90 {P(0.9):0.0} p99 {P(0.99):0.0} max {sorted[^1]:0.0}");
        Assert.Equal(0, errors);
        Assert.True(sorted.Length > 50);
    }

    /// <summary>
    /// Sixteen scrapers read /metrics while syncs keep changing the state (batches created and ended before every
    /// sync): each body is parsed whole and must describe one sync, its aggregate and per-batch families agreeing.
    /// </summary>
    [Fact]
    public async Task ConcurrentScrapesWhileSyncsChangeState_EveryBodyDescribesOneSync()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            for (var i = 0; i < 40; i++)
            {
                sim.DefaultWorkspace.CreateBatch(3, BatchPlan.NeverFinishes);
            }
        });
        var running = new Queue<(string Id, int Size)>(h.Workspace.List().Select(b => (b.Id, 3)));
        var bodies = 0;
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var trackedSeen = new System.Collections.Concurrent.ConcurrentDictionary<double, bool>();
        using var done = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = h.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var scrapers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var m = Exposition.Parse(await http.GetStringAsync("/metrics"));
                Interlocked.Increment(ref bodies);
                trackedSeen.TryAdd(m.Value("anthropic_batch_exporter_tracked_batches"), true);
                if (Inconsistency(m) is { } problem)
                {
                    problems.Enqueue(problem);
                }
            }
        })).ToList();

        for (var sync = 0; sync < 150; sync++)
        {
            var size = 2 + (sync % 5);
            running.Enqueue((h.Workspace.CreateBatch(size, BatchPlan.NeverFinishes).Id, size));
            var (ending, endingSize) = running.Dequeue();
            h.Workspace.EndNow(ending, succeeded: endingSize - 1, errored: 1);
            h.Workspace.CreateBatch(1, BatchPlan.NeverFinishes);
            var before = Volatile.Read(ref bodies);
            await h.SyncAsync();
            await Eventually(() => Volatile.Read(ref bodies) >= before + 8); // scrapes overlap every sync
        }

        await done.CancelAsync();
        await Task.WhenAll(scrapers);
        Console.WriteLine($"consistency: {bodies} bodies during 150 syncs, {trackedSeen.Count} distinct states seen, {problems.Count} inconsistent");
        Assert.True(trackedSeen.Count >= 20, $"only {trackedSeen.Count} distinct states seen: the scrapes did not overlap the syncs");
        Assert.True(problems.IsEmpty, $"{problems.Count} of {bodies} bodies mix syncs, for example: {problems.FirstOrDefault()}");
    }

    /// <summary>What does not agree within one body, or null.</summary>
    private static string? Inconsistency(Exposition m)
    {
        var byStatus = m.Named("anthropic_batches").ToDictionary(s => s.Labels["processing_status"], s => s.Value);
        var current = m.Named("anthropic_batch_status").Where(s => s.Value == 1).ToList();
        var notEnded = current.Where(s => s.Labels["processing_status"] != "ended").Select(s => s.Labels["batch_id"]).ToHashSet();
        var ended = current.Count(s => s.Labels["processing_status"] == "ended");
        var runningRequests = m.Named("anthropic_batch_request_count").Where(s => notEnded.Contains(s.Labels["batch_id"])).Sum(s => s.Value);
        return
            byStatus.Values.Sum() != m.Value("anthropic_batch_exporter_tracked_batches") ? "anthropic_batches does not add up to tracked_batches"
            : notEnded.Count != byStatus["in_progress"] + byStatus["canceling"] ? $"{notEnded.Count} per-batch series not ended, anthropic_batches says {byStatus["in_progress"] + byStatus["canceling"]}"
            : ended != m.Named("anthropic_batch_ended_timestamp_seconds").Count() ? "ended status series and ended timestamps differ"
            : runningRequests != m.Value("anthropic_batch_requests", ("state", "processing")) ? $"per-batch sizes of running batches {runningRequests}, anthropic_batch_requests processing {m.Value("anthropic_batch_requests", ("state", "processing"))}"
            : null;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1);
        }
    }
}
