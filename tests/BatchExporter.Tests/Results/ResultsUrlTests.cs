using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Hosting;
using BatchApi.Simulator.State;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Results;

/// <summary>Which URL results are read from, and result lines of a type the API added after this reader was written.</summary>
public sealed class ResultsUrlTests
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["Exporter:Results:Enabled"] = "true" };

    [Fact]
    public async Task Results_UnknownResultType_CountedAsOtherAndTheRestOfTheFileCounts()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(20, BatchPlan.NeverFinishes).Id, Enabled);
        h.Workspace.EndNow(id, succeeded: 10, errored: 10);
        h.Simulator.Faults.Enqueue(SimulatedFault.UnknownResultType("deferred"), 1, "results");

        await h.SyncAsync();

        var m = await h.ScrapeParsedAsync();
        Assert.Equal(4, m.Value("anthropic_batch_result_errors_total", ("error_type", "other"))); // lines 5, 10, 15, 20
        Assert.Equal(4 + 8, m.Named("anthropic_batch_result_errors_total").Sum(s => s.Value)); // 4 other and the 8 errored lines left
        Assert.True(m.Named("anthropic_batch_tokens_total").Sum(s => s.Value) > 0, "the succeeded lines were not counted");
        Assert.Equal(0, m.Named("anthropic_batch_exporter_results_skipped_total").Sum(s => s.Value));
    }

    [Fact]
    public async Task Results_UrlOfTheSameOrigin_IsFollowed()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => id = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id,
            Enabled,
            simulatorOptions: new SimulatorOptions { Seed = 7, ResultsPathPrefix = "/download" });
        h.Workspace.EndNow(id, succeeded: 10, errored: 0);

        await h.SyncAsync();

        var download = Assert.Single(h.Simulator.Log.Entries, e => e.Endpoint == "results");
        Assert.Equal($"/download/v1/messages/batches/{id}/results", download.Path);
        Assert.Equal(200, download.StatusCode);
        Assert.Equal(1, (await h.ScrapeParsedAsync()).Value("anthropic_batch_exporter_api_requests_total", ("endpoint", "results"), ("code", "200")));
    }

    [Fact]
    public async Task Results_UrlOfAnotherHost_NotFollowedAndTheKeyNeverGoesThere()
    {
        await using var elsewhere = await SimulatorServer.StartAsync(new BatchSimulator(TimeProvider.System));
        string id = "";
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => id = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id,
            Enabled,
            simulatorOptions: new SimulatorOptions { Seed = 7, ResultsBaseUrl = elsewhere.BaseUrl });
        h.Workspace.EndNow(id, succeeded: 10, errored: 0);
        Assert.StartsWith(elsewhere.BaseUrl.GetLeftPart(UriPartial.Authority), h.Workspace.Get(id).ResultsUrl, StringComparison.Ordinal);

        await h.SyncAsync();

        Assert.Empty(elsewhere.Simulator.Log.Entries);
        var download = Assert.Single(h.Simulator.Log.Entries, e => e.Endpoint == "results");
        Assert.Equal($"/v1/messages/batches/{id}/results", download.Path);
        Assert.Equal(200, download.StatusCode);
    }
}
