using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Api;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Api;

/// <summary>API failures become sync errors by reason; the last good state stays; nothing is counted twice.</summary>
public sealed class FailureClassificationTests
{
    public static TheoryData<string, string> Faults => new()
    {
        { "malformed", "bad_response" },
        { "truncated", "bad_response" },
        { "401", "auth" },
        { "403", "permission" },
        { "500", "server" },
        { "529", "overloaded" },
        { "429", "rate_limited" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Sync_ApiFault_FailsWithReasonAndKeepsLastGoodState(string fault, string reason)
    {
        string running = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 2_500, TimeSpan.FromDays(2));
            running = sim.DefaultWorkspace.CreateBatch(9, BatchPlan.NeverFinishes).Id;
        });
        var good = await h.ScrapeParsedAsync();

        // Retried statuses fail only when every attempt fails: queue enough for all of them.
        h.Simulator.Faults.Enqueue(fault switch
        {
            "malformed" => SimulatedFault.Malformed(),
            "truncated" => SimulatedFault.Truncated(),
            "429" => SimulatedFault.RateLimited(TimeSpan.FromSeconds(2)),
            "500" => SimulatedFault.ServerError(),
            "529" => SimulatedFault.Overloaded(),
            _ => SimulatedFault.Error(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture), fault == "401" ? "authentication_error" : "permission_error"),
        }, 3, "list");
        h.Workspace.EndNow(running, succeeded: 9, errored: 0);
        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        var failed = await h.ScrapeParsedAsync();
        Assert.False(h.Status.Up);
        Assert.Equal(reason, h.Status.LastFailure?.ToLabel());
        Assert.Equal(0, failed.Value("anthropic_up"));
        Assert.Equal(1, failed.Value("anthropic_batch_exporter_sync_errors_total", ("reason", reason)));
        Assert.Equal(good.Value("anthropic_batches", ("processing_status", "ended")), failed.Value("anthropic_batches", ("processing_status", "ended")));
        Assert.Equal(1, failed.Value("anthropic_batches", ("processing_status", "in_progress")));
        Assert.Equal(0, failed.Value("anthropic_batches_ended_total", ("reason", "completed")));

        h.Simulator.Faults.Clear();
        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));
        var recovered = await h.ScrapeParsedAsync();
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(1, recovered.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(0, recovered.Value("anthropic_batches", ("processing_status", "in_progress")));
        Assert.DoesNotContain(h.Simulator.ApiKey, h.Status.LastFailureMessage ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_PaginationLoop_AbortedAsAnErrorThenRecovers()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 2_500, TimeSpan.FromDays(2));
                sim.Faults.Enqueue(SimulatedFault.PaginationLoop(), int.MaxValue, "list");
            });

        Assert.Equal(SyncFailureReason.PaginationLoop, h.Status.LastFailure);
        Assert.InRange(h.ListCalls, 2, 3); // the repeated cursor is caught on the first page that repeats it
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "pagination_loop")));

        h.Simulator.Faults.Clear();
        await h.SyncAsync();
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(2_500, h.Status.Ledger.Tracked);
    }

    [Fact]
    public async Task Sync_ServerErrorOnce_RetriedWithinTheSameSync()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)));
        h.Simulator.Faults.Enqueue(SimulatedFault.ServerError(), 1, "list");
        var before = h.ListCalls;

        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(2, h.ListCalls - before);
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(1, m.Value("anthropic_batch_exporter_api_requests_total", ("code", "500")));
    }

    [Fact]
    public async Task Sync_UnknownStatusAndExtraFields_AreData()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => sim.DefaultWorkspace.CreateBatch(2, BatchPlan.NeverFinishes));
        h.Simulator.Faults.Enqueue(SimulatedFault.UnknownStatus("paused"), 1, "list");
        await h.SyncAsync();
        var m = await h.ScrapeParsedAsync();
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(1, m.Value("anthropic_batches", ("processing_status", "paused")));
        Assert.Equal(1, m.Value("anthropic_batch_status", ("processing_status", "paused")));

        h.Simulator.Faults.Enqueue(SimulatedFault.ExtraFields(), 1, "list");
        await h.SyncAsync();
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        Assert.Equal(1, (await h.ScrapeParsedAsync()).Value("anthropic_batches", ("processing_status", "in_progress")));
    }
}
