using System.Net;
using BatchApi.Simulator.Faults;
using BatchApi.Simulator.Workloads;
using BatchExporter.Tests.Infrastructure;

namespace BatchExporter.Tests.Hosting;

public sealed class EndpointTests
{
    [Fact]
    public async Task Healthz_Always_Ok()
    {
        await using var h = await ExporterHarness.StartAsync();
        using var response = await h.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WhileTheFirstSyncHangs_ServingButSyncedIs503UntilItFinishes()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => sim.Faults.Enqueue(SimulatedFault.Hang(), 1, "list"),
            waitForFirstSync: false);
        await WaitUntilAsync(() => h.Simulator.Log.Count("list") == 1);

        using (var ready = await h.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("ready\ndefault: first sync pending\n", await ready.Content.ReadAsStringAsync());
        }

        using (var pending = await h.Http.GetAsync("/synced"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        }

        Assert.Equal(0, (await h.ScrapeParsedAsync()).Value("anthropic_up"));
        h.Time.Advance(TimeSpan.FromSeconds(31)); // the attempt timeout ends the hung call; the retry succeeds
        await WaitUntilAsync(() => h.Status.Attempts == 1, () => h.Time.Advance(TimeSpan.FromSeconds(1)));
        using var synced = await h.Http.GetAsync("/synced");
        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
        Assert.Equal("synced\ndefault: up\n", await synced.Content.ReadAsStringAsync());
    }

    /// <summary>A first sync of several pages, held back by the budget after its first page: its progress shows.</summary>
    [Fact]
    public async Task FirstSyncInProgress_ListedBatchesOnLandingPageReadyzAndMetric()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 2_500, TimeSpan.FromDays(2)),
            new Dictionary<string, string?> { ["Exporter:MaxRequestsPerMinute"] = "1" },
            waitForFirstSync: false);
        await WaitUntilAsync(() => h.Simulator.Log.Count("list") == 1 && h.Status.FirstSyncListed == 1000);

        Assert.Equal(1000, (await h.ScrapeParsedAsync()).Value("anthropic_batch_exporter_first_sync_listed_batches"));
        Assert.Contains("default: first sync in progress, 1,000 batches listed\n", await h.Http.GetStringAsync("/readyz"), StringComparison.Ordinal);
        Assert.Contains("<td>first sync in progress, 1,000 batches listed</td>", await h.Http.GetStringAsync("/"), StringComparison.Ordinal);

        await WaitUntilAsync(() => h.Status.Attempts == 1, () => h.Time.Advance(TimeSpan.FromSeconds(1)));
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(2_500, m.Value("anthropic_batch_exporter_first_sync_listed_batches"));
        Assert.Equal(3, h.Simulator.Log.Count("list"));
    }

    [Fact]
    public async Task Readyz_FirstSyncFailed_IsReadySoErrorsStayScrapeable()
    {
        await using var h = await ExporterHarness.StartAsync(settings: new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = "wrong-key" });

        using var ready = await h.Http.GetAsync("/synced");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("default: down (auth)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(0, m.Value("anthropic_up"));
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "auth")));
        Assert.Empty(m.Named("anthropic_batches"));
        Assert.Empty(m.Named("anthropic_batch_exporter_last_success_timestamp_seconds"));
    }

    [Fact]
    public async Task LandingPage_ShowsLinksAndSourceStatus()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 12, TimeSpan.FromDays(1)));
        using var response = await h.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/metrics\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>default</td><td>up</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>12</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Simulator.ApiKey, html, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Action? nudge = null)
    {
        var met = await Eventually.TrueAsync(
            () =>
            {
                if (condition())
                {
                    return true;
                }

                nudge?.Invoke();
                return false;
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(20));
        Assert.True(met, "condition not met in 30 s");
    }
}
