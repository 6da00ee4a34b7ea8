using System.Net.Http.Headers;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Metrics;

/// <summary>Every family of the contract, with its exact name, type and labels, in a scenario that shows them all.</summary>
public sealed class MetricContractTests
{
    private static async Task<ExporterHarness> EverythingScenarioAsync()
    {
        string ending = "";
        var h = await ExporterHarness.StartAsync((sim, _) =>
        {
            Scenarios.SeedHistory(sim.DefaultWorkspace, 100, TimeSpan.FromDays(2));
            sim.DefaultWorkspace.CreateBatch(3, BatchPlan.NeverFinishes);
            ending = sim.DefaultWorkspace.CreateBatch(4, BatchPlan.NeverFinishes).Id;
        }, new Dictionary<string, string?> { ["Exporter:Results:Enabled"] = "true" });
        h.Workspace.EndNow(ending, succeeded: 2, errored: 1, expired: 1);
        h.Simulator.Faults.Enqueue(SimulatedFault.Error(403, "permission_error"), 1, "list");
        await h.SyncAsync(); // fails: permission
        await h.SyncAsync(); // sees the batch end
        return h;
    }

    [Fact]
    public async Task Scrape_EveryContractFamily_HasItsNameTypeAndLabels()
    {
        await using var h = await EverythingScenarioAsync();
        var m = await h.ScrapeParsedAsync();

        foreach (var (name, (type, labels)) in MetricContract.Families)
        {
            Assert.True(m.Types.TryGetValue(name, out var declared), $"family {name} missing");
            Assert.Equal(type, declared);
            var samples = m.Samples.Where(s => MetricContract.FamilyOf(s.Name) == name).ToList();
            Assert.True(samples.Count > 0, $"family {name} has no samples");
            foreach (var sample in samples)
            {
                var expected = labels.ToHashSet();
                if (!MetricContract.WithoutWorkspace(name))
                {
                    expected.Add("workspace");
                }

                if (sample.Name.EndsWith("_bucket", StringComparison.Ordinal))
                {
                    expected.Add("le");
                }

                Assert.True(expected.SetEquals(sample.Labels.Keys), $"{sample.Name}: labels {string.Join(",", sample.Labels.Keys)}, expected {string.Join(",", expected)}");
            }
        }
    }

    [Fact]
    public async Task Scrape_OnlyContractFamilies_AndNoScopeLabels()
    {
        await using var h = await EverythingScenarioAsync();
        var m = await h.ScrapeParsedAsync();

        Assert.Empty(m.Types.Keys.Except(MetricContract.Families.Keys));
        Assert.DoesNotContain("otel_scope", m.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("target_info", m.Text, StringComparison.Ordinal);
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "permission")));
        Assert.Equal(1, m.Value("anthropic_batch_exporter_api_requests_total", ("endpoint", "list"), ("code", "403")));
        Assert.Equal(1, m.Value("anthropic_batches_ended_total", ("reason", "expired")));
        Assert.Equal(1, m.Value("anthropic_up"));
    }

    [Fact]
    public async Task Scrape_TextFormat_PassesPromtoolCheckMetrics()
    {
        await using var h = await EverythingScenarioAsync();
        Assert.Empty(await PromTool.MetricsProblemsAsync(await h.ScrapeAsync()));
    }

    [Fact]
    public async Task Scrape_OpenMetricsRequested_EndsWithEofAfterPerBatchFamilies()
    {
        await using var h = await EverythingScenarioAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/openmetrics-text; version=1.0.0"));
        using var response = await h.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("# EOF").Length - 1);
        Assert.True(text.IndexOf("anthropic_batch_status{", StringComparison.Ordinal) < text.IndexOf("# EOF", StringComparison.Ordinal));
        Assert.Contains("anthropic_batches_ended_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_Expiring_EvaluatedAtScrapeTimeWithoutASync()
    {
        await using var h = await ExporterHarness.StartAsync((sim, time) =>
        {
            var now = time.GetUtcNow();
            sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes, now - TimeSpan.FromHours(23.5));                     // expires in 30 min
            sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes, now - TimeSpan.FromHours(23) + TimeSpan.FromSeconds(20)); // in 1 h 20 s
            sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes, now - TimeSpan.FromHours(20));                       // in 4 h
            sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes, now - TimeSpan.FromHours(1));                        // in 23 h
        });
        var before = await h.ScrapeParsedAsync();
        Assert.Equal(1, before.Value("anthropic_batches_expiring", ("within", "1h")));
        Assert.Equal(3, before.Value("anthropic_batches_expiring", ("within", "6h")));

        h.Time.Advance(TimeSpan.FromSeconds(30)); // less than a poll interval: no sync
        var after = await h.ScrapeParsedAsync();
        Assert.Equal(1, h.Status.Attempts);
        Assert.Equal(2, after.Value("anthropic_batches_expiring", ("within", "1h")));
        Assert.Equal(
            (h.Time.GetUtcNow() - TimeSpan.FromHours(23.5)).ToUnixTimeMilliseconds() / 1000.0 - 30,
            after.Value("anthropic_batch_oldest_active_created_timestamp_seconds"),
            precision: 3);
    }

    [Fact]
    public async Task Scrape_ConfiguredThresholds_LabelledAsPrometheusDurations()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => sim.DefaultWorkspace.CreateBatch(1, BatchPlan.NeverFinishes),
            new Dictionary<string, string?> { ["Exporter:ExpiringWithin:0"] = "01:30:00", ["Exporter:ExpiringWithin:1"] = "1.00:00:00" });
        var m = await h.ScrapeParsedAsync();

        Assert.Equal(["1h30m", "24h"], m.Named("anthropic_batches_expiring").Select(s => s.Labels["within"]).Order());
        Assert.Equal(1, m.Value("anthropic_batches_expiring", ("within", "24h")));
    }

    /// <summary>Prometheus asks for gzip: the whole body, per-batch families included, must be one valid gzip stream.</summary>
    [Fact]
    public async Task Scrape_GzipAccepted_WholeBodyCompressed()
    {
        await using var h = await EverythingScenarioAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await h.Http.SendAsync(request);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));

        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var text = await reader.ReadToEndAsync();
        Assert.Contains("anthropic_batch_status{", text, StringComparison.Ordinal);
        Assert.Contains("anthropic_batches_ended_total{", text, StringComparison.Ordinal);
        Assert.Empty(await PromTool.MetricsProblemsAsync(text));
    }
}
