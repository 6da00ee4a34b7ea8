using BatchApi.Simulator.Faults;
using BatchApi.Simulator.State;
using BatchApi.Simulator.Workloads;
using BatchExporter.Sync;
using BatchExporter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BatchExporter.Tests.Reliability;

/// <summary>429 retry-after, retries with backoff, and the request budget, asserted from the simulator's request log.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task RetryAfter_WithinRetryDelay_NextRequestNotBeforeIt()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)));
        h.Simulator.Faults.Enqueue(SimulatedFault.RateLimited(TimeSpan.FromSeconds(10)), 1, "list");
        var before = h.Simulator.Log.Entries.Count;

        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        var calls = h.Simulator.Log.Entries.Skip(before).ToList();
        Assert.Equal([429, 200], calls.Select(c => c.StatusCode));
        Assert.True(calls[1].Time - calls[0].Time >= TimeSpan.FromSeconds(10), $"retried after {calls[1].Time - calls[0].Time}");
        Assert.True(h.Status.Up);
    }

    [Fact]
    public async Task RetryAfter_LongerThanRetriesWait_SyncFailsRateLimitedAndNoRequestBeforeIt()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)));
        h.Simulator.Faults.Enqueue(SimulatedFault.RateLimited(TimeSpan.FromSeconds(150)), 1, "list");
        var before = h.Simulator.Log.Entries.Count;

        // Four minutes in one-second steps: the poller keeps its one-minute schedule, the budget holds every call back.
        for (var i = 0; i < 240; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }

        await h.WaitForAttemptsAsync(4, () => h.Time.Advance(TimeSpan.FromMilliseconds(100)));
        // Sync 2 (at 1 min) gets the 429 and fails without a retry; sync 3 (at 2 min) is held by the budget until the
        // retry-after ends (3.5 min); sync 4, due at 3 min, starts as soon as sync 3 ends. Sync 5 is due after 4 min.
        var calls = h.Simulator.Log.Entries.Skip(before).ToList();
        Assert.Equal([429, 200, 200], calls.Select(c => c.StatusCode));
        Assert.All(calls.Skip(1), c => Assert.True(c.Time - calls[0].Time >= TimeSpan.FromSeconds(150), $"request {c.Time - calls[0].Time} after the 429"));
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(1, m.Value("anthropic_batch_exporter_sync_errors_total", ("reason", "rate_limited")));
        Assert.Equal(1, m.Value("anthropic_batch_exporter_api_requests_total", ("endpoint", "list"), ("code", "429")));
    }

    [Fact]
    public async Task ServerErrorsAndOverload_RetriedWithBackoffInOneSync()
    {
        await using var h = await ExporterHarness.StartAsync((sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 10, TimeSpan.FromDays(1)));
        h.Simulator.Faults.Enqueue(SimulatedFault.ServerError(), 1, "list");
        h.Simulator.Faults.Enqueue(SimulatedFault.Overloaded(), 1, "list");
        var before = h.Simulator.Log.Entries.Count;

        await h.SyncWhileTimePassesAsync(TimeSpan.FromMilliseconds(100));

        var calls = h.Simulator.Log.Entries.Skip(before).ToList();
        Assert.Equal([500, 529, 200], calls.Select(c => c.StatusCode));
        Assert.True(calls[1].Time > calls[0].Time && calls[2].Time > calls[1].Time, "retries were not delayed");
        Assert.True(h.Status.Up);
    }

    [Fact]
    public async Task Budget_FirstSyncOf12Pages_NeverMoreThanBudgetInAnyMinute()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 11_500, TimeSpan.FromDays(3)),
            new Dictionary<string, string?> { ["Exporter:MaxRequestsPerMinute"] = "5", ["Exporter:PollInterval"] = "00:30:00" },
            waitForFirstSync: false);

        await h.WaitForAttemptsAsync(1, () => h.Time.Advance(TimeSpan.FromMilliseconds(100)));

        var calls = h.Simulator.Log.Entries.Where(e => e.Endpoint == "list").ToList();
        Assert.Equal(12, calls.Count);
        Assert.True(h.Status.Up);
        for (var i = 5; i < calls.Count; i++)
        {
            Assert.True(calls[i].Time - calls[i - 5].Time >= TimeSpan.FromMinutes(1), $"calls {i - 5} and {i} are {calls[i].Time - calls[i - 5].Time} apart");
        }
    }

    /// <summary>
    /// The case: an organization limit of 30 a minute enforced per second (one request every 2 s) and a
    /// budget of 20 a minute. Paced one every 3 s, the first sync of 20,000 batches (20 pages) gets no 429.
    /// </summary>
    [Fact]
    public async Task Budget_FirstSyncOf20000BatchesUnderPerSecondOrganizationLimit_NoRateLimitedAnswer()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) => Scenarios.SeedHistory(sim.DefaultWorkspace, 20_000, TimeSpan.FromDays(3)),
            new Dictionary<string, string?> { ["Exporter:MaxRequestsPerMinute"] = "20", ["Exporter:PollInterval"] = "00:30:00" },
            waitForFirstSync: false,
            simulatorOptions: new SimulatorOptions { Seed = 7, OrganizationRequestsPerMinute = 30 });

        await h.WaitForAttemptsAsync(1, () => AdvanceUnlessInFlight(h));

        var calls = h.Simulator.Log.Entries.ToList();
        Assert.Equal(0, calls.Count(c => c.StatusCode == 429));
        Assert.Equal(20, calls.Count(c => c.Endpoint == "list" && c.StatusCode == 200));
        Assert.True(h.Status.Up, h.Status.LastFailureMessage);
        var m = await h.ScrapeParsedAsync();
        Assert.Equal(20_000, m.Value("anthropic_batches", ("processing_status", "ended")));
    }

    /// <summary>The same organization limit with a process budget over two sources of 20 a minute each: still no 429.</summary>
    [Fact]
    public async Task Budget_ProcessWideCapOverTwoSources_NoRateLimitedAnswer()
    {
        await using var h = await ExporterHarness.StartAsync(
            (sim, _) =>
            {
                Scenarios.SeedHistory(sim.DefaultWorkspace, 5_000, TimeSpan.FromDays(3));
                Scenarios.SeedHistory(sim.AddWorkspace("wrkspc_01Second"), 5_000, TimeSpan.FromDays(3));
            },
            new Dictionary<string, string?>
            {
                ["Exporter:MaxRequestsPerMinute"] = "20",
                ["Exporter:MaxRequestsPerMinuteTotal"] = "20",
                ["Exporter:PollInterval"] = "00:30:00",
                ["Exporter:Sources:1:Name"] = "second",
                ["Exporter:Sources:1:ApiKey"] = "{key}",
                ["Exporter:Sources:1:BaseUrl"] = "{simulator}",
                ["Exporter:Sources:1:WorkspaceId"] = "wrkspc_01Second",
            },
            waitForFirstSync: false,
            simulatorOptions: new SimulatorOptions { Seed = 7, OrganizationRequestsPerMinute = 30 });

        var pollers = h.App.Services.GetRequiredService<SyncScheduler>().Pollers;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (pollers.Any(p => p.Cycles < 1) && DateTime.UtcNow < deadline)
        {
            AdvanceUnlessInFlight(h);
            await Task.Delay(5);
        }

        var calls = h.Simulator.Log.Entries.ToList();
        Assert.Equal(0, calls.Count(c => c.StatusCode == 429));
        Assert.Equal(10, calls.Count(c => c.Endpoint == "list" && c.StatusCode == 200));
        Assert.All(pollers, p => Assert.True(p.Status.Up, p.Status.LastFailureMessage));
    }

    /// <summary>
    /// Moves the clock 100 ms, unless a request has left its budget and not yet reached the simulator: the fake clock
    /// runs about 20 times faster than real time, so a few milliseconds of a cold start (JIT, a new connection) in
    /// flight would turn into seconds that no client can pace; on a real clock they stay milliseconds.
    /// </summary>
    private static void AdvanceUnlessInFlight(ExporterHarness h)
    {
        var granted = h.App.Services.GetRequiredService<SyncScheduler>().Sources.Sum(s => s.Budget.Granted);
        if (granted <= h.Simulator.Log.Entries.Count)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(100));
        }
    }
}
