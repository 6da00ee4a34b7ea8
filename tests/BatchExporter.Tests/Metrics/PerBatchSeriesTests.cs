using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Metrics;

[Collection(HeapMeasured.Name)] // the long run measures the heap
public sealed class PerBatchSeriesTests
{
    private static readonly string[] Families =
        ["anthropic_batch_status", "anthropic_batch_created_timestamp_seconds", "anthropic_batch_expires_timestamp_seconds", "anthropic_batch_request_count"];

    [Fact]
    public async Task Scrape_NonEndedBatches_HaveOneSeriesPerFamilyWithTheirValues()
    {
        BatchView running = null!;
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1));
            running = sim.DefaultWorkspace.CreateBatch(42, BatchPlan.NeverFinishes);
        });

        var m = await h.ScrapeParsedAsync();
        var id = ("batch_id", running.Id);
        Assert.Equal(1, m.Value("anthropic_batch_status", id, ("processing_status", "in_progress"), ("workspace", "default")));
        Assert.Equal(running.CreatedAt.ToUnixTimeMilliseconds() / 1000.0, m.Value("anthropic_batch_created_timestamp_seconds", id));
        Assert.Equal(running.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0, m.Value("anthropic_batch_expires_timestamp_seconds", id));
        Assert.Equal(42, m.Value("anthropic_batch_request_count", id));
        Assert.All(Families.Skip(1), f => Assert.Single(m.Named(f)));
        Assert.Equal(["canceling", "ended", "in_progress"], m.Named("anthropic_batch_status").Select(s => s.Labels["processing_status"]).Order());
        Assert.Equal(1, m.Named("anthropic_batch_status").Sum(s => s.Value));
    }

    [Fact]
    public async Task Scrape_AfterBatchEnds_EndedStateForTheWindowThenGone()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(5, BatchPlan.NeverFinishes).Id);
        Assert.Single((await h.ScrapeParsedAsync()).Named("anthropic_batch_status"), s => s.Value == 1);

        h.Workspace.EndNow(id, succeeded: 4, errored: 1);
        var endedAt = h.Time.GetUtcNow();
        await h.SyncAsync();

        var m = await h.ScrapeParsedAsync();
        var batch = ("batch_id", id);
        Assert.Equal(1, m.Value("anthropic_batch_status", batch, ("processing_status", "ended")));
        Assert.Equal(1, m.Value("anthropic_batch_ended_requests", batch, ("result", "errored")));
        Assert.Equal(4, m.Value("anthropic_batch_ended_requests", batch, ("result", "succeeded")));
        Assert.Equal(endedAt.ToUnixTimeMilliseconds() / 1000.0, m.Value("anthropic_batch_ended_timestamp_seconds", batch), precision: 3);

        h.Time.Advance(TimeSpan.FromMinutes(61)); // past the 1 h window: gone at the next scrape
        m = await h.ScrapeParsedAsync();
        Assert.All(Families, f => Assert.Empty(m.Named(f)));
        Assert.Empty(m.Named("anthropic_batch_ended_requests"));
        Assert.Contains("# TYPE anthropic_batch_status gauge", m.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_RestartedProcess_ServesBatchesEndedWithinTheWindowBeforeItStarted()
    {
        string recent = "", old = "";
        await using var h = await ExporterHarness.StartAsync((sim, time) =>
        {
            var now = time.GetUtcNow();
            recent = sim.DefaultWorkspace.CreateBatch(40, new BatchPlan(TimeSpan.FromMinutes(30), ExpiredFraction: 1), now - TimeSpan.FromMinutes(50)).Id; // ended 20 min ago
            old = sim.DefaultWorkspace.CreateBatch(7, new BatchPlan(TimeSpan.FromMinutes(30), ErroredFraction: 1), now - TimeSpan.FromMinutes(120)).Id;  // ended 90 min ago
        });

        var m = await h.ScrapeParsedAsync();
        Assert.Equal(40, m.Value("anthropic_batch_ended_requests", ("batch_id", recent), ("result", "expired")));
        Assert.DoesNotContain(m.Samples, s => s.Labels.GetValueOrDefault("batch_id") == old);
        Assert.Equal(0, m.Value("anthropic_batches_ended_total", ("reason", "expired"))); // the counters keep the baseline rule
    }

    [Fact]
    public async Task Scrape_MoreActiveThanMaxBatchSeries_CapsSoonestExpiryFirstAndCountsOverflow()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, time) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes);
                    time.Advance(TimeSpan.FromSeconds(1));
                }
            },
            new Dictionary<string, string?> { ["Exporter:MaxBatchSeries"] = "3" });

        var m = await h.ScrapeParsedAsync();
        var oldestThree = h.Workspace.List().OrderBy(b => b.ExpiresAt).Take(3).Select(b => b.Id).Order();
        Assert.Equal(oldestThree, m.Named("anthropic_batch_request_count").Select(s => s.Labels["batch_id"]).Order());
        Assert.Equal(2, m.Value("anthropic_batch_exporter_batch_series_overflow"));
        Assert.Equal(5, m.Value("anthropic_batches", ("processing_status", "in_progress")));
    }

    [Fact]
    public async Task Scrape_PerBatchSeriesDisabled_NoneExported()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes),
            new Dictionary<string, string?> { ["Exporter:PerBatchSeries"] = "false" });

        var m = await h.ScrapeParsedAsync();
        Assert.Empty(m.Named("anthropic_batch_status"));
        Assert.Equal(1, m.Value("anthropic_batches", ("processing_status", "in_progress")));
    }

    /// <summary>
    /// 20,050 distinct batches come and go in one process (50 new per sync, each running for one or two syncs,
    /// 401 syncs): the per-batch series always match the batches not yet ended plus those ended within the 10 min
    /// window exactly, nothing overflows, and the managed heap does not grow with the history. Batches are deleted
    /// from the simulator once they left the window, so that neither the simulator nor the ledger grows (the ledger
    /// drops them at the next full resync): growth left would be per-batch state that outlives its batch.
    /// </summary>
    [Fact]
    public async Task LongRun_20kDistinctBatches_SeriesMatchLiveAndRecentlyEndedNoOverflowHeapFlat()
    {
        var window = TimeSpan.FromMinutes(10);
        // Deleted batches below the incremental range leave at the next full resync (a steady sync reads only down to
        // the oldest running batch): every 10 minutes here, so that what the ledger holds stays bounded.
        await using var h = await ExporterHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Exporter:EndedSeriesWindow"] = "00:10:00",
            ["Exporter:FullResyncInterval"] = "00:10:00",
        });
        var plan = new BatchPlan(TimeSpan.FromSeconds(90));
        var created = 0;
        var maxEndedInWindow = 0;
        var heap = new SortedDictionary<int, long>();
        for (var sync = 0; sync <= 400; sync++)
        {
            for (var i = 0; i < 50; i++)
            {
                h.Workspace.CreateBatch(1, plan);
                created++;
            }

            await h.SyncAsync();
            maxEndedInWindow = Math.Max(maxEndedInWindow, await CheckSeriesThenDeleteOldBatchesAsync(h, sync, window));
            h.Simulator.Log.Clear(); // the simulator's request log is the test's, not the exporter's: keep it out of the heap figures

            if (sync >= 100 && sync % 10 == 0)
            {
                heap[sync] = ManagedHeapAfterFullGc();
            }
        }

        Assert.Equal(20_050, created);
        Assert.True(maxEndedInWindow >= 400, $"at most {maxEndedInWindow} ended batches in the window");
        // running (up to 100) + ended within the window (500) + deleted since the last full resync (up to 500)
        Assert.True(h.Status.Ledger.Tracked <= 1_100, $"{h.Status.Ledger.Tracked} tracked");
        // The simulator keeps up to 4,096 deleted batches as cursor tombstones before it compacts (every 82 syncs here),
        // so the heap swings by about 2 MB with that cycle, and a measurement can catch a scrape's or a page's buffers in
        // flight (a few MB, upwards only): compare the floors of syncs 100-200 and 300-400, each longer than a cycle.
        // Per-batch state kept for the 10,000 batches between them would raise the floor by 2 MB or more.
        var early = heap.Where(h => h.Key <= 200).Min(h => h.Value);
        var late = heap.Where(h => h.Key >= 300).Min(h => h.Value);
        var growth = late - early;
        var figures = string.Join(", ", heap.Select(h => $"{h.Key}: {h.Value / 1024} KiB"));
        Assert.True(growth < 1024 * 1024, $"managed heap floor grew by {growth / 1024} KiB over 10,000 more batches: {figures}");
        Console.WriteLine($"long run: 20,050 batches, up to {maxEndedInWindow} ended ones with series at once, managed heap floor {early / 1024} KiB (syncs 100-200), {late / 1024} KiB (syncs 300-400); {figures}");
    }

    /// <summary>
    /// Checks one scrape against the simulator (series for exactly the batches not ended or ended within the window, no
    /// overflow), then deletes the batches that left the window; returns how many ended within it. A method of its own,
    /// so that the scrape and the lists it reads are not kept alive in the long run's state machine while it measures the heap.
    /// </summary>
    private static async Task<int> CheckSeriesThenDeleteOldBatchesAsync(ExporterHarness h, int sync, TimeSpan window)
    {
        var now = h.Time.GetUtcNow();
        var batches = h.Workspace.List();
        var recentlyEnded = batches.Where(b => b.EndedAt > now - window).Select(b => b.Id).ToList();
        var expected = batches.Where(b => b.ProcessingStatus != "ended").Select(b => b.Id).Concat(recentlyEnded).ToHashSet();
        var m = await h.ScrapeParsedAsync();
        var exported = m.Named("anthropic_batch_status").Select(s => s.Labels["batch_id"]).ToHashSet();
        Assert.True(expected.SetEquals(exported), $"sync {sync}: {exported.Count} series for {expected.Count} batches not ended or ended within the window");
        Assert.Equal(recentlyEnded.Count, m.Named("anthropic_batch_ended_timestamp_seconds").Count());
        Assert.Equal(0, m.Value("anthropic_batch_exporter_batch_series_overflow"));
        Assert.DoesNotContain("otel_metric_overflow", m.Text, StringComparison.Ordinal);
        foreach (var old in batches.Where(b => b.EndedAt <= now - window))
        {
            h.Workspace.Delete(old.Id);
        }

        return recentlyEnded.Count;
    }

    private static long ManagedHeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
