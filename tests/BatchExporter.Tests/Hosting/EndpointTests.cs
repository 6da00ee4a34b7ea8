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
    public async Task Readyz_BeforeFirstSyncFinishes_Is503ThenOk()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => sim.Faults.Enqueue(SimulatedFault.Hang(), 1, "list"),
            waitForFirstSync: false);
        await WaitUntilAsync(() => h.Simulator.Log.Count("list") == 1);

        using (var pending = await h.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        }

        h.Time.Advance(TimeSpan.FromSeconds(31)); // the attempt timeout ends the hung call; the retry succeeds
        await WaitUntilAsync(() => h.Status.Attempts == 1, () => h.Time.Advance(TimeSpan.FromSeconds(1)));
        using var ready = await h.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Readyz_FirstSyncFailed_IsReadySoErrorsStayScrapeable()
    {
        await using var h = await ExporterHarness.StartAsync(settings: new Dictionary<string, string?> { ["Exporter:Sources:0:ApiKey"] = "wrong-key" });

        using var ready = await h.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("down (auth)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(0, m.Value("anthropic_batch_exporter_up"));
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in 30 s");
            nudge?.Invoke();
            await Task.Delay(20);
        }
    }
}
