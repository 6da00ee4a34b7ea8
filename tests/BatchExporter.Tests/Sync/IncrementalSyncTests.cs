using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Sync;

/// <summary>The sync contract of DESIGN.md, asserted from the simulator's request log over real HTTP.</summary>
public sealed class IncrementalSyncTests
{
    [Fact]
    public async Task SteadyState_100kInWindow1kRecent_OneListCallPerSync()
    {
        await using var h = await ExporterHarness.StartAsync((sim, time) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 99_000, TimeSpan.FromDays(6)); // created 7 d to 1 d before the first sync
            time.Advance(TimeSpan.FromDays(1));
            Scenarios.SeedInProgress(sim.DefaultWorkspace, 1_000, TimeSpan.FromHours(20));
        });

        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(100_000, h.Status.Ledger.Tracked);
        Assert.Equal(100, h.ListCalls); // first sync: 100 pages of 1,000, the last with has_more = false
        var relistCost = (int)Math.Ceiling(h.Status.Ledger.Tracked / 1000.0);
        Assert.Equal(100, relistCost);

        for (var i = 0; i < 10; i++)
        {
            var before = h.ListCalls;
            await h.SyncAsync();
            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
            Assert.Equal(1, h.ListCalls - before);
            Assert.Equal(1, h.Status.LastSyncCalls);
        }
    }

    [Fact]
    public async Task SteadyState_BatchesArriveAndEndDuringSyncs_OneListCallPerSyncAndStateMatchesTheApi()
    {
        IDisposable? workload = null;
        await using var h = await ExporterHarness.StartAsync((sim, time) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 20_000, TimeSpan.FromDays(5)); // ended, 6 d to 1 d before the first sync
            time.Advance(TimeSpan.FromDays(1));
            Scenarios.SeedInProgress(sim.DefaultWorkspace, 300, TimeSpan.FromHours(20)); // these end 1 min to 3 h from now
            // On the fake clock: about 20 new batches a minute, each ending 1 to 3 min later, some canceled; and one
            // batch 45 min from its expiry, which keeps the incremental range open down to 23 h 15 min ago.
            workload = Scenarios.StartDemoWorkload(sim, sim.DefaultWorkspace);
            time.Advance(TimeSpan.FromSeconds(1.5)); // its 3 s ticks fall between syncs, never at the instant of one
        });
        using var _ = workload;
        var firstSyncCalls = h.ListCalls;
        var before = await h.ScrapeParsedAsync();
        var created = h.Workspace.List().Count;

        for (var i = 0; i < 10; i++)
        {
            var calls = h.ListCalls;
            await h.SyncAsync();

            Assert.True(h.Status.Up, h.Status.LastFailureMessage);
            Assert.Equal(1, h.ListCalls - calls);
            Assert.Equal(1, h.Status.LastSyncCalls);
            var truth = h.Workspace.List(); // the simulator's state at the sync: the fake clock has not moved since
            var metrics = await h.ScrapeParsedAsync();
            Assert.Equal(truth.Count, h.Status.Ledger.Tracked);
            foreach (var status in new[] { "in_progress", "canceling", "ended" })
            {
                Assert.Equal(truth.Count(b => b.ProcessingStatus == status), metrics.Value("anthropic_batches", ("processing_status", status)));
            }
        }

        // The syncs above had something to see: new batches, and batches that ended, counted once each.
        var after = await h.ScrapeParsedAsync();
        var arrived = h.Workspace.List().Count - created;
        var endedCounted = Sum(after, "anthropic_batches_ended_total") - Sum(before, "anthropic_batches_ended_total");
        Assert.InRange(arrived, 100, 900); // ~20 a minute for 10 minutes (184 with this seed), all inside one page of 1,000
        Assert.True(endedCounted >= 100, $"only {endedCounted} batches ended during the syncs");
        Assert.Equal(after.Value("anthropic_batches", ("processing_status", "ended")) - before.Value("anthropic_batches", ("processing_status", "ended")), endedCounted);
        Assert.Equal(firstSyncCalls + 10, h.ListCalls);
        Assert.Equal(0, h.Simulator.Log.Count("retrieve"));
        Assert.Equal(1, after.Value("anthropic_batch_exporter_sync_duration_seconds_count", ("kind", "full")));
        Assert.Equal(10, after.Value("anthropic_batch_exporter_sync_duration_seconds_count", ("kind", "incremental")));
    }

    private static double Sum(Exposition metrics, string name) => metrics.Named(name).Sum(s => s.Value);

    [Fact]
    public async Task BatchEndsBetweenSyncs_IsEndedAfterNextSyncAndCountedOnce()
    {
        string id = string.Empty;
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 50, TimeSpan.FromDays(2));
            id = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id;
        });
        var first = await h.ScrapeParsedAsync();
        Assert.Equal(1, first.Value("anthropic_batches", ("processing_status", "in_progress")));
        Assert.Equal(0, first.Value("anthropic_batches_ended_total", ("reason", "completed")));

        h.Workspace.EndNow(id, succeeded: 7, errored: 3);
        await h.SyncAsync();
        var after = await h.ScrapeParsedAsync();

        Assert.Equal(0, after.Value("anthropic_batches", ("processing_status", "in_progress")));
        Assert.Equal(51, after.Value("anthropic_batches", ("processing_status", "ended")));
        Assert.Equal(1, after.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(7, after.Value("anthropic_batch_request_results_total", ("result", "succeeded")));
        Assert.Equal(3, after.Value("anthropic_batch_request_results_total", ("result", "errored")));

        await h.SyncAsync();
        await h.SyncAsync();
        var later = await h.ScrapeParsedAsync();
        Assert.Equal(1, later.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(3, later.Value("anthropic_batch_request_results_total", ("result", "errored")));
    }

    [Fact]
    public async Task BatchCreatedAndEndedBetweenSyncs_IsCounted()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 30, TimeSpan.FromDays(1)));
        var quick = h.Workspace.CreateBatch(4, new BatchPlan(TimeSpan.FromSeconds(10), ExpiredFraction: 0));
        h.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("ended", h.Workspace.Get(quick.Id).ProcessingStatus);

        await h.SyncAsync();
        var metrics = await h.ScrapeParsedAsync();

        Assert.Equal(1, metrics.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(4, metrics.Value("anthropic_batch_request_results_total", ("result", "succeeded")));
        Assert.Equal(1, metrics.Value("anthropic_batch_duration_seconds_count", ("reason", "completed")));
    }

    [Fact]
    public async Task FirstSync_BatchesAlreadyEnded_AreBaselineNotCounted()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 500, TimeSpan.FromDays(3)));
        var metrics = await h.ScrapeParsedAsync();

        Assert.Equal(500, metrics.Value("anthropic_batches", ("processing_status", "ended")));
        Assert.All(metrics.Named("anthropic_batches_ended_total"), s => Assert.Equal(0, s.Value));
        Assert.All(metrics.Named("anthropic_batch_request_results_total"), s => Assert.Equal(0, s.Value));
        Assert.Empty(metrics.Named("anthropic_batch_duration_seconds_count"));
    }

    [Fact]
    public async Task EndReasons_CanceledExpiredCompleted_AreClassified()
    {
        string canceled = "", expiring = "", completing = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            canceled = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id;
            expiring = sim.DefaultWorkspace.CreateBatch(6, BatchPlan.NeverFinishes).Id;
            completing = sim.DefaultWorkspace.CreateBatch(5, new BatchPlan(TimeSpan.FromHours(2))).Id;
        });
        h.Workspace.Cancel(canceled);
        await h.SyncAsync(TimeSpan.FromHours(25)); // past the cancel delay, the 2 h plan and the 24 h expiry
        var metrics = await h.ScrapeParsedAsync();

        Assert.Equal(1, metrics.Value("anthropic_batches_ended_total", ("reason", "canceled")));
        Assert.Equal(1, metrics.Value("anthropic_batches_ended_total", ("reason", "expired")));
        Assert.Equal(1, metrics.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(6, metrics.Value("anthropic_batch_request_results_total", ("result", "expired")));
        Assert.Equal(10, metrics.Value("anthropic_batch_request_results_total", ("result", "canceled")));
        Assert.Equal(5, metrics.Value("anthropic_batch_request_results_total", ("result", "succeeded")));
    }

    [Fact]
    public async Task DeletedBatch_LeavesTheLedger()
    {
        string doomed = "";
        await using var h = await ExporterHarness.StartAsync((sim, time) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 20, TimeSpan.FromDays(1));
            sim.DefaultWorkspace.CreateBatch(3, BatchPlan.NeverFinishes); // keeps the incremental range open below the doomed one
            time.Advance(TimeSpan.FromSeconds(1));
            doomed = sim.DefaultWorkspace.CreateBatch(2, new BatchPlan(TimeSpan.FromSeconds(1))).Id;
            time.Advance(TimeSpan.FromSeconds(2));
        });
        Assert.Equal(22, h.Status.Ledger.Tracked);

        h.Workspace.Delete(doomed); // only ended batches can be deleted
        await h.SyncAsync();

        Assert.Equal(21, h.Status.Ledger.Tracked);
        Assert.Equal(1, h.ListCalls - 1);
    }

    [Fact]
    public async Task FullResync_RunsAtItsInterval_AndOtherwiseIncremental()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 2_500, TimeSpan.FromDays(2)),
            new Dictionary<string, string?> { ["Exporter:FullResyncInterval"] = "00:03:00" });
        Assert.Equal(3, h.ListCalls); // 2,500 batches: three pages

        await h.SyncAsync();
        await h.SyncAsync();
        Assert.Equal(5, h.ListCalls); // incremental: one page each

        await h.SyncAsync(); // three minutes after the first full sync
        Assert.Equal(8, h.ListCalls);
    }

    [Fact]
    public async Task Lookback_BatchesOlderThanIt_AreNotTracked()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 1_000, TimeSpan.FromDays(10)),
            new Dictionary<string, string?> { ["Exporter:Lookback"] = "5.00:00:00" });

        var expected = h.Workspace.List().Count(b => b.CreatedAt >= h.Time.GetUtcNow() - TimeSpan.FromDays(5));
        Assert.InRange(expected, 400, 600);
        Assert.Equal(expected, h.Status.Ledger.Tracked);
    }
}
