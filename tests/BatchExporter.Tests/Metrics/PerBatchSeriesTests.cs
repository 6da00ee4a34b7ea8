using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Metrics;

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

    private static long ManagedHeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
