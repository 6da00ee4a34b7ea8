using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Reliability;

/// <summary>The API unreachable for a while: last good state served, errors counted by reason, full recovery, no double count.</summary>
public sealed class ApiOutageTests
{
    [Fact]
    public async Task ConnectionRefusedThenTimeouts_ServesLastGoodStateThenRecoversCountingOnce()
    {
        string running = "";
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 40, TimeSpan.FromDays(1));
                running = sim.DefaultWorkspace.CreateBatch(8, BatchPlan.NeverFinishes).Id;
            },
            new Dictionary<string, string?> { ["Exporter:PollInterval"] = "00:10:00" });

        await h.StopSimulatorAsync();
        h.Workspace.EndNow(running, succeeded: 5, errored: 3);
        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        var refused = await h.ScrapeParsedAsync();
        Assert.Equal(0, refused.Value("anthropic_up"));
        Assert.Equal(1, refused.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "network")));
        Assert.Equal(3, refused.Value("anthropic_batch_exporter_api_requests_total", ("code", "network")));
        Assert.Equal(1, refused.Value("anthropic_batches", ("processing_status", "in_progress")));

        await h.RestartSimulatorAsync();
        h.Simulator.Faults.Enqueue(SimulatedFault.Hang(), 3, "list");
        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(500));

        var hung = await h.ScrapeParsedAsync();
        Assert.Equal(0, hung.Value("anthropic_up"));
        Assert.Equal(1, hung.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "timeout")));
        Assert.Equal(3, hung.Value("anthropic_batch_exporter_api_requests_total", ("code", "timeout")));
        Assert.Equal(0, hung.Value("anthropic_batch_request_results_total", ("result", "errored")));

        await h.SyncAsync(h.PollInterval);
        await h.SyncAsync(h.PollInterval);
        var recovered = await h.ScrapeParsedAsync();
        Assert.Equal(1, recovered.Value("anthropic_up"));
        Assert.Equal(1, recovered.Value("anthropic_batches_ended_total", ("reason", "completed")));
        Assert.Equal(3, recovered.Value("anthropic_batch_request_results_total", ("result", "errored")));
        Assert.Equal(0, recovered.Value("anthropic_batches", ("processing_status", "in_progress")));
    }
}
