using System.Diagnostics;
using System.Text.Json;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchExporter.Api;
using BatchExporter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BatchExporter.Tests.Results;

/// <summary>Opt-in results insight over loopback: counts add up, one download per batch, retries never double count, memory bounded.</summary>
public sealed class ResultsInsightTests
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["Exporter:Results:Enabled"] = "true" };

    [Fact]
    public async Task BatchWithThousandsOfRequests_ResultsAddUpToRequestCountsAndIndependentParse()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(5_000, BatchPlan.NeverFinishes).Id, Enabled);
        h.Workspace.EndNow(id, succeeded: 3_900, errored: 700, canceled: 100, expired: 300);
        await h.SyncAsync();

        var m = await h.ScrapeParsedAsync();
        var raw = await DownloadRawAsync(h, id);
        var expectedErrors = new Dictionary<string, long>();
        var expectedTokens = new Dictionary<(string, string), long>();
        var types = new Dictionary<string, int>();
        foreach (var line in raw.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var result = doc.RootElement.GetProperty("result");
            var type = result.GetProperty("type").GetString()!;
            types[type] = types.GetValueOrDefault(type) + 1;
            if (type == "errored")
            {
                var errorType = result.GetProperty("error").GetProperty("error").GetProperty("type").GetString()!;
                expectedErrors[errorType] = expectedErrors.GetValueOrDefault(errorType) + 1;
            }
            else if (type == "succeeded")
            {
                var message = result.GetProperty("message");
                var model = message.GetProperty("model").GetString()!;
                var usage = message.GetProperty("usage");
                foreach (var (kind, field) in new[] { ("input", "input_tokens"), ("output", "output_tokens"), ("cache_creation", "cache_creation_input_tokens"), ("cache_read", "cache_read_input_tokens") })
                {
                    expectedTokens[(model, kind)] = expectedTokens.GetValueOrDefault((model, kind)) + usage.GetProperty(field).GetInt64();
                }
            }
        }

        Assert.Equal(new Dictionary<string, int> { ["succeeded"] = 3_900, ["errored"] = 700, ["canceled"] = 100, ["expired"] = 300 }, types);
        Assert.Equal(700, m.Named("anthropic_batch_result_errors_total").Sum(s => s.Value));
        foreach (var (errorType, count) in expectedErrors)
        {
            Assert.Equal(count, m.Value("anthropic_batch_result_errors_total", ("error_type", errorType)));
        }

        foreach (var ((model, kind), tokens) in expectedTokens.Where(t => t.Value > 0))
        {
            Assert.Equal(tokens, m.Value("anthropic_batch_tokens_total", ("model", model), ("kind", kind)));
        }

        Assert.Equal(1, m.Value("anthropic_batch_exporter_api_requests_total", ("endpoint", "results"), ("code", "200")));
    }

    [Fact]
    public async Task DownloadResults_TallyMatchesRequestCounts()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(2_345, BatchPlan.NeverFinishes).Id);
        h.Workspace.EndNow(id, succeeded: 2_000, errored: 45, canceled: 200, expired: 100);
        var client = h.App.Services.GetRequiredService<BatchApiClient>();
        using var source = new ApiSource(new() { Name = "default", ApiKey = h.Simulator.ApiKey, BaseUrl = h.Server.BaseUrl.ToString() }, 1000, h.Time);

        var tally = await client.DownloadResultsAsync(source, id, CancellationToken.None);

        Assert.NotNull(tally);
        Assert.Equal((2_000, 45, 200, 100), (tally.Succeeded, tally.Errored, tally.Canceled, tally.Expired));
        Assert.Equal(45, tally.ErrorsByType.Values.Sum());
    }

    [Fact]
    public async Task InterruptedDownload_RetriedOnALaterSyncAndCountedOnce()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(400, BatchPlan.NeverFinishes).Id, Enabled);
        h.Workspace.EndNow(id, succeeded: 300, errored: 100);
        h.Simulator.Faults.Enqueue(SimulatedFault.Truncated(), 1, "results");

        await h.SyncAsync();
        var afterCut = await h.ScrapeParsedAsync();
        Assert.All(afterCut.Named("anthropic_batch_result_errors_total"), s => Assert.Equal(0, s.Value));
        Assert.True(h.Status.Up); // a results failure is not a sync failure

        await h.SyncAsync();
        await h.SyncAsync();
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(100, m.Named("anthropic_batch_result_errors_total").Sum(s => s.Value));
        Assert.Equal(2, h.Simulator.Log.Count("results"));
        Assert.Equal(0, m.Value("anthropic_batch_exporter_results_skipped_total", ("reason", "failed")));
    }

    [Fact]
    public async Task Enabled_ErrorTypesAndSkipReasonsStartAtZeroAtFirstSync()
    {
        await using var h = await ExporterHarness.StartAsync(settings: Enabled);
        var m = await h.ScrapeParsedAsync();

        Assert.Equal(0, m.Value("anthropic_batch_result_errors_total", ("error_type", "invalid_request_error")));
        Assert.Equal(0, m.Value("anthropic_batch_exporter_results_skipped_total", ("reason", "not_found")));
    }

    [Fact]
    public async Task ResultsGone_SkippedAndCountedByReason()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id, Enabled);
        h.Workspace.EndNow(id, succeeded: 10, errored: 0);
        h.Workspace.Archive(id);

        await h.SyncAsync();
        await h.SyncAsync();

        var m = await h.ScrapeParsedAsync();
        Assert.Equal(1, m.Value("anthropic_batch_exporter_results_skipped_total", ("reason", "not_found")));
        Assert.Equal(1, h.Simulator.Log.Count("results"));
    }

    [Fact]
    public async Task Disabled_NoResultsDownloaded()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync((sim, _) => id = sim.DefaultWorkspace.CreateBatch(10, BatchPlan.NeverFinishes).Id);
        h.Workspace.EndNow(id, succeeded: 5, errored: 5);
        await h.SyncAsync();

        Assert.Equal(0, h.Simulator.Log.Count("results"));
        Assert.Empty((await h.ScrapeParsedAsync()).Named("anthropic_batch_result_errors_total"));
    }

    /// <summary>A 100,000-request batch with 2,500-character answers: about 270 MB of JSON Lines, streamed.</summary>
    [Fact]
    public async Task LargeResultsFile_StreamedWithBoundedHeap()
    {
        string id = "";
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => id = sim.DefaultWorkspace.CreateBatch(100_000, BatchPlan.NeverFinishes).Id,
            simulatorOptions: new SimulatorOptions { Seed = 11, ResultTextLength = 2_500 });
        h.Workspace.EndNow(id, succeeded: 99_000, errored: 1_000);
        var client = h.App.Services.GetRequiredService<BatchApiClient>();
        using var source = new ApiSource(new() { Name = "default", ApiKey = h.Simulator.ApiKey, BaseUrl = h.Server.BaseUrl.ToString() }, 1000, h.Time);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(2);
            }
        });
        var watch = Stopwatch.StartNew();
        var tally = await client.DownloadResultsAsync(source, id, CancellationToken.None);
        watch.Stop();
        await stop.CancelAsync();
        await sampler;

        Assert.NotNull(tally);
        Assert.Equal((99_000L, 1_000L), (tally.Succeeded, tally.Errored));
        var bytes = (await DownloadRawLengthAsync(h, id));
        Console.WriteLine($"results download: {bytes / 1e6:0} MB in {watch.Elapsed.TotalSeconds:0.0} s = {bytes / 1e6 / watch.Elapsed.TotalSeconds:0} MB/s; heap peak +{(peak - before) / 1024 / 1024.0:0.0} MiB (uncollected garbage included)");
        Assert.True(bytes > 250_000_000, $"file only {bytes} bytes");
        Assert.True(peak - before < 48L * 1024 * 1024, $"heap rose by {(peak - before) / 1024 / 1024} MiB while reading {bytes / 1024 / 1024} MiB");
    }

    private static async Task<string> DownloadRawAsync(ExporterHarness h, string id)
    {
        using var http = RawClient(h);
        return await http.GetStringAsync($"v1/messages/batches/{id}/results");
    }

    private static async Task<long> DownloadRawLengthAsync(ExporterHarness h, string id)
    {
        using var http = RawClient(h);
        await using var stream = await http.GetStreamAsync($"v1/messages/batches/{id}/results");
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static HttpClient RawClient(ExporterHarness h)
    {
        var http = new HttpClient { BaseAddress = h.Server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("x-api-key", h.Simulator.ApiKey);
        http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        return http;
    }
}
