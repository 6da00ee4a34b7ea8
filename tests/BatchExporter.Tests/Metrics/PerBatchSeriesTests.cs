using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Metrics;

public sealed class PerBatchSeriesTests
{
    private static readonly string[] Families =
        ["anthropic_batch_info", "anthropic_batch_created_timestamp_seconds", "anthropic_batch_expires_timestamp_seconds", "anthropic_batch_size"];

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
        Assert.Equal(1, m.Value("anthropic_batch_info", id, ("processing_status", "in_progress"), ("workspace", "default")));
        Assert.Equal(running.CreatedAt.ToUnixTimeMilliseconds() / 1000.0, m.Value("anthropic_batch_created_timestamp_seconds", id));
        Assert.Equal(running.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0, m.Value("anthropic_batch_expires_timestamp_seconds", id));
        Assert.Equal(42, m.Value("anthropic_batch_size", id));
        Assert.All(Families, f => Assert.Single(m.Named(f)));
    }

    [Fact]
    public async Task Scrape_AfterBatchEnds_ItsSeriesAreGone()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(5, BatchPlan.NeverFinishes).Id);
        Assert.Single((await h.ScrapeParsedAsync()).Named("anthropic_batch_info"));

        h.Workspace.EndNow(id, succeeded: 5, errored: 0);
        await h.SyncAsync();

        var m = await h.ScrapeParsedAsync();
        Assert.All(Families, f => Assert.Empty(m.Named(f)));
        Assert.Contains("# TYPE anthropic_batch_info gauge", m.Text, StringComparison.Ordinal);
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
        Assert.Equal(oldestThree, m.Named("anthropic_batch_info").Select(s => s.Labels["batch_id"]).Order());
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
        Assert.Empty(m.Named("anthropic_batch_info"));
        Assert.Equal(1, m.Value("anthropic_batches", ("processing_status", "in_progress")));
    }

    /// <summary>
    /// 20,000 distinct batches come and go in one process (50 new per sync, each running for one or two syncs,
    /// 400 syncs): the per-batch series always match the live batches exactly, nothing overflows, and the managed
    /// heap does not grow with the history. Ended batches are deleted from the simulator so that neither the
    /// simulator nor the ledger grows: growth left would be per-batch state that outlives its batch.
    /// </summary>
    [Fact]
    public async Task LongRun_20kDistinctBatches_SeriesMatchLiveNoOverflowHeapFlat()
    {
        await using var h = await ExporterHarness.StartAsync();
        var plan = new BatchPlan(TimeSpan.FromSeconds(90));
        var created = 0;
        long heapAfterWarmup = 0;
        for (var sync = 0; sync < 400; sync++)
        {
            for (var i = 0; i < 50; i++)
            {
                h.Workspace.CreateBatch(1, plan);
                created++;
            }

            await h.SyncAsync();
            var live = h.Workspace.List().Where(b => b.ProcessingStatus != "ended").Select(b => b.Id).ToHashSet();
            var m = await h.ScrapeParsedAsync();
            var exported = m.Named("anthropic_batch_info").Select(s => s.Labels["batch_id"]).ToHashSet();
            Assert.True(live.SetEquals(exported), $"sync {sync}: {exported.Count} series for {live.Count} live batches");
            Assert.DoesNotContain("otel_metric_overflow", m.Text, StringComparison.Ordinal);
            foreach (var ended in h.Workspace.List().Where(b => b.ProcessingStatus == "ended"))
            {
                h.Workspace.Delete(ended.Id);
            }

            if (sync == 40)
            {
                heapAfterWarmup = ManagedHeapAfterFullGc();
            }

        }

        Assert.Equal(20_000, created);
        Assert.True(h.Status.Ledger.Tracked <= 100, $"{h.Status.Ledger.Tracked} tracked");
        var growth = ManagedHeapAfterFullGc() - heapAfterWarmup;
        // 18,000 batches after warm-up. The simulator keeps up to 4,096 deleted batches as cursor tombstones (about
        // 1 MB) before it compacts; per-batch metric state kept for ended batches would add several MB.
        Assert.True(growth < 1536 * 1024, $"managed heap grew by {growth / 1024} KiB over 18,000 more batches");
        Console.WriteLine($"long run: 20,000 batches, managed heap {heapAfterWarmup / 1024} KiB after 2,000, growth {growth / 1024} KiB after 18,000 more");
    }

    private static long ManagedHeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
